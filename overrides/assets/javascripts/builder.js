// The policy builder's pages: GOV.UK-style questions drawn from the description the site build
// worked out from profile.schema.json, check your answers, and the finished policy to download.
// This script only shows pages and keeps the answers in this browser. Checking the answers, every
// message about them, reading a profile and making the policy is the guide's own Python, run in a
// worker (builder-worker.js). The GOV.UK pieces are in govuk-form.js, the saved answers in kept-answers.js.

import {
  backLink, errorMessage, errorSummary, esc, fieldHTML, focusPage, isBlank, notificationBanner,
  readField, shownAnswer, summaryCard, wireForm,
} from "./govuk-form.js";
import { keptAnswers } from "./kept-answers.js";

const setup = JSON.parse(document.getElementById("cc-builder-setup").textContent);
const root = document.getElementById("cc-builder");
const intro = document.querySelector(".cc-builder-intro");
const STORE = "cohesion-builder-answers";
const PROJECT = "/cohesion/project"; // where the worker unpacks the project's local.yml, templates and case studies
const pages = setup.pages;
const siteTitle = document.title;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

// ---- the engine, in its worker -------------------------------------------------------------

const engine = {
  worker: null, ready: null, waiting: new Map(), next: 1, timings: null, kept: null,
  start() {
    const at = (path) => new URL(path, document.baseURI).href;
    this.worker = new Worker(new URL("builder-worker.js", import.meta.url), { type: "module" });
    this.ready = new Promise((resolve, reject) => {
      this.worker.onmessage = ({ data }) => {
        if (data.type === "ready") { this.timings = data.timings; resolve(); return; }
        if (data.type === "kept") { this.kept = data.error || "kept"; return; } // the copy for a warm start (builder-worker.js)
        if (data.type === "failed") { reject(new Error(data.message)); return; }
        const job = this.waiting.get(data.id);
        this.waiting.delete(data.id);
        if (data.error) job.reject(new Error(data.error)); else job.resolve(JSON.parse(data.result));
      };
      this.worker.onerror = (event) => reject(new Error(event.message || "the worker stopped"));
    });
    this.ready.catch(() => {});
    this.worker.postMessage({ type: "start", pyodide: at(setup.pyodide), engine: at(setup.engine), module: setup.module, snapshot: setup.snapshot });
  },
  async call(name, ...args) {
    await this.ready;
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, call: name, args });
    });
  },
};

// Runs an engine call, telling the reader when she has to wait for the engine to start. A failure is
// said plainly, with a way on (her answers to download); its details go to the console, not the page.
async function withEngine(waitingText, work) {
  const status = root.querySelector(".cc-wait");
  let shown = false;
  const timer = setTimeout(() => { shown = true; if (status) status.textContent = waitingText; }, 150);
  root.querySelectorAll("button").forEach((b) => { b.disabled = true; });
  try {
    return await work();
  } catch (error) {
    console.error(error);
    if (status) {
      status.innerHTML = "Sorry, this could not be done in this browser. Your answers are kept. "
        + `${downloadAnswersLink("Download your answers as a profile")} and send them to your local authority, or try again later.`;
    }
    throw error;
  } finally {
    clearTimeout(timer);
    root.querySelectorAll("button").forEach((b) => { b.disabled = false; });
    if (shown && status && status.textContent === waitingText) status.textContent = "";
  }
}

// ---- answers, kept in this browser only ------------------------------------------------------

const store = keptAnswers(STORE);
let state = { answers: {}, source: null };
let storeProblem = null; // {problem, raw}: what was saved could not be read; nothing replaces it unasked
let saveProblem = null; // the last save the browser refused: "full" or "blocked"
{
  const loaded = store.load();
  if (loaded.problem === "unreadable") storeProblem = loaded;
  else if (loaded.problem === "blocked") saveProblem = "blocked";
  else if (loaded.state) state = loaded.state;
}

function saveState() {
  if (storeProblem) return false; // the unreadable answers stay as they are until she says to start again
  const saved = store.save(state);
  saveProblem = saved.ok ? null : saved.reason;
  return saved.ok;
}
const answers = () => state.answers;
function hasAnswers() { return Object.keys(state.answers).length > 0; }
const stateJSON = () => JSON.stringify(state);

