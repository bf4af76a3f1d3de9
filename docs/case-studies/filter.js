// Filters the case-studies index in place, and lets filters combine (strand AND phase, ...).
// Without JavaScript the same links open the generated filter pages, so nothing depends on this.
(function () {
  "use strict";
  var nav = document.querySelector("nav.cc-filters");
  var items = Array.prototype.slice.call(document.querySelectorAll("li[data-strand]"));
  var status = document.getElementById("cc-count");
  if (!nav || !items.length || !status) return;
  var chosen = {}; // facet -> value, e.g. {strand: "equity-excellence"}
  var facetOf = /\/(strand|dimension|phase|setting)\/([a-z0-9-]+)\/(?:index\.html)?$/;
  var clear = document.createElement("button");
  clear.type = "button";
  clear.className = "md-button";
  clear.textContent = "Show all case studies";
  clear.style.display = "none"; // Material styles .md-button as inline-block, which would outrank `hidden`
  status.insertAdjacentElement("afterend", clear);

  function has(li, facet, value) {
    return (" " + li.getAttribute("data-" + facet) + " ").indexOf(" " + value + " ") >= 0;
  }

  function apply() {
    var facets = Object.keys(chosen);
    var shown = 0;
    items.forEach(function (li) {
      var keep = facets.every(function (f) { return has(li, f, chosen[f]); });
      li.hidden = !keep;
      if (keep) shown += 1;
    });
    Array.prototype.forEach.call(nav.querySelectorAll("a"), function (a) {
      var m = facetOf.exec(a.pathname);
      var on = m && chosen[m[1]] === m[2];
      if (on) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
      a.style.fontWeight = on ? "700" : "";
    });
    status.textContent = facets.length
      ? "Showing " + shown + " of " + items.length + " case studies."
      : "There are " + items.length + " case studies.";
    clear.style.display = facets.length ? "" : "none";
    var hash = facets.map(function (f) { return f + "=" + chosen[f]; }).join("&");
    history.replaceState(null, "", hash ? "#" + hash : location.pathname);
  }

  nav.addEventListener("click", function (event) {
    var a = event.target.closest("a");
    var m = a && facetOf.exec(a.pathname);
    if (!m) return;
    event.preventDefault();
    if (chosen[m[1]] === m[2]) delete chosen[m[1]]; else chosen[m[1]] = m[2];
    apply();
  });
  clear.addEventListener("click", function () { chosen = {}; apply(); });

  // A shared link such as #strand=equity-excellence&phase=primary opens already filtered.
  location.hash.slice(1).split("&").forEach(function (pair) {
    var kv = pair.split("=");
    if (/^(strand|dimension|phase|setting)$/.test(kv[0]) && /^[a-z0-9-]+$/.test(kv[1] || "")) chosen[kv[0]] = kv[1];
  });
  if (Object.keys(chosen).length) apply();
})();
