// The policy builder's pages: GOV.UK-style questions drawn from the description the site build
// worked out from profile.schema.json, check your answers, and the finished policy to download.
// This script only shows pages and keeps the answers in this browser. Checking the answers, every
// message about them, reading a profile and making the policy is the guide's own Python, run in a
// worker (builder-engine.js). The GOV.UK pieces are in govuk-form.js, the saved answers in kept-answers.js,
// the files made in made-files.js: "Review your school's work" (review.js) uses the same pieces.

import { builderEngine, withEngine as engineWork } from "./builder-engine.js";
import {
  backLink, errorMessage, errorSummary, esc, fieldHTML, focusPage, isBlank, notificationBanner,
  readField, showSaveProblem, stepBackLink, stepIn, summaryCard, summaryValue, wireForm,
} from "./govuk-form.js";
import { findSchoolHTML, startingSchool, wireFindSchool } from "./find-school.js";
import { answerAt, keptAnswers, putAnswer } from "./kept-answers.js";
import { downloadText, downloadsHTML, madeFile, printDocument, showDocument } from "./made-files.js";

const setup = JSON.parse(document.getElementById("cc-builder-setup").textContent);
const root = document.getElementById("cc-builder");
const intro = document.querySelector(".cc-builder-intro");
const STORE = "cohesion-builder-answers";
const PROJECT = "/cohesion/project"; // where the worker unpacks the project's local.yml, templates and case studies
const pages = setup.pages;
const siteTitle = document.title;

// ---- the engine, in its worker -------------------------------------------------------------

const engine = builderEngine(setup);

function withEngine(waitingText, work) {
  return engineWork(root, waitingText, work,
    `${downloadAnswersLink("Download your answers as a profile")} and send them to your local authority, or try again later.`);
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

const getAt = (path, from = state.answers) => answerAt(from, path);
const setAt = (path, value) => putAnswer(state.answers, path, value);
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
let pendingUpload = null; // {name, read}: a profile read from an upload, used once she has said to replace her answers
let drawnSteps = 0; // how many steps have been drawn: an answer that arrives after the step changed is not shown
let shownStep = null;

// A page by the name in the address: its plain name (#ethnic-make-up), or the name it had before (#pupils.ethnicity).
const pageById = (id) => pages.find((p) => p.id === id) || pages.find((p) => (p.aliases || []).includes(id));
const itemId = (page, n, field) => "f-" + [...page.path, n, ...field.path].join("-"); // as questions.field_id
const stepOrder = () => [...pages.map((p) => p.id), "check"];
const STEPS = new Set(["start", "check", "policy", "delete", "find-school", "replace", "replace-answers"]);
const ASKED_ONLY = new Set(["policy", "replace", "replace-answers"]); // steps an address alone cannot open

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
    "find-school": () => [findSchoolHTML(problems, schoolReplacesHTML()), "Find your school"],
    replace: () => (pendingSchool ? [replaceHTML(), `Start from ${pendingSchool.name}?`] : null),
    "replace-answers": () => (pendingUpload ? [replaceAnswersHTML(), `Replace your answers with ${pendingUpload.name}'s?`] : null),
  }[step]?.() ?? (page ? [questionHTML(page, problems), page.title] : null);
  if (!drawn) return show("start");
  const [html, title] = drawn;
  shownStep = step;
  drawnSteps += 1;
  root.innerHTML = html;
  if (banner) (root.querySelector(".cc-back-link") || root.firstElementChild)?.insertAdjacentHTML(root.querySelector(".cc-back-link") ? "afterend" : "beforebegin", banner);
  document.title = step === "start" ? siteTitle : `${problems.length ? "Error: " : ""}${title} - ${siteTitle}`;
  if (step === "policy") fillPolicy();
  if (step === "check") showWarnings(drawnSteps);
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

