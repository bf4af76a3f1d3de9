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
    event.preventDefault();
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    var first = document.querySelector(".md-sidebar--primary .md-nav__link[href], .md-sidebar--primary a[href]");
    // wait a frame: the menu is hidden (and cannot take focus) until the checkbox is ticked
    requestAnimationFrame(function () { if (first) first.focus(); });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
      button.focus();
    }
  });
})();
