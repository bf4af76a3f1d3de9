// GOV.UK Design System patterns for the guide's builders (the policy builder, and any builder after
// it): question pages and their fields, the error summary, the date input, summary cards, notification
// banners and the back link, as HTML, and the little behaviour they need (conditional reveals, error
// summary links). They only show what they are given: every question, rule and message comes from
// the guide's Python (cohesion_guide/builder/), never from here.
//
// A question (a "field") is described as the Python gives it: {id, path, label, hint, required,
// widget: text | textarea | lines | radios | select | grouped | checkboxes | date, options: [{value,
// label}], groups: [{label, question, values}], inputmode, width, suffix}.

export const esc = (text) => String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

export const DATE_PARTS = [["day", "Day", 2], ["month", "Month", 2], ["year", "Year", 4]];

// The answer a widget shows, whatever was kept: text for text, a list for boxes, three parts for a date.
export function shownAnswer(field, value) {
  if (field.widget === "checkboxes") {
    if (Array.isArray(value)) return value.map(String);
    return typeof value === "string" ? value.split("\n").map((v) => v.trim()).filter(Boolean) : [];
  }
  if (field.widget === "date") {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return Object.fromEntries(DATE_PARTS.map(([part]) => [part, typeof value[part] === "string" ? value[part] : ""]));
    }
    return { day: typeof value === "string" ? value : "", month: "", year: "" };
  }
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

export function isBlank(field, value) {
  const shown = shownAnswer(field, value);
  if (field.widget === "checkboxes") return shown.length === 0;
  if (field.widget === "date") return DATE_PARTS.every(([part]) => !shown[part].trim());
  return !shown.trim();
}

// ---- the error summary and messages -------------------------------------------------------------

// problems: [{target, message, href?}]. A link with a target on this page moves focus to it (wireErrors).
export function errorSummary(problems) {
  if (!problems.length) return "";
  const items = problems.map((p) => {
    const href = p.href || `#${p.target}`;
    const target = p.href ? "" : ` data-target="${esc(p.target)}"`;
    return `<li><a href="${esc(href)}"${target}>${esc(p.message)}</a></li>`;
  }).join("");
  return `<div class="cc-error-summary" tabindex="-1" role="alert" aria-labelledby="cc-error-title">
    <h2 class="cc-error-summary__title" id="cc-error-title">There is a problem</h2>
    <ul class="cc-error-summary__list">${items}</ul></div>`;
}

export function errorMessage(id, messages) {
  if (!messages.length) return "";
  return `<p class="cc-error-message" id="${esc(id)}-error"><span class="cc-visually-hidden">Error:</span> ${messages.map(esc).join(" ")}</p>`;
}

// ---- questions ---------------------------------------------------------------------------------

function hintText(field) {
  const extra = field.widget === "lines" ? "Write each one on its own line." : "";
  return [field.hint, extra].filter(Boolean).join(" ");
}

function describedBy(id, hint, messages) {
  const ids = [hint ? `${id}-hint` : "", messages.length ? `${id}-error` : ""].filter(Boolean).join(" ");
  return ids ? ` aria-describedby="${ids}"` : "";
}

