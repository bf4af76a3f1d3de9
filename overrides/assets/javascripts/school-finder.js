// Finding a school among an authority's hundreds: a plain select of every school on the site, enhanced
// with alphagov's accessible-autocomplete (served by the site itself) so that typing a few letters of its
// name, town or URN finds it. Loaded only when a school looks itself up, so the builder's page is no
// heavier for anyone else; if the autocomplete cannot load, the plain select still works.

// The site's list of its schools: [{slug, name, town, urn}].
export async function schoolList(url) {
  const response = await fetch(new URL(url, document.baseURI));
  if (!response.ok) throw new Error(`the list of schools could not be fetched (${response.status})`);
  const list = await response.json();
  if (!Array.isArray(list)) throw new Error("the list of schools is not a list");
  const text = (value) => (typeof value === "string" ? value : "");
  return list.filter((s) => s && typeof s.slug === "string" && s.slug)
    .map((s) => ({ slug: s.slug, name: text(s.name) || s.slug, town: text(s.town), urn: text(s.urn) }));
}

// How a school is listed: what it may be looked up by.
export const listed = (school) => [school.name, school.town, school.urn && `URN ${school.urn}`].filter(Boolean).join(", ");

export function fillSelect(select, schools) {
  select.replaceChildren(new Option("Choose your school", ""), ...schools.map((s) => new Option(listed(s), s.slug)));
}

function load(tag, attributes) {
  return new Promise((resolve, reject) => {
    const element = Object.assign(document.createElement(tag), attributes);
    element.addEventListener("load", resolve);
    element.addEventListener("error", () => reject(new Error(`${attributes.src || attributes.href} could not be loaded`)));
    document.head.append(element);
  });
}

let loaded = null;

// Turn the select into an autocomplete (accessible-autocomplete's own enhanceSelectElement).
export async function enhance(select, base) {
  const at = (name) => new URL(base + name, document.baseURI).href;
  loaded ??= Promise.all([
    load("link", { rel: "stylesheet", href: at("accessible-autocomplete.min.css") }),
    load("script", { src: at("accessible-autocomplete.min.js") }),
  ]);
  await loaded;
  if (!select.isConnected) return;
  const hint = select.getAttribute("aria-describedby");
  const byText = new Map([...select.options].map((option) => [option.textContent, option.value]));
  window.accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    defaultValue: "",
    minLength: 2,
    // No typed-ahead hint: it is an input without a label (axe: label), and choosing by arrow and Enter is plainer.
    autoselect: false,
    showNoOptionsFound: true,
    tNoResults: () => "No school found: try its town or URN",
    // A school is chosen only when she picks one; text that names none chooses none. On leaving the box the
    // autocomplete confirms nothing (undefined): what the box then says decides.
    onConfirm: (text) => {
      const shown = text ?? document.getElementById(select.id.replace(/-select$/, ""))?.value ?? "";
      select.value = byText.get(shown) ?? "";
    },
  });
  const input = document.getElementById(select.id.replace(/-select$/, ""));
  if (input && hint) {
    const keep = () => {
      const ids = new Set((input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean));
      hint.split(" ").forEach((id) => ids.add(id));
      input.setAttribute("aria-describedby", [...ids].join(" "));
    };
    keep();
    input.addEventListener("focus", keep);
  }
}