function getAt(path, from = state.answers) {
  return path.reduce((node, key) => (node !== null && typeof node === "object" ? node[key] : undefined), from);
}
function setAt(path, value) {
  let node = state.answers;
  path.slice(0, -1).forEach((key, n) => {
    const nextIsItem = typeof path[n + 1] === "number";
    if (nextIsItem ? !Array.isArray(node[key]) : (typeof node[key] !== "object" || node[key] === null || Array.isArray(node[key]))) {
      node[key] = nextIsItem ? [] : {};
    }
    node = node[key];
  });
  node[path[path.length - 1]] = value;
}
const schoolName = () => { const name = getAt(["school", "name"]); return typeof name === "string" ? name.trim() : ""; };

// A link that downloads the answers as they are kept (text, so nothing in them is ever run).
function downloadAnswersLink(text, raw = null) {
  const body = raw ?? stateJSON();
  const url = URL.createObjectURL(new Blob([body], { type: "text/plain;charset=utf-8" }));
  return `<a href="${url}" download="saved-answers.txt" class="cc-download-answers">${esc(text)}</a>`;
}

// ---- the steps -----------------------------------------------------------------------------------

let returnTo = null; // "check" when a Change link brought the reader to a question
let lastProblems = []; // problems found on "Check your answers" or in an upload, shown again on their pages
let made = null; // the policy made, with its downloads
let notice = null; // a banner for the next page drawn: {title, html, success}
let pendingSchool = null; // {slug, name}: a school to start from, once she has said what to do with her answers
let shownStep = null;

const pageById = (id) => pages.find((p) => p.id === id);
const itemId = (page, n, field) => "f-" + [...page.path, n, ...field.path].join("-"); // as questions.field_id
const stepOrder = () => [...pages.map((p) => p.id), "check"];
const STEPS = new Set(["start", "check", "policy", "delete", "find-school", "replace"]);

function show(step, { problems = [], status = "" } = {}) {
  const page = pageById(step);
  intro.hidden = step !== "start";
  document.querySelector(".md-content__inner")?.classList.toggle("cc-builder-step", step !== "start");
  const banner = notice ? notificationBanner(notice) : "";
  notice = null;
  const drawn = {
    start: () => [startHTML(problems, status), ""],
    check: () => [checkHTML(problems), "Check your answers"],
    policy: () => (made ? [policyHTML(), "Your school's policy"] : null),
    delete: () => [deleteHTML(), "Are you sure you want to delete your answers?"],
    "find-school": () => [findSchoolHTML(problems), "Find your school"],
    replace: () => (pendingSchool ? [replaceHTML(), `Start from ${pendingSchool.name}?`] : null),
  }[step]?.() ?? (page ? [questionHTML(page, problems), page.title] : null);
  if (!drawn) return show("start");
  const [html, title] = drawn;
  shownStep = step;
  root.innerHTML = html;
  if (banner) (root.querySelector(".cc-back-link") || root.firstElementChild)?.insertAdjacentHTML(root.querySelector(".cc-back-link") ? "afterend" : "beforebegin", banner);
  document.title = step === "start" ? siteTitle : `${problems.length ? "Error: " : ""}${title} - ${siteTitle}`;
  if (step === "policy") fillPolicy();
  wireForm(root);
  wire(step, page);
  if (step !== "start" || problems.length || banner) focusPage(root);
}

function go(step, options) {
  if (location.hash !== "#" + step) history.pushState(null, "", "#" + step);
  show(step, options);
}

const problemsFor = (step) => lastProblems.filter((p) => p.page === step);

// ---- the start page ---------------------------------------------------------------------------------