// One question as a GOV.UK form group. `asHeading`: the label is the page's heading (a page of one question).
export function fieldHTML(field, id, value, messages = [], { asHeading = false } = {}) {
  const hint = hintText(field);
  const label = esc(field.label) + (field.required ? "" : " (optional)");
  const hintHTML = hint ? `<div class="cc-hint" id="${esc(id)}-hint">${esc(hint)}</div>` : "";
  const errorHTML = errorMessage(id, messages);
  const group = `cc-form-group${messages.length ? " cc-form-group--error" : ""}`;
  const invalid = messages.length ? ' aria-invalid="true"' : "";
  const shown = shownAnswer(field, value);
  const heading = (inner, tag) => (asHeading ? `<h1 class="cc-heading cc-heading--label" tabindex="-1">${tag(inner)}</h1>` : tag(inner));
  const legend = (inner) => `<legend class="cc-label${asHeading ? " cc-label--l" : ""}">${inner}</legend>`;
  if (["radios", "grouped", "checkboxes", "date"].includes(field.widget)) {
    const body = {
      radios: () => radiosHTML(field, id, shown, invalid),
      grouped: () => groupedHTML(field, id, shown, invalid),
      checkboxes: () => checkboxesHTML(field, id, shown, invalid),
      date: () => dateHTML(id, shown, invalid),
    }[field.widget]();
    const role = field.widget === "date" ? ' role="group"' : "";
    const legendHTML = asHeading ? `<legend class="cc-label cc-label--l"><h1 class="cc-heading" tabindex="-1">${label}</h1></legend>` : legend(label);
    return `<div class="${group}"><fieldset class="cc-fieldset" id="${esc(id)}"${role}${describedBy(id, hint, messages)}>
      ${legendHTML}${hintHTML}${errorHTML}${body}</fieldset></div>`;
  }
  const aria = describedBy(id, hint, messages) + invalid;
  let control;
  if (field.widget === "select") {
    const options = field.options.map((o) => `<option value="${esc(o.value)}"${o.value === shown ? " selected" : ""}>${esc(o.label)}</option>`).join("");
    const unlisted = shown && !field.options.some((o) => o.value === shown) ? `<option value="${esc(shown)}" selected>${esc(shown)}</option>` : "";
    control = `<select class="cc-select" id="${esc(id)}" name="${esc(id)}"${aria}><option value="">Choose one</option>${options}${unlisted}</select>`;
  } else if (field.widget === "textarea" || field.widget === "lines") {
    control = `<textarea class="cc-textarea" id="${esc(id)}" name="${esc(id)}" rows="${field.widget === "lines" ? 4 : 8}"${aria}>${esc(shown)}</textarea>`;
  } else {
    const mode = field.inputmode ? ` inputmode="${esc(field.inputmode)}"` : "";
    const width = field.width === "short" ? " cc-input--short" : "";
    const input = `<input class="cc-input${width}" type="text" id="${esc(id)}" name="${esc(id)}" value="${esc(shown)}"${mode} spellcheck="false"${aria}>`;
    control = field.suffix ? `<div class="cc-input-wrapper">${input}<span class="cc-suffix" aria-hidden="true">${esc(field.suffix)}</span></div>` : input;
  }
  const labelHTML = heading(label, (inner) => `<label class="cc-label${asHeading ? " cc-label--l" : ""}" for="${esc(id)}">${inner}</label>`);
  return `<div class="${group}">${labelHTML}${hintHTML}${errorHTML}${control}</div>`;
}

function choice(type, id, n, name, value, label, checked, invalid, extra = "") {
  return `<div class="cc-${type === "radio" ? "radios" : "checkboxes"}__item">
    <input class="cc-${type === "radio" ? "radios" : "checkboxes"}__input" type="${type}" id="${esc(id)}-${n}" name="${esc(name)}" value="${esc(value)}"${checked ? " checked" : ""}${invalid}${extra}>
    <label class="cc-${type === "radio" ? "radios" : "checkboxes"}__label" for="${esc(id)}-${n}">${esc(label)}</label></div>`;
}

// A value kept in a profile that the choices do not offer (a register's type the questions leave out) is
// shown as it is, so that it is never lost by showing the page.
function withUnlisted(field, options, value) {
  if (!value || options.some((o) => o.value === value)) return options;
  const known = field.options.find((o) => o.value === value);
  return [...options, { value, label: known ? known.label : value }];
}

function radiosHTML(field, id, value, invalid) {
  const options = withUnlisted(field, field.options, value);
  return `<div class="cc-radios">${options.map((o, n) => choice("radio", id, n, id, o.value, o.label, o.value === value, n === 0 ? invalid : "")).join("")}</div>`;
}

