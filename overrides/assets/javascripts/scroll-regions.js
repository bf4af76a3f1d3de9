// Wide tables that scroll sideways, reachable from the keyboard.
// Material wraps each table in a box that scrolls when the table is wider than the screen; a
// keyboard user can only scroll a box that can take focus (WCAG 2.1.1; axe:
// scrollable-region-focusable). Each box that scrolls gets focus and a name; one that fits does not.
(function () {
  function label(wrap) {
    var table = wrap.querySelector("table");
    var caption = table && table.querySelector("caption");
    var heading = null;
    for (var el = wrap.previousElementSibling; el && !heading; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) heading = el;
    }
    var name = caption ? caption.textContent : heading ? heading.textContent.replace(/\u00b6$/, "") : "";
    return ("Table" + (name ? ": " + name.trim() : "") + " (scrolls sideways)");
  }

  function update() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < wraps.length; i++) {
      var wrap = wraps[i];
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", label(wrap));
      } else if (wrap.hasAttribute("tabindex")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    }
  }

  // Material builds the wrappers when a page is shown (document$ is its page stream).
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { requestAnimationFrame(update); });
  } else {
    document.addEventListener("DOMContentLoaded", update);
  }
  var timer;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
})();