function startHTML(problems, status) {
  if (storeProblem) return unreadableHTML();
  const name = schoolName();
  const saving = saveProblem === "blocked"
    ? `<div class="cc-inset"><p>This browser does not let the builder keep your answers, so they last only while this page is open. Download them as a profile before you close it.</p></div>` : "";
  const resume = hasAnswers() ? `<div class="cc-inset"><p>You have answers saved in this browser${name ? ` for <strong>${esc(name)}</strong>` : ""}.</p>
    <p><button type="button" class="md-button md-button--primary" data-action="resume">Continue with your answers</button></p></div>` : "";
  const blank = hasAnswers()
    ? `<p>To start again with a blank form, delete your saved answers first (below).</p>`
    : `<p>${pages.length} short pages, then a chance to check your answers.</p>
       <p><button type="button" class="md-button md-button--primary" id="cc-start-blank">Start now</button></p>`;
  const replaces = hasAnswers() ? " It replaces the answers saved in this browser." : "";
  const uploadProblems = problems.filter((p) => p.target === "cc-upload");
  return `${errorSummary(problems)}${saving}${resume}
    <h2>Start</h2>
    <h3>Start from your school</h3>
    <p>If your local authority has put your school on this site, its answers from the national register of schools and the school census are filled in for you to check.${replaces}</p>
    <p><a href="#find-school" class="md-button" id="cc-find-school">Find your school</a></p>
    <h3>Answer the questions</h3>
    ${blank}
    <h3>Upload a profile</h3>
    <form id="cc-upload-form" novalidate><div class="cc-form-group${uploadProblems.length ? " cc-form-group--error" : ""}">
      <label class="cc-label" for="cc-upload">Upload your school's profile (a .yml file)</label>
      <div class="cc-hint" id="cc-upload-hint">A profile you downloaded here before, or one your local authority sent you.${replaces}</div>
      ${errorMessage("cc-upload", uploadProblems.map((p) => p.message))}
      <input class="cc-file" type="file" id="cc-upload" accept=".yml,.yaml" aria-describedby="cc-upload-hint${uploadProblems.length ? " cc-upload-error" : ""}"></div>
      <p><button type="submit" class="md-button">Upload and continue</button></p></form>
    ${hasAnswers() ? yourAnswersHTML() : ""}
    <p class="cc-wait" role="status">${esc(status)}</p>`;
}

function yourAnswersHTML() {
  return `<h2>Your answers</h2>
    <p>Your answers are kept in this browser only, so you can come back to them. Nothing is sent anywhere.</p>
    <p><a href="#" data-action="download-profile">Download your answers as a profile</a></p>
    <p><a href="#delete" class="md-button cc-secondary" id="cc-delete-link">Delete my answers</a></p>`;
}

function unreadableHTML() {
  return `<div class="cc-error-summary" tabindex="-1" role="alert" aria-labelledby="cc-unreadable-title">
    <h2 class="cc-error-summary__title" id="cc-unreadable-title">The answers saved in this browser could not be read</h2>
    <p>They are not answers this builder saved, or they have been damaged. They have not been changed or deleted.</p></div>
    <p>${downloadAnswersLink("Download them as they are", storeProblem.raw ?? "")}, to keep a copy or to send to your local authority.</p>
    <p>Then start again: this deletes them from this browser.</p>
    <p><button type="button" class="md-button md-button--primary" data-action="start-again">Start again</button></p>`;
}

// ---- deleting, and starting from a school -----------------------------------------------------------

function deleteHTML() {
  const name = schoolName();
  return `${backLink("#start")}
    <h1 class="cc-heading" tabindex="-1">Are you sure you want to delete your answers?</h1>
    <p>Your answers${name ? ` for ${esc(name)}` : ""} are kept in this browser only. Once they are deleted, they cannot be got back.</p>
    <p><a href="#" data-action="download-profile">Download your answers as a profile</a> first if you may need them.</p>
    <div class="cc-button-group"><button type="button" class="md-button cc-warning" data-action="delete">Yes, delete my answers</button>
    <a href="#start">No, keep my answers</a></div>`;
}

