// Find your school (the national home's find-your-school/ page): every school of the edition, found
// by its name, URN, town or postcode district with alphagov's accessible-autocomplete (served by the
// site itself), leading to its page on its authority's site and to the builder started from its
// register entry. The page lists every authority without this script; this only adds the search.
// It searches and shows: it decides nothing about a school (the pages and the builder do that).
(function () {
  "use strict";
  var box = document.getElementById("cc-finder");
  if (!box || typeof window.accessibleAutocomplete !== "function" || typeof window.fetch !== "function") return;
  var field = document.getElementById("cc-finder-field");
  var result = document.getElementById("cc-finder-result");
  var hint = document.getElementById("cc-finder-hint");
  var LIMIT = 20; // suggestions shown at once: enough to scan, few enough to read out
  var authorities = [];
  var schools = []; // {name, urn, place, district, authority, slug, words}

  // Letters without accents or apostrophes, lower case, words split on anything else.
  function plain(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/['\u2019]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // One school's words: name, place and authority; its district and URN are matched on their own.
  function entry(row) {
    var authority = authorities[row[4]] || ["", ""];
    return {
      name: row[0], urn: row[1], place: row[2], district: row[3], authority: authority[1], slug: row[5],
      site: authority[0], words: " " + plain(row[0] + " " + row[2] + " " + authority[1]) + " ",
      first: plain(row[0]), postcode: row[3].toLowerCase()
    };
  }

  // Every word typed must be found: as the start of a word of the name, place or authority, or as
  // the start of the URN or of the postcode district. Names that start with what was typed come first.
  function search(query, populate) {
    var words = plain(query).split(" ").filter(Boolean);
    if (!words.length) return populate([]);
    var whole = words.join(" ");
    var found = [];
    for (var i = 0; i < schools.length; i++) {
      var s = schools[i];
      var every = true;
      for (var w = 0; w < words.length && every; w++) {
        var word = words[w];
        every = s.words.indexOf(" " + word) !== -1 || s.urn.indexOf(word) === 0 ||
          (s.postcode !== "" && s.postcode.indexOf(word) === 0);
      }
      if (every) found.push(s);
    }
    found.sort(function (a, b) {
      var rank = (b.first.indexOf(whole) === 0) - (a.first.indexOf(whole) === 0) || (b.urn === whole) - (a.urn === whole);
      return rank || a.first.localeCompare(b.first) || a.urn.localeCompare(b.urn);
    });
    populate(found.slice(0, LIMIT));
  }

  function described(s) {
    return [s.place, s.district, s.authority, "URN " + s.urn].filter(Boolean).join(", ");
  }

  function show(s) {
    if (!s) { result.replaceChildren(); return; }
    var site = "../" + encodeURIComponent(s.site) + "/";
    var slug = encodeURIComponent(s.slug);
    result.innerHTML =
      '<div class="cc-finder__school">' +
      "<h2>" + escapeHtml(s.name) + "</h2>" +
      "<p>" + escapeHtml(described(s)) + "</p>" +
      '<ul class="cc-finder__links">' +
      '<li><a href="' + site + "schools/" + slug + '/">Read ' + escapeHtml(s.name) + "'s draft policy</a>, " +
      "written from what the register says about it</li>" +
      '<li><a href="' + site + "make-a-policy/?school=" + slug + '">Start ' + escapeHtml(s.name) +
      "'s policy in the builder</a>, with its register entry filled in</li>" +
      "</ul></div>";
  }

  // accessible-autocomplete manages the input's aria-describedby: keep the hint in it.
  function keepHint(input) {
    var keep = function () {
      var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (ids.indexOf(hint.id) === -1) ids.push(hint.id);
      input.setAttribute("aria-describedby", ids.join(" "));
    };
    keep();
    input.addEventListener("focus", keep);
  }

  fetch(new URL(box.getAttribute("data-schools"), document.baseURI))
    .then(function (response) {
      if (!response.ok) throw new Error("the list of schools could not be fetched (" + response.status + ")");
      return response.json();
    })
    .then(function (data) {
      authorities = data.authorities;
      schools = data.schools.map(entry);
      window.accessibleAutocomplete({
        element: field,
        id: "cc-finder-input",
        name: "school",
        source: search,
        minLength: 2,
        autoselect: false, // no typed-ahead hint: an input without a label (axe), and Enter on a choice is plainer
        confirmOnBlur: false,
        showNoOptionsFound: true,
        displayMenu: "overlay",
        tNoResults: function () { return "No school found: try its URN, its town or its postcode district"; },
        templates: {
          inputValue: function (s) { return s ? s.name : ""; },
          suggestion: function (s) {
            return s ? "<strong>" + escapeHtml(s.name) + "</strong><br>" + escapeHtml(described(s)) : "";
          }
        },
        onConfirm: function (s) { if (s) show(s); }
      });
      box.hidden = false;
      box.setAttribute("data-ready", String(schools.length));
      keepHint(document.getElementById("cc-finder-input"));
    })
    .catch(function (error) {
      // the list of authorities below still leads to every school
      box.hidden = true;
      if (window.console) window.console.warn(error);
    });
})();