// What choosing a school on "Find your school" replaces.
function schoolReplacesHTML() {
  return hasAnswers()
    ? `<div class="cc-inset"><p>This replaces the answers saved in this browser${schoolName() ? ` for ${esc(schoolName())}` : ""}. <a href="#" data-action="download-profile">Download them as a profile</a> first if you may need them.</p></div>` : "";
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

// An upload that reads as a profile, with answers saved: nothing is replaced until she says so.
function replaceAnswersHTML() {
  const name = schoolName();
  const file = esc(pendingUpload.name);
  const count = pendingUpload.read.answered;
  return `${backLink("#start")}
    <h1 class="cc-heading" tabindex="-1">Replace your answers with ${file}'s?</h1>
    <p>You have answers saved in this browser${name ? ` for <strong>${esc(name)}</strong>` : ""}. ${file} holds ${count} ${count === 1 ? "answer" : "answers"}. Using it replaces all your saved answers with its answers.</p>
    <p><a href="#" data-action="download-profile">Download your saved answers as a profile</a> first if you may need them.</p>
    <div class="cc-button-group"><button type="button" class="md-button md-button--primary" data-action="use-upload">Replace them with ${file}'s answers</button>
    <button type="button" class="md-button cc-secondary" data-action="keep-saved">Keep my saved answers</button></div>`;
}

// ---- question pages -------------------------------------------------------------------------------

const backHTML = (step) => stepBackLink(stepOrder(), step, returnTo);

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
      + page.fields.map((field) => fieldHTML(asNeeded(field), field.id, getAt(field.path), messages(field.id), { asHeading: single })).join("")
      + (page.total ? `<p class="cc-total" aria-live="polite" id="cc-total"></p>` : "");
  }
  return `${backHTML(page.id)}${errorSummary(problems)}
    <form id="cc-question" novalidate>
    ${heading}
    ${body}
    <p class="cc-wait" role="status"></p>
    <p><button type="submit" class="md-button md-button--primary">Continue</button></p></form>`;
}

// A question needed only once its topic has another answer (the area the local figures are for): shown as
// optional until then, and as needed from the moment another answer of the topic is typed.
function asNeeded(field) {
  return field.needed_with_topic ? { ...field, required: topicAnswered(field) } : field;
}

function topicAnswered(field) {
  const topic = getAt(field.path.slice(0, -1));
  const given = (value) => (value !== null && typeof value === "object"
    ? Object.values(value).some(given) : typeof value === "string" && value.trim() !== "");
  return topic !== null && typeof topic === "object"
    && Object.entries(topic).some(([key, value]) => key !== field.path[field.path.length - 1] && given(value));
}

function markNeeded(page) {
  page.fields.filter((field) => field.needed_with_topic).forEach((field) => {
    const label = root.querySelector(`label[for="${CSS.escape(field.id)}"]`);
    if (label) label.textContent = field.label + (topicAnswered(field) ? "" : " (optional)");
  });
}

const ofWhom = (page) => page.who || "pupils"; // whom a page's percentages are of

// ---- check your answers ----------------------------------------------------------------------------

function checkHTML(problems) {
  const cards = pages.map((page) => {
    const href = `#${page.id}`;
    if (page.item_fields) {
      const items = Array.isArray(getAt(page.path)) ? getAt(page.path) : [];
      const rows = items.map((item, n) => ({
        key: `${page.item_title} ${n + 1}`, href,
        value: page.item_fields.filter((f) => !isBlank(f, getAt(f.path, item)))
          .map((f) => `${esc(f.label)}: ${summaryValue(f, getAt(f.path, item))}`).join("<br>"),
      }));
      return summaryCard({ title: page.title, id: `card-${page.id}`, href, rows });
    }
    const given = page.fields.filter((f) => !isBlank(f, getAt(f.path)));
    const rows = given.map((f) => ({ key: f.label, value: summaryValue(f, getAt(f.path)), href }));
    if (page.total && given.length) {
      const sum = given.reduce((s, f) => s + (parseFloat(String(getAt(f.path)).replace("%", "")) || 0), 0);
      const rest = Math.round((100 - sum) * 100) / 100;
      if (rest > 0) rows.push({ key: `The rest of the ${ofWhom(page)}`, value: `<span class="cc-not-given">Not given (${esc(rest)}%)</span>`, href });
    }
    const notGiven = page.fields.filter((f) => isBlank(f, getAt(f.path))).map((f) => ({ key: f.label, href }));
    return summaryCard({ title: page.title, id: `card-${page.id}`, href, rows, notGiven });
  }).join("");
  const summary = errorSummary(problems.map((p) => ({ ...p, href: p.page ? `#${p.page}` : "#start" })));
  return `${backHTML("check")}${summary}
    <h1 class="cc-heading" tabindex="-1">Check your answers before making the policy</h1>
    <div class="cc-warnings" id="cc-warnings"></div>
    ${cards}
    <h2>Make the policy</h2>
    <p>The policy is made in this browser, from these answers; nothing is sent anywhere.</p>
    <p class="cc-wait" role="status"></p>
    <p><button type="button" class="md-button md-button--primary" data-action="make">Make the policy</button></p>`;
}