function findSchoolHTML(problems) {
  const replaces = hasAnswers()
    ? `<div class="cc-inset"><p>This replaces the answers saved in this browser${schoolName() ? ` for ${esc(schoolName())}` : ""}. <a href="#" data-action="download-profile">Download them as a profile</a> first if you may need them.</p></div>` : "";
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

function replaceHTML() {
  const name = schoolName();
  return `${backLink("#start")}
    <h1 class="cc-heading" tabindex="-1">Start from ${esc(pendingSchool.name)}?</h1>
    <p>You have answers saved in this browser${name ? ` for ${esc(name)}` : ""}. Starting from ${esc(pendingSchool.name)} replaces them.</p>
    <p><a href="#" data-action="download-profile">Download your saved answers as a profile</a> first if you may need them.</p>
    <p class="cc-wait" role="status"></p>
    <div class="cc-button-group"><button type="button" class="md-button md-button--primary" data-action="use-school">Start from ${esc(pendingSchool.name)}</button>
    <button type="button" class="md-button cc-secondary" data-action="keep">Keep my saved answers</button></div>`;
}

// ---- question pages -------------------------------------------------------------------------------

function backHTML(step) {
  const order = stepOrder();
  const at = order.indexOf(step);
  const back = returnTo === "check" && step !== "check" ? "check" : at > 0 ? order[at - 1] : "start";
  return backLink(`#${back}`);
}

function questionHTML(page, problems) {
  const number = pages.indexOf(page) + 1;
  const messages = (id) => problems.filter((p) => !p.whole && p.target === id).map((p) => p.message);
  const caption = `<span class="cc-caption">Question page ${number} of ${pages.length}</span>`;
  let body;
  let heading = `${caption}<h1 class="cc-heading" tabindex="-1">${esc(page.title)}</h1>${page.hint ? `<p class="cc-hint cc-page-hint">${esc(page.hint)}</p>` : ""}`;
  if (page.item_fields) {
    const items = Array.isArray(getAt(page.path)) ? getAt(page.path) : [];
    body = items.map((item, n) => `<fieldset class="cc-fieldset cc-item"><legend class="cc-label cc-label--m">${esc(page.item_title)} ${n + 1}</legend>
        ${page.item_fields.map((field) => fieldHTML(field, itemId(page, n, field), getAt(field.path, item), messages(itemId(page, n, field)))).join("")}
        <p><button type="button" class="md-button cc-secondary" data-remove="${n}">Remove ${esc(page.item_title.toLowerCase())} ${n + 1}</button></p></fieldset>`).join("")
      + `<p><button type="button" class="md-button cc-secondary" data-action="add">Add ${items.length ? "another" : "a"} ${esc(page.item_title.toLowerCase())}</button></p>`;
  } else {
    const whole = problems.filter((p) => p.whole).map((p) => p.message);
    const single = page.fields.length === 1 && page.fields[0].label === page.title;
    if (single) heading = caption;
    body = errorMessage(`page-${page.id}`, whole)
      + page.fields.map((field) => fieldHTML(field, field.id, getAt(field.path), messages(field.id), { asHeading: single })).join("")
      + (page.total ? `<p class="cc-total" aria-live="polite" id="cc-total"></p>` : "");
  }
  return `${backHTML(page.id)}${errorSummary(problems)}
    <form id="cc-question" novalidate>
    ${heading}
    ${body}
    <p class="cc-wait" role="status"></p>
    <p><button type="submit" class="md-button md-button--primary">Continue</button></p></form>`;
}

// ---- check your answers ----------------------------------------------------------------------------

function shownValue(field, value) {
  const shown = shownAnswer(field, value);
  const label = (v) => (field.options || []).find((o) => o.value === v)?.label ?? v;
  if (field.widget === "checkboxes") return shown.map((v) => esc(label(v))).join("<br>");
  if (field.widget === "date") {
    const [d, m, y] = [shown.day, shown.month, shown.year].map((s) => s.trim());
    const month = /^\d{1,2}$/.test(m) && +m >= 1 && +m <= 12 ? MONTHS[+m - 1] : m;
    return esc([d, month, y].filter(Boolean).join(" "));
  }
  if (field.widget === "radios" || field.widget === "select" || field.widget === "grouped") return esc(label(shown.trim()));
  return esc(shown.trim()).replace(/\n/g, "<br>") + (field.suffix ? esc(field.suffix) : "");
}

function checkHTML(problems) {
  const cards = pages.map((page) => {
    const href = `#${page.id}`;
    if (page.item_fields) {
      const items = Array.isArray(getAt(page.path)) ? getAt(page.path) : [];
      const rows = items.map((item, n) => ({
        key: `${page.item_title} ${n + 1}`, href,
        value: page.item_fields.filter((f) => !isBlank(f, getAt(f.path, item)))
          .map((f) => `${esc(f.label)}: ${shownValue(f, getAt(f.path, item))}`).join("<br>"),
      }));
      return summaryCard({ title: page.title, id: `card-${page.id}`, href, rows });
    }
    const given = page.fields.filter((f) => !isBlank(f, getAt(f.path)));
    const rows = given.map((f) => ({ key: f.label, value: shownValue(f, getAt(f.path)), href }));
    if (page.total && given.length) {
      const sum = given.reduce((s, f) => s + (parseFloat(String(getAt(f.path)).replace("%", "")) || 0), 0);
      const rest = Math.round((100 - sum) * 100) / 100;
      if (rest > 0) rows.push({ key: "The rest of the pupils", value: `<span class="cc-not-given">Not given (${esc(rest)}%)</span>`, href });
    }
    const notGiven = page.fields.filter((f) => isBlank(f, getAt(f.path))).map((f) => ({ key: f.label, href }));
    return summaryCard({ title: page.title, id: `card-${page.id}`, href, rows, notGiven });
  }).join("");
  const summary = errorSummary(problems.map((p) => ({ ...p, href: p.page ? `#${p.page}` : "#start" })));
  return `${backHTML("check")}${summary}
    <h1 class="cc-heading" tabindex="-1">Check your answers before making the policy</h1>
    ${cards}
    <h2>Make the policy</h2>
    <p>The policy is made in this browser, from these answers; nothing is sent anywhere.</p>
    <p class="cc-wait" role="status"></p>
    <p><button type="button" class="md-button md-button--primary" data-action="make">Make the policy</button></p>`;
}

// ---- the policy ----------------------------------------------------------------------------------

function size(bytes) {
  return bytes < 1000 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function policyHTML() {
  const links = made.files.map((file) => `<li><a href="${file.url}" download="${esc(file.name)}" class="cc-download" data-format="${file.format}">${esc(file.label)}</a>, ${size(file.size)}. ${esc(file.use)}</li>`).join("");
  return `${backLink("#check", "Back to your answers")}
    <div class="cc-panel"><h1 class="cc-heading" tabindex="-1">Your school's policy is ready</h1>
    <p>Made from your answers in this browser. Nothing was sent anywhere.</p></div>
    <h2>Download it</h2>
    <ul class="cc-downloads">${links}</ul>
    <p><button type="button" class="md-button" data-action="print">Print the policy or save it as a PDF</button></p>
    <p>A PDF cannot be made in the browser: print the policy and choose "Save as PDF", or ask your local authority for one.</p>
    <h2>Read it</h2>
    <section class="cc-policy" aria-label="Your school's policy"></section>`;
}

function fillPolicy() {
  const section = root.querySelector(".cc-policy");
  section.innerHTML = made.fragment;
  // The page has its own h1: the policy's headings move down a level on it (not in the files).
  for (const level of [5, 4, 3, 2, 1]) {
    section.querySelectorAll("h" + level).forEach((heading) => {
      const lower = document.createElement("h" + (level + 1));
      lower.innerHTML = heading.innerHTML;
      if (heading.id) lower.id = "policy-" + heading.id;
      heading.replaceWith(lower);
    });
  }
  section.querySelectorAll("a.headerlink, a[href^='#']").forEach((a) => a.removeAttribute("href"));
}

// ---- what each step's buttons and links do ----------------------------------------------------

function wire(step, page) {
  root.querySelectorAll("[data-change]").forEach((link) => link.addEventListener("click", () => { returnTo = "check"; }));
  root.querySelectorAll("[data-action=download-profile]").forEach((link) => link.addEventListener("click", (event) => {
    event.preventDefault();
    downloadProfile();
  }));
  ({
    start: wireStart, check: wireCheck, delete: wireDelete, "find-school": wireFindSchool, replace: wireReplace,
    policy: () => root.querySelector("[data-action=print]").addEventListener("click", printPolicy),
  })[step]?.();
  if (page) wireQuestion(page);
}

async function downloadProfile() {
  const status = root.querySelector(".cc-wait") || root.appendChild(Object.assign(document.createElement("p"), { className: "cc-wait", role: "status" }));
  status.setAttribute("role", "status");
  const profile = await withEngine("Writing your answers as a profile...", () => engine.call("profile_text", stateJSON()));
  if (profile.problem) { status.textContent = profile.problem; return; }
  const url = URL.createObjectURL(new Blob([profile.text], { type: "text/yaml;charset=utf-8" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: profile.name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function wireStart() {
  root.querySelector("[data-action=start-again]")?.addEventListener("click", () => {
    if (!store.clear()) return;
    storeProblem = null;
    state = { answers: {}, source: null };
    notice = { title: "Success", html: "<p>The answers that could not be read have been deleted. You can start again.</p>", success: true };
    go("start");
  });
  root.querySelector("[data-action=resume]")?.addEventListener("click", () => { returnTo = null; go("check"); });
  root.querySelector("#cc-start-blank")?.addEventListener("click", () => {
    state = { answers: {}, source: null };
    saveState();
    returnTo = null;
    go(pages[0].id);
  });
  root.querySelector("#cc-upload-form")?.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = root.querySelector("#cc-upload").files[0];
    if (!file) {
      show("start", { problems: [{ target: "cc-upload", message: "Select your school's profile to upload it" }] });
      return;
    }
    let text;
    try { text = await file.text(); } catch { text = null; }
    if (text === null) {
      show("start", { problems: [{ target: "cc-upload", message: `${file.name} could not be read. Your saved answers have not changed.` }] });
      return;
    }
    await startFrom(text, file.name, "upload");
  });
}

function wireDelete() {
  root.querySelector("[data-action=delete]").addEventListener("click", () => {
    if (!store.clear()) {
      notice = { title: "Important", html: "<p>This browser would not let the builder delete your answers. Clear this site's data in your browser's settings.</p>" };
      go("start");
      return;
    }
    state = { answers: {}, source: null };
    made = null;
    lastProblems = [];
    notice = { title: "Success", html: "<p>Your answers have been deleted from this browser.</p>", success: true };
    go("start");
  });
}

// A profile read by the engine becomes the answers only when it reads as a profile: anything else is
// refused with the engine's reason, and the answers saved in this browser stay exactly as they were.
async function startFrom(text, name, how) {
  const read = await withEngine("Reading the profile. The first time, this takes a few seconds...", () => engine.call("read_profile", text, name));
  if (read.refused) {
    const message = `${name} could not be used. ${read.refused} ${hasAnswers() ? "Your saved answers have not changed." : ""}`.trim();
    if (how === "upload") show("start", { problems: [{ target: "cc-upload", message }] });
    else show("find-school", { problems: [{ target: "cc-school", message }] });
    return;
  }
  const before = state;
  state = read.state;
  if (!saveState() && saveProblem === "full") {
    state = before; // kept as it was: the browser had no room for the new answers
    show(how === "upload" ? "start" : "find-school", { problems: [{ target: how === "upload" ? "cc-upload" : "cc-school",
      message: `${name} is too large for this browser to keep. Your saved answers have not changed.` }] });
    return;
  }
  made = null;
  returnTo = null;
  lastProblems = read.problems;
  const attention = read.problems.length ? ` ${read.problems.length} ${read.problems.length === 1 ? "needs" : "need"} your attention.` : "";
  const notKept = read.not_kept.length
    ? `<p>Not kept, because the questions do not ask for them:</p><ul>${read.not_kept.map((line) => `<li>${esc(line)}</li>`).join("")}</ul>` : "";
  if (how === "school") {
    const school = schoolName() || name.replace(/\.yml$/, "");
    notice = { title: "Important", html: `<p>${read.answered} answers about ${esc(school)} are filled in from its profile on this site.${attention} Check each page, change what is not right, and add what only your school knows.</p>${notKept}` };
    go(pages[0].id);
  } else {
    notice = { title: "Important", html: `<p>${esc(name)} was read: ${read.answered} answers.${attention}</p>${notKept}` };
    go("check", { problems: lastProblems });
  }
}

async function wireFindSchool() {
  const select = root.querySelector("#cc-school");
  const form = root.querySelector("#cc-from-school");
  let schools = [];
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = schools.find((s) => s.slug === select.value);
    if (!chosen) {
      show("find-school", { problems: [{ target: "cc-school", message: "Select your school from the list" }] });
      return;
    }
    await fromSchool(chosen);
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

async function fromSchool(school) {
  let text;
  try {
    const response = await fetch(new URL(`schools/${encodeURIComponent(school.slug)}.yml`, document.baseURI));
    if (!response.ok) throw new Error(String(response.status));
    text = await response.text();
  } catch {
    notice = { title: "Important", html: `<p>${esc(school.name)}'s answers could not be loaded. Check your connection and try again, or start with a blank form.</p>` };
    go("start");
    return;
  }
  await startFrom(text, `${school.slug}.yml`, "school");
}

function wireReplace() {
  root.querySelector("[data-action=use-school]").addEventListener("click", async () => {
    const school = pendingSchool;
    pendingSchool = null;
    await fromSchool(school);
  });
  root.querySelector("[data-action=keep]").addEventListener("click", () => { pendingSchool = null; go("check"); });
}

function collect(page) {
  if (page.item_fields) {
    const items = Array.isArray(getAt(page.path)) ? getAt(page.path) : [];
    setAt(page.path, items.map((item, n) => {
      const out = {};
      page.item_fields.forEach((field) => { out[field.path[0]] = readField(field, itemId(page, n, field), root); });
      return out;
    }));
  } else {
    page.fields.forEach((field) => setAt(field.path, readField(field, field.id, root)));
  }
}

// What is typed is kept as it is typed, so Back, a reload or a closed tab loses nothing.
let unsaved = null; // the question page whose typing is waiting to be saved

function keepTyping(page) {
  unsaved = null;
  collect(page);
  if (!saveState() && saveProblem === "full") showSaveProblem();
}

function showSaveProblem() {
  if (root.querySelector(".cc-save-problem")) return;
  root.querySelector("form")?.insertAdjacentHTML("afterbegin", `<div class="cc-notification cc-save-problem" role="alert">
    <div class="cc-notification__header"><h2 class="cc-notification__title">Your answers could not be kept</h2></div>
    <div class="cc-notification__content"><p>This browser has no room to keep what you have typed. What you typed before is still kept, and this page still shows what you typed now.
    ${downloadAnswersLink("Download your answers")} to keep a copy, and shorten your answer.</p></div></div>`);
}

function wireQuestion(page) {
  const form = root.querySelector("#cc-question");
  let timer = null;
  const typed = () => { clearTimeout(timer); unsaved = page; timer = setTimeout(() => keepTyping(page), 300); };
  form.addEventListener("input", typed);
  form.addEventListener("change", () => { clearTimeout(timer); keepTyping(page); });
  if (page.total) {
    const total = root.querySelector("#cc-total");
    const update = () => {
      const figures = page.fields.map((f) => parseFloat(document.getElementById(f.id).value.replace("%", "")));
      const sum = Math.round(figures.reduce((s, f) => s + (Number.isFinite(f) ? f : 0), 0) * 100) / 100;
      const rest = Math.round((100 - sum) * 100) / 100;
      total.textContent = `Total so far: ${sum}%.` + (rest > 0 ? ` The other ${rest}% of pupils are shown as not given.` : "");
    };
    form.addEventListener("input", update);
    update();
  }
  root.querySelector("[data-action=add]")?.addEventListener("click", () => {
    collect(page);
    const items = Array.isArray(getAt(page.path)) ? getAt(page.path) : [];
    items.push({});
    setAt(page.path, items);
    saveState();
    show(page.id);
    const added = root.querySelectorAll(".cc-item");
    added[added.length - 1].querySelector("input, select, textarea").focus();
  });
  root.querySelectorAll("[data-remove]").forEach((button) => button.addEventListener("click", () => {
    collect(page);
    getAt(page.path).splice(Number(button.dataset.remove), 1);
    saveState();
    show(page.id);
  }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearTimeout(timer);
    unsaved = null;
    collect(page);
    const kept = saveState();
    const found = await withEngine("Checking your answers. The first time, this takes a few seconds...", () => engine.call("check", stateJSON()));
    const mine = found.filter((p) => p.page === page.id);
    lastProblems = lastProblems.filter((p) => p.page !== page.id);
    if (mine.length || (!kept && saveProblem === "full")) {
      show(page.id, { problems: mine });
      if (!kept) showSaveProblem();
      return;
    }
    const order = stepOrder();
    go(returnTo === "check" ? "check" : order[order.indexOf(page.id) + 1], { problems: returnTo === "check" ? lastProblems : [] });
  });
}

function wireCheck() {
  root.querySelectorAll(".cc-error-summary a").forEach((link) => link.addEventListener("click", () => { returnTo = "check"; }));
  root.querySelector("[data-action=make]").addEventListener("click", async () => {
    const result = await withEngine("Making the policy. The first time, this takes a few seconds...", () => engine.call("make_policy", stateJSON(), PROJECT));
    if (result.problems.length) {
      lastProblems = result.problems;
      show("check", { problems: lastProblems });
      return;
    }
    const profile = await engine.call("profile_text", stateJSON());
    made?.files.forEach((file) => URL.revokeObjectURL(file.url));
    const docx = Uint8Array.from(atob(result.docx), (c) => c.charCodeAt(0));
    const file = (format, name, data, type, label, use) => {
      const blob = new Blob([data], { type });
      return { format, name, label, use, size: blob.size, url: URL.createObjectURL(blob) };
    };
    made = {
      fragment: result.fragment, html: result.html,
      files: [
        file("docx", `${result.stem}.docx`, docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "Word document", "Edit it, then take it to your governing body to adopt."),
        file("md", `${result.stem}.md`, result.markdown, "text/markdown;charset=utf-8", "Markdown text", "The same words as plain text."),
        file("html", `${result.stem}.html`, result.html, "text/html;charset=utf-8", "Web page, ready to print", "Open it in a browser to print it or save it as a PDF."),
        file("yml", profile.name, profile.text, "text/yaml;charset=utf-8", "Your answers as a profile",
          "Send it to your local authority, or upload it here next time to carry on."),
      ],
    };
    go("policy");
  });
}

function printPolicy() {
  // The engine's own web page of the policy, with its print stylesheet, printed from a hidden frame.
  const frame = document.createElement("iframe");
  frame.className = "cc-print-frame";
  frame.title = "The policy, for printing";
  frame.srcdoc = made.html;
  frame.addEventListener("load", () => {
    frame.contentWindow.print();
    setTimeout(() => frame.remove(), 1000);
  });
  document.body.append(frame);
}

// ---- starting up -----------------------------------------------------------------------------------

// The step an address names; an address that cannot be read (#%E0%A4%A) names none.
function stepIn(hash) {
  try { return decodeURIComponent(hash.replace(/^#/, "")); } catch { return null; }
}

window.addEventListener("popstate", () => route());
// An address typed or pasted in changes only the fragment (no popstate in every browser): follow it too.
window.addEventListener("hashchange", () => { if (stepIn(location.hash) !== shownStep) route(); });
function route(first = false) {
  const step = stepIn(location.hash);
  if (step === null) {
    notice = { title: "Important", html: "<p>That address is not one of this builder's pages, so it has opened at the start. Your answers are as they were.</p>" };
    history.replaceState(null, "", location.pathname + location.search);
    show("start");
  } else if (storeProblem && step !== "start" && step !== "") {
    show("start");
  } else if (step === "" || (STEPS.has(step) && step !== "policy" && step !== "replace") || pageById(step) || (step === "policy" && made)) {
    show(step || "start", { problems: problemsFor(step) });
  } else if (first) {
    // A policy is not kept after the page closes (only the answers are): show the answers it came from.
    show(step === "policy" && hasAnswers() ? "check" : "start");
  } else {
    show("start");
  }
}
document.addEventListener("click", (event) => {
  // Links between the builder's steps change the step, not the scroll position.
  const link = event.target.closest("#cc-builder a[href^='#']");
  if (!link || event.defaultPrevented || link.hasAttribute("data-target") || link.dataset.action) return;
  const step = stepIn(link.getAttribute("href"));
  if (step !== null && (STEPS.has(step) || pageById(step))) {
    event.preventDefault();
    go(step, { problems: problemsFor(step) });
  }
});
// What is typed is saved as it is typed; a page closed or hidden within the moment it waits is saved too.
window.addEventListener("pagehide", () => { if (unsaved && root.querySelector("#cc-question")) keepTyping(unsaved); });
// Answers changed in another tab are the answers now: this tab shows them rather than saving over them.
window.addEventListener("storage", (event) => {
  if (event.key !== STORE && event.key !== null) return;
  const loaded = store.load();
  if (loaded.problem === "unreadable") storeProblem = loaded;
  else if (!loaded.problem) { storeProblem = null; state = loaded.state || { answers: {}, source: null }; }
  unsaved = null;
  if (shownStep && shownStep !== "policy") show(shownStep, { problems: problemsFor(shownStep) });
});

// make-a-policy/?school=<slug> starts from that school's profile on this site.
function startingSchool() {
  const slug = new URLSearchParams(location.search).get("school");
  if (!slug || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return null;
  return { slug, name: slug };
}

root.classList.add("cc-builder--ready");
const school = startingSchool();
if (school && !storeProblem) {
  history.replaceState(null, "", location.pathname + (location.hash || ""));
  if (hasAnswers() && state.source?.name !== `${school.slug}.yml`) {
    pendingSchool = school;
    fetch(new URL("schools.json", document.baseURI)).then((r) => r.json()).then((list) => {
      const found = Array.isArray(list) && list.find((s) => s.slug === school.slug);
      if (found && pendingSchool) { pendingSchool.name = found.name; if (stepIn(location.hash) === "replace") show("replace"); }
    }).catch(() => {});
    history.replaceState(null, "", location.pathname + "#replace");
    show("replace");
  } else if (hasAnswers()) {
    route(true);
  } else {
    show("start", { status: "Loading your school's answers..." });
    fromSchool(school);
  }
} else {
  route(true);
}
window.ccBuilder = { engine, shown: performance.now() };
// The engine starts once the first page is on screen, so the page is usable at once.
requestAnimationFrame(() => setTimeout(() => engine.start(), 0));
