// Starting from a school on the site, in every builder (the policy builder, "Review your school's work"):
// the "Find your school" page, what its form does, and a school named in the page's address
// (?school=<slug>). The list of schools and its autocomplete are school-finder.js, imported only once this
// page is shown, so that no one who starts another way loads them.

import { backLink, errorMessage, errorSummary } from "./govuk-form.js";

// The page. `replaces`: HTML telling her what choosing a school replaces ("" when nothing is kept).
export function findSchoolHTML(problems, replaces) {
  const mine = problems.filter((p) => p.target === "cc-school");
  return `${backLink("#start")}${errorSummary(problems)}
    <form id="cc-from-school" novalidate>
    <div class="cc-form-group${mine.length ? " cc-form-group--error" : ""}">
      <h1 class="cc-heading cc-heading--label" tabindex="-1"><label class="cc-label cc-label--l" for="cc-school">Find your school</label></h1>
      <div class="cc-hint" id="cc-school-hint">Start typing its name, its town or its unique reference number (URN), then choose it from the list.</div>
      ${errorMessage("cc-school", mine.map((p) => p.message))}
      <div id="cc-school-wrapper"><select class="cc-select" id="cc-school" name="school" aria-describedby="cc-school-hint${mine.length ? " cc-school-error" : ""}">
        <option value="">Loading the list of schools...</option></select></div>
    </div>
    ${replaces}
    <p class="cc-wait" role="status"></p>
    <p><button type="submit" class="md-button md-button--primary">Continue</button></p></form>`;
}

// The page's form, once drawn in `root`: the site's list (setup.schools) fills the select, and the
// autocomplete (setup.autocomplete) enhances it. `chosen(school)` starts from the school she chose;
// `redraw(problems)` shows the page again when she chose none.
export async function wireFindSchool(root, setup, { chosen, redraw }) {
  const select = root.querySelector("#cc-school");
  const form = root.querySelector("#cc-from-school");
  let schools = [];
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const school = schools.find((s) => s.slug === select.value);
    if (!school) {
      redraw([{ target: "cc-school", message: "Select your school from the list" }]);
      return;
    }
    await chosen(school);
  });
  let finder;
  try {
    finder = await import("./school-finder.js");
    schools = await finder.schoolList(setup.schools);
    finder.fillSelect(select, schools);
  } catch (error) {
    console.error(error);
    select.replaceChildren(new Option("The list of schools could not be loaded", ""));
    return;
  }
  // Without the autocomplete (it could not load) the plain select is still there, and works.
  finder.enhance(select, setup.autocomplete).catch((error) => console.error(error));
}

// The school the page's address names (?school=<slug>), as {slug, name} until its name is known; null for none.
export function startingSchool() {
  const slug = new URLSearchParams(location.search).get("school");
  if (!slug || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return null;
  return { slug, name: slug };
}