// The reader's own today, in her browser's time zone: only the check's warnings read it, never the policy.
function today() {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n, i) => String(n).padStart(i ? 2 : 4, "0")).join("-");
}

// Answers that may each be right but are unlikely together (a policy approved on a date still to come):
// the engine's warnings, shown above the cards without stopping anyone making the policy. They arrive once
// the engine has started; `at` is the step drawn when they were asked for, so a later step never gets them.
async function showWarnings(at) {
  let found;
  try {
    found = await engine.call("check_warnings", stateJSON(), today());
  } catch (error) {
    console.error(error);
    return;
  }
  const place = root.querySelector("#cc-warnings");
  if (at !== drawnSteps || !place) return;
  place.innerHTML = found.map((w) => `<div class="cc-warning-text"><span class="cc-warning-text__icon" aria-hidden="true">!</span>
    <p class="cc-warning-text__text"><span class="cc-visually-hidden">Warning: </span>${esc(w.message)}
    <a href="#${esc(w.page)}" data-change>${esc(w.change)}</a></p></div>`).join("");
  place.querySelectorAll("[data-change]").forEach((link) => link.addEventListener("click", () => { returnTo = "check"; }));
  place.dataset.checked = "true"; // the page's own signal that the warnings are in
}

// ---- the policy ----------------------------------------------------------------------------------

function policyHTML() {
  return `${backLink("#check", "Back to your answers")}
    <div class="cc-panel"><h1 class="cc-heading" tabindex="-1">Your school's policy is ready</h1>
    <p>Made from your answers in this browser. Nothing was sent anywhere.</p></div>
    <h2>Download it</h2>
    ${downloadsHTML(made.files)}
    <p><button type="button" class="md-button" data-action="print">Print the policy or save it as a PDF</button></p>
    <p>A PDF cannot be made in the browser: print the policy and choose "Save as PDF", or ask your local authority for one.</p>
    <h2>Read it</h2>
    <section class="cc-policy" aria-label="Your school's policy"></section>`;
}

function fillPolicy() {
  showDocument(root.querySelector(".cc-policy"), made.fragment, "policy-");
}

// ---- what each step's buttons and links do ----------------------------------------------------

function wire(step, page) {
  root.querySelectorAll("[data-change]").forEach((link) => link.addEventListener("click", () => { returnTo = "check"; }));
  root.querySelectorAll("[data-action=download-profile]").forEach((link) => link.addEventListener("click", (event) => {
    event.preventDefault();
    downloadProfile();
  }));
  ({
    start: wireStart, check: wireCheck, delete: wireDelete, replace: wireReplace,
    "find-school": () => wireFindSchool(root, setup, { chosen: fromSchool, redraw: (problems) => show("find-school", { problems }) }),
    "replace-answers": wireReplaceAnswers,
    policy: () => root.querySelector("[data-action=print]").addEventListener("click", () => printDocument(made.html, "The policy, for printing")),
  })[step]?.();
  if (page) wireQuestion(page);
}

