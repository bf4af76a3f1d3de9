// The menu button on small screens, usable from the keyboard.
// Material's menu "button" is a <label> for a hidden checkbox, which Tab never reaches
// (squidfunk/mkdocs-material#4101). Give it a button's role and keys; move focus into the menu
// when it opens and back to the button when Escape closes it.
(function () {
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector('label.md-header__button[for="__drawer"]');
  if (!toggle || !button) return;
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-label", "Menu");
  button.setAttribute("aria-controls", "__drawer");

  function show(state) {
    button.setAttribute("aria-expanded", state ? "true" : "false");
  }
  show(toggle.checked);
  toggle.addEventListener("change", function () { show(toggle.checked); });

  button.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    // Material clicks a focused <label> on Enter itself; stop it here so the menu is not toggled twice
    event.preventDefault();
    event.stopPropagation();
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    // Wait for the menu to slide in, then focus the first link a reader can see: Material opens
    // the menu at the current section, with the levels above stacked underneath it.
    setTimeout(function () {
      var links = document.querySelectorAll(".md-sidebar--primary a[href]");
      for (var i = 0; i < links.length; i++) {
        var box = links[i].getBoundingClientRect();
        var top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        if (box.width > 0 && top && (top === links[i] || links[i].contains(top))) {
          links[i].focus();
          return;
        }
      }
    }, 300);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
      button.focus();
    }
  });
})();