function checkboxesHTML(field, id, values, invalid) {
  const options = values.reduce((all, v) => withUnlisted(field, all, v), field.options);
  return `<div class="cc-checkboxes">${options.map((o, n) => choice("checkbox", id, n, id, o.value, o.label, values.includes(o.value), n === 0 ? invalid : "")).join("")}</div>`;
}

// A short question first (which group), then, revealed beneath the chosen group, which one: the GOV.UK
// pattern for a conditionally revealed question. A group of one value is chosen by its own radio.
function groupedHTML(field, id, value, invalid) {
  const label = (v) => (field.options.find((o) => o.value === v) || { label: v }).label;
  const chosen = field.groups.findIndex((g) => g.values.includes(value));
  const items = field.groups.map((group, n) => {
    const groupId = `${id}-g${n}`;
    if (group.values.length === 1) {
      return choice("radio", id, `g${n}`, `${id}-group`, `g${n}`, group.label, n === chosen, n === 0 ? invalid : "", ` data-value="${esc(group.values[0])}"`);
    }
    const inner = group.values.map((v, m) => choice("radio", groupId, m, id, v, label(v), v === value, "")).join("");
    return choice("radio", id, `g${n}`, `${id}-group`, `g${n}`, group.label, n === chosen, n === 0 ? invalid : "", ` aria-controls="${esc(groupId)}-reveal"`)
      + `<div class="cc-radios__conditional" id="${esc(groupId)}-reveal"${n === chosen ? "" : " hidden"}>
        <fieldset class="cc-fieldset"><legend class="cc-label cc-label--s">${esc(group.question || field.label)}</legend>
        <div class="cc-radios">${inner}</div></fieldset></div>`;
  }).join("");
  const unlisted = value && chosen < 0
    ? choice("radio", id, "g-other", `${id}-group`, "other", `${label(value)} (as your profile has it)`, true, "", ` data-value="${esc(value)}"`)
    : "";
  return `<div class="cc-radios">${items}${unlisted}</div>`;
}

function dateHTML(id, value, invalid) {
  const items = DATE_PARTS.map(([part, name, width]) => `<div class="cc-date-input__item">
      <label class="cc-date-input__label" for="${esc(id)}-${part}">${name}</label>
      <input class="cc-input cc-date-input__input cc-input--width-${width}" id="${esc(id)}-${part}" name="${esc(id)}-${part}" type="text" inputmode="numeric" value="${esc(value[part])}"${invalid}></div>`).join("");
  return `<div class="cc-date-input">${items}</div>`;
}

// What a question's inputs hold now, in the shape the answers keep.
export function readField(field, id, scope = document) {
  const byName = (name) => [...scope.querySelectorAll(`[name="${CSS.escape(name)}"]`)];
  if (field.widget === "radios") return byName(id).find((input) => input.checked)?.value ?? "";
  if (field.widget === "checkboxes") return byName(id).filter((input) => input.checked).map((input) => input.value);
  if (field.widget === "date") {
    return Object.fromEntries(DATE_PARTS.map(([part]) => [part, scope.querySelector(`#${CSS.escape(`${id}-${part}`)}`)?.value ?? ""]));
  }
  if (field.widget === "grouped") {
    const group = byName(`${id}-group`).find((input) => input.checked);
    if (!group) return "";
    if (group.dataset.value) return group.dataset.value;
    const reveal = scope.querySelector(`#${CSS.escape(group.getAttribute("aria-controls"))}`);
    return reveal?.querySelector("input:checked")?.value ?? "";
  }
  return scope.querySelector(`#${CSS.escape(id)}`)?.value ?? "";
}

// ---- summary cards -------------------------------------------------------------------------------