async function downloadProfile() {
  const status = root.querySelector(".cc-wait") || root.appendChild(Object.assign(document.createElement("p"), { className: "cc-wait", role: "status" }));
  status.setAttribute("role", "status");
  const profile = await withEngine("Writing your answers as a profile...", () => engine.call("profile_text", stateJSON()));
  if (profile.problem) { status.textContent = profile.problem; return; }
  downloadText(profile.name, profile.text);
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
// refused with the engine's reason, and the answers saved in this browser stay exactly as they were. An
// upload that reads, even a partial one, replaces saved answers only once she has said so.
async function startFrom(text, name, how) {
  const read = await withEngine("Reading the profile. The first time, this takes a few seconds...", () => engine.call("read_profile", text, name));
  if (read.refused) {
    const message = `${name} could not be used. ${read.refused} ${hasAnswers() ? "Your saved answers have not changed." : ""}`.trim();
    if (how === "upload") show("start", { problems: [{ target: "cc-upload", message }] });
    else show("find-school", { problems: [{ target: "cc-school", message }] });
    return;
  }
  if (how === "upload" && hasAnswers()) {
    pendingUpload = { name, read };
    go("replace-answers");
    return;
  }
  useRead(read, name, how);
}

function useRead(read, name, how) {
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

function wireReplaceAnswers() {
  root.querySelector("[data-action=use-upload]").addEventListener("click", () => {
    const { read, name } = pendingUpload;
    pendingUpload = null;
    useRead(read, name, "upload");
  });
  root.querySelector("[data-action=keep-saved]").addEventListener("click", () => {
    notice = { title: "Important", html: `<p>Your saved answers have not changed. ${esc(pendingUpload.name)} was not used.</p>` };
    pendingUpload = null;
    go("start");
  });
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
  if (!saveState() && saveProblem === "full") saveProblemShown();
}

function saveProblemShown() {
  showSaveProblem(root, () => downloadAnswersLink("Download your answers"));
}

function wireQuestion(page) {
  const form = root.querySelector("#cc-question");
  let timer = null;
  const typed = () => { clearTimeout(timer); unsaved = page; timer = setTimeout(() => keepTyping(page), 300); };
  form.addEventListener("input", typed);
  form.addEventListener("change", () => { clearTimeout(timer); keepTyping(page); });
  if (page.fields?.some((field) => field.needed_with_topic)) form.addEventListener("input", () => { collect(page); markNeeded(page); });
  if (page.total) {
    const total = root.querySelector("#cc-total");
    const update = () => {
      const figures = page.fields.map((f) => parseFloat(document.getElementById(f.id).value.replace("%", "")));
      const sum = Math.round(figures.reduce((s, f) => s + (Number.isFinite(f) ? f : 0), 0) * 100) / 100;
      const rest = Math.round((100 - sum) * 100) / 100;
      total.textContent = `Total so far: ${sum}%.` + (rest > 0 ? ` The other ${rest}% of ${ofWhom(page)} are shown as not given.` : "");
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
    const found = await withEngine("Checking your answers. The first time, this takes a few seconds...", async () => {
      const problems = await engine.call("check", stateJSON());
      if (hasDate(page)) await showDatesAsRead();
      return problems;
    });
    const mine = found.filter((p) => p.page === page.id);
    lastProblems = lastProblems.filter((p) => p.page !== page.id);
    if (mine.length || (!kept && saveProblem === "full")) {
      show(page.id, { problems: mine });
      if (!kept) saveProblemShown();
      return;
    }
    const order = stepOrder();
    go(returnTo === "check" ? "check" : order[order.indexOf(page.id) + 1], { problems: returnTo === "check" ? lastProblems : [] });
  });
}

const hasDate = (page) => (page.fields || page.item_fields || []).some((field) => field.widget === "date");

// A date typed whole into one box (20/01/2027) is put in its three boxes as the engine read it, so the page
// (and Check your answers, in words) shows how it was understood.
async function showDatesAsRead() {
  const read = await engine.call("dates_read", stateJSON());
  if (!read.answers || JSON.stringify(read.answers) === JSON.stringify(state.answers)) return;
  state.answers = read.answers;
  saveState();
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
    made = {
      fragment: result.fragment, html: result.html,
      files: [
        madeFile("docx", `${result.stem}.docx`, docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "Word document", "Edit it, then take it to your governing body to adopt."),
        madeFile("md", `${result.stem}.md`, result.markdown, "text/markdown;charset=utf-8", "Markdown text", "The same words as plain text."),
        madeFile("html", `${result.stem}.html`, result.html, "text/html;charset=utf-8", "Web page, ready to print", "Open it in a browser to print it or save it as a PDF."),
        madeFile("yml", profile.name, profile.text, "text/yaml;charset=utf-8", "Your answers as a profile",
          "Send it to your local authority, or upload it here next time to carry on."),
      ],
    };
    go("policy");
  });
}

// ---- starting up -----------------------------------------------------------------------------------

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
  } else if (pageById(step) && pageById(step).id !== step) {
    // an old name of a page (#pupils.ethnicity): the address shows its plain name
    history.replaceState(null, "", location.pathname + location.search + "#" + pageById(step).id);
    show(pageById(step).id, { problems: problemsFor(pageById(step).id) });
  } else if (step === "" || (STEPS.has(step) && !ASKED_ONLY.has(step)) || pageById(step) || (step === "policy" && made)) {
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
  const named = stepIn(link.getAttribute("href"));
  const step = named !== null && pageById(named) ? pageById(named).id : named;
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
