// The schools' table (schools/index.md, table.cc-schools), filtered in place by name, phase and
// town. Without JavaScript the table is all there, in the page's text; this only adds the form.
(function () {
  "use strict";
  var table = document.querySelector("table.cc-schools");
  var status = document.getElementById("cc-schools-count");
  if (!table || !status) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);

  function field(label, control) {
    var id = "cc-filter-" + control.name;
    var wrap = document.createElement("div");
    wrap.className = "cc-filter__field";
    var lab = document.createElement("label");
    lab.htmlFor = id;
    lab.textContent = label;
    control.id = id;
    wrap.appendChild(lab);
    wrap.appendChild(control);
    return wrap;
  }

  function choices(name, all, values) {
    var select = document.createElement("select");
    select.name = name;
    select.add(new Option(all, ""));
    values.forEach(function (v) { select.add(new Option(v[1], v[0])); });
    return select;
  }

  function distinct(read) {
    var seen = {};
    rows.forEach(function (row) { var v = read(row); seen[v[0]] = v[1]; });
    return Object.keys(seen).sort(function (a, b) { return seen[a].localeCompare(seen[b]); })
      .map(function (k) { return [k, seen[k]]; });
  }

  var name = document.createElement("input");
  name.type = "search";
  name.name = "name";
  name.autocomplete = "off";
  var phase = choices("phase", "All phases", distinct(function (row) {
    return [row.getAttribute("data-phase"), row.cells[1].textContent];
  }));
  var town = choices("town", "All towns", distinct(function (row) {
    return [row.getAttribute("data-town"), row.getAttribute("data-town")];
  }));

  var form = document.createElement("form");
  form.className = "cc-filter";
  form.setAttribute("role", "search");
  form.setAttribute("aria-label", "Filter the schools");
  form.appendChild(field("School name contains", name));
  form.appendChild(field("Phase", phase));
  form.appendChild(field("Town", town));
  var clear = document.createElement("button");
  clear.type = "reset";
  clear.className = "md-button";
  clear.textContent = "Clear filters";
  form.appendChild(clear);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  status.parentNode.insertBefore(form, status);

  var timer = null;
  function apply() {
    var words = name.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var rowName = row.getAttribute("data-name");
      var keep = words.every(function (w) { return rowName.indexOf(w) >= 0; }) &&
        (!phase.value || row.getAttribute("data-phase") === phase.value) &&
        (!town.value || row.getAttribute("data-town") === town.value);
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    var filtered = words.length || phase.value || town.value;
    status.textContent = filtered
      ? (shown ? "Showing " + shown + " of " + rows.length + " schools." : "No school matches: change or clear the filters.")
      : "There are " + rows.length + " schools.";
  }
  function soon() {  // the status is a live region: say the count once typing pauses
    clearTimeout(timer);
    timer = setTimeout(apply, 200);
  }
  name.addEventListener("input", soon);
  phase.addEventListener("change", apply);
  town.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
})();
