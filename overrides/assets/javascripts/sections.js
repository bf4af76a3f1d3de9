// Long pages with a marker (data-cc-sections): each h3 section opens and closes, as GOV.UK's
// accordion and step-by-step do. Without JavaScript every section is open; so is every section in
// print. A section opens when a link (the contents, a search result, an address) points into it.
// The marker names the sections that start open; its note and buttons exist only on screen.
(function () {
  var marker = document.querySelector("[data-cc-sections]");
  if (!marker) return;
  var startOpen = (marker.getAttribute("data-cc-sections") || "").split(/\s+/);
  var content = marker.closest(".md-content__inner");
  if (!content) return;
  var sections = [];

  function setOpen(section, open) {
    section.button.setAttribute("aria-expanded", open ? "true" : "false");
    section.state.textContent = open ? "Hide" : "Show";
    section.body.hidden = !open;
    // A table shown now may scroll sideways: scroll-regions.js checks again on a resize.
    window.dispatchEvent(new Event("resize"));
  }

  var headings = content.querySelectorAll("h3[id]");
  for (var i = 0; i < headings.length; i++) {
    var heading = headings[i];
    var body = document.createElement("div");
    body.id = heading.id + "-section";
    body.className = "cc-section__body";
    for (var el = heading.nextElementSibling; el && !/^H[1-3]$/.test(el.tagName);) {
      var next = el.nextElementSibling;
      body.appendChild(el);
      el = next;
    }
    heading.parentNode.insertBefore(body, heading.nextSibling);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cc-section__toggle";
    button.setAttribute("aria-controls", body.id);
    while (heading.firstChild && !(heading.firstChild.classList && heading.firstChild.classList.contains("headerlink"))) {
      button.appendChild(heading.firstChild);
    }
    var state = document.createElement("span");
    state.className = "cc-section__state";
    button.appendChild(document.createTextNode(" "));
    button.appendChild(state);
    heading.insertBefore(button, heading.firstChild);
    heading.classList.add("cc-section");
    var section = {heading: heading, body: body, button: button, state: state};
    sections.push(section);
    setOpen(section, startOpen.indexOf(heading.id) >= 0);
    button.addEventListener("click", (function (s) {
      return function () { setOpen(s, s.button.getAttribute("aria-expanded") !== "true"); };
    })(section));
  }
  if (!sections.length) return;

  // One button opens or closes them all.
  var all = document.createElement("button");
  all.type = "button";
  all.className = "md-button cc-section__all";
  function allOpen() {
    return sections.every(function (s) { return !s.body.hidden; });
  }
  function label() {
    all.textContent = allOpen() ? "Hide all sections" : "Show all sections";
  }
  all.addEventListener("click", function () {
    var open = !allOpen();
    sections.forEach(function (s) { setOpen(s, open); });
    label();
  });
  content.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest(".cc-section__toggle")) label();
  });
  marker.appendChild(all);
  label();

  // A link into a closed section opens it first.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    sections.forEach(function (s) {
      if (s.heading === target || s.body.contains(target)) setOpen(s, true);
    });
    label();
  }
  window.addEventListener("hashchange", reveal);
  reveal();
  if (location.hash) {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) target.scrollIntoView();
  }

  // Paper shows everything, then the page returns to how the reader left it.
  var before = null;
  window.addEventListener("beforeprint", function () {
    before = sections.map(function (s) { return !s.body.hidden; });
    sections.forEach(function (s) { setOpen(s, true); });
  });
  window.addEventListener("afterprint", function () {
    if (before) sections.forEach(function (s, i) { setOpen(s, before[i]); });
    label();
  });
})();