// A card per topic: {title, id, rows: [{key, value (HTML), href, hidden}], notGiven: [...rows]}. Rows not
// given are folded under one line, so a long form's check page shows what was said.
export function summaryCard({ title, id, rows, notGiven = [], href }) {
  const row = (r) => `<div class="cc-summary-list__row"><dt class="cc-summary-list__key">${esc(r.key)}</dt>
    <dd class="cc-summary-list__value">${r.value}</dd>
    <dd class="cc-summary-list__actions"><a href="${esc(r.href)}" data-change>Change<span class="cc-visually-hidden"> ${esc(r.hidden || r.key)}</span></a></dd></div>`;
  const folded = notGiven.length ? `<details class="cc-details"><summary class="cc-details__summary">Not given (${notGiven.length})</summary>
    <dl class="cc-summary-list">${notGiven.map((r) => row({ ...r, value: '<span class="cc-not-given">Not given</span>' })).join("")}</dl></details>` : "";
  const empty = rows.length ? "" : '<p class="cc-not-given">Nothing given on this page.</p>';
  return `<section class="cc-summary-card" aria-labelledby="${esc(id)}-title">
    <div class="cc-summary-card__title-wrapper"><h2 class="cc-summary-card__title" id="${esc(id)}-title">${esc(title)}</h2>
    <a class="cc-summary-card__action" href="${esc(href)}" data-change>Change<span class="cc-visually-hidden"> ${esc(title.toLowerCase())}</span></a></div>
    <div class="cc-summary-card__content">${empty}${rows.length ? `<dl class="cc-summary-list">${rows.map(row).join("")}</dl>` : ""}${folded}</div></section>`;
}

// ---- banners, links, buttons -----------------------------------------------------------------------

export function notificationBanner({ title, html, success = false }) {
  const role = success ? ' role="alert"' : ' role="region" aria-labelledby="cc-banner-title"';
  return `<div class="cc-notification${success ? " cc-notification--success" : ""}"${role} tabindex="-1">
    <div class="cc-notification__header"><h2 class="cc-notification__title" id="cc-banner-title">${esc(title)}</h2></div>
    <div class="cc-notification__content">${html}</div></div>`;
}

export const backLink = (href, text = "Back") => `<a href="${esc(href)}" class="cc-back-link">${esc(text)}</a>`;

// ---- behaviour ---------------------------------------------------------------------------------------

// Conditional reveals follow their radio; error summary links move focus to their question.
export function wireForm(scope) {
  scope.querySelectorAll("input[type=radio][aria-controls]").forEach((radio) => {
    const sync = () => scope.querySelectorAll(`input[name="${CSS.escape(radio.name)}"][aria-controls]`).forEach((r) => {
      const reveal = scope.querySelector(`#${CSS.escape(r.getAttribute("aria-controls"))}`);
      if (reveal) reveal.hidden = !r.checked;
    });
    radio.addEventListener("change", sync);
  });
  scope.querySelectorAll("input[type=radio][name$='-group']:not([aria-controls])").forEach((radio) => radio.addEventListener("change", () => {
    scope.querySelectorAll(`input[name="${CSS.escape(radio.name)}"][aria-controls]`).forEach((r) => {
      const reveal = scope.querySelector(`#${CSS.escape(r.getAttribute("aria-controls"))}`);
      if (reveal) reveal.hidden = true;
    });
  }));
  scope.querySelectorAll(".cc-error-summary a[data-target]").forEach((link) => link.addEventListener("click", (event) => {
    const target = document.getElementById(link.dataset.target);
    if (!target) return;
    event.preventDefault();
    const focusable = target.matches("fieldset, div") ? target.querySelector("input, select, textarea") : target;
    (focusable || target).focus();
    (target.closest(".cc-form-group") || target).scrollIntoView({ block: "start" });
  }));
}

// After a page is drawn: the error summary takes focus when there is one, else the page's heading.
export function focusPage(scope) {
  const first = scope.querySelector(".cc-error-summary") || scope.querySelector(".cc-notification[role=alert]");
  if (first) { first.focus(); return; }
  scope.querySelector("h1")?.focus();
  window.scrollTo(0, 0);
}
