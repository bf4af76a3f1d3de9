// "Review your school's work": the audit as GOV.UK question pages, a practice a page, drawn from the
// description the site build worked out from audit.schema.json and audit_practices.yml; check your
// answers; and the self-evaluation pack to read and download. It starts from the school's details the
// policy builder keeps in this browser (or a school on the site, or an uploaded profile).
//
// This script only shows pages and keeps answers in this browser. Checking the answers, every message,
// reading and writing an audit, comparing two, and making the pack is the guide's own Python
// (builder/review_calls.py), run by the same worker and engine as the policy builder (builder-engine.js).
// The GOV.UK pieces are govuk-form.js, the kept answers kept-answers.js, the files made made-files.js.

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
const PROJECT = "/cohesion/project"; // where the worker unpacks the project's local.yml, templates and practices
const pages = setup.pages;
const practicePages = pages.filter((p) => p.strand);
const siteTitle = document.title;
const POLICY = setup.policy_builder;

// ---- the engine, in its worker -------------------------------------------------------------

const engine = builderEngine(setup);

function withEngine(waitingText, work) {
  return engineWork(root, waitingText, work, `<a href="#" data-action="download-review">Download your review as a file</a> to keep it, or try again later.`);
}

// ---- what this browser keeps: the school's details (shared with the policy builder) and the review --

const schoolStore = keptAnswers(setup.school_store);
const reviewStore = keptAnswers(setup.review_store, ["source", "earlier"]);
let school = { answers: {}, source: null };
let review = { answers: {}, source: null, earlier: null };
let schoolUnreadable = false; // what is kept there could not be read: left exactly as it is
let reviewUnreadable = null; // {raw}: the review kept could not be read; nothing replaces it unasked
let saveProblem = null; // "full" or "blocked": the last save the browser refused

function loadKept() {
  const s = schoolStore.load();
  schoolUnreadable = s.problem === "unreadable";
  school = s.state || { answers: {}, source: null };
  const r = reviewStore.load();
  reviewUnreadable = r.problem === "unreadable" ? r : null;
  if (r.problem === "blocked" || s.problem === "blocked") saveProblem = "blocked";
  review = r.state || { answers: {}, source: null, earlier: null };
}
loadKept();

function saveReview() {
  if (reviewUnreadable) return false;
  const saved = reviewStore.save(review);
  saveProblem = saved.ok ? null : saved.reason;
  return saved.ok;
}
function saveSchool() {
  if (schoolUnreadable) return false;
  const saved = schoolStore.save(school);
  saveProblem = saved.ok ? null : saved.reason;
  return saved.ok;
}

const reviewJSON = () => JSON.stringify(review);
const schoolJSON = () => JSON.stringify(school);
const getAt = (path, from = review.answers) => answerAt(from, path);
const setAt = (path, value) => putAnswer(review.answers, path, value);
const hasSchool = () => Object.keys(school.answers).length > 0;
const hasReview = () => Object.keys(review.answers).length > 0;
const schoolName = () => { const name = answerAt(school.answers, ["school", "name"]); return typeof name === "string" ? name.trim() : ""; };
const answered = () => practicePages.filter((p) => !isBlank(p.fields[0], getAt(p.fields[0].path))).length;

// ---- the steps ---------------------------------------------------------------------------------------

let returnTo = null; // "check" when a Change link brought the reader to a question
let lastProblems = []; // problems found on "Check your answers" or in an upload, shown again on their pages
let made = null; // the pack made, with its downloads and what moved
let notice = null; // a banner for the next page drawn: {title, html, success}
let pendingSchool = null; // {slug, name}: a school to start from, once she has said what to do with the details kept
let shownStep = null;

const pageById = (id) => pages.find((p) => p.id === id);
const stepOrder = () => [...pages.map((p) => p.id), "check"];
const STEPS = new Set(["start", "check", "pack", "delete-review", "delete-school", "find-school", "replace-school"]);
const problemsFor = (step) => lastProblems.filter((p) => p.page === step);

function show(step, { problems = [], status = "" } = {}) {
  const page = pageById(step);
  intro.hidden = step !== "start";
  document.querySelector(".md-content__inner")?.classList.toggle("cc-builder-step", step !== "start");
  const banner = notice ? notificationBanner(notice) : "";
  notice = null;
  const drawn = {
    start: () => [startHTML(problems, status), ""],
    check: () => [checkHTML(problems), "Check your answers"],
    pack: () => (made ? [packHTML(), "Your self-evaluation pack"] : null),
    "delete-review": () => [deleteReviewHTML(), "Are you sure you want to delete your review?"],
    "delete-school": () => [deleteSchoolHTML(), "Are you sure you want to delete your school's details?"],
    "find-school": () => [findSchoolHTML(problems, schoolReplacesHTML()), "Find your school"],
    "replace-school": () => (pendingSchool ? [replaceSchoolHTML(), `Start from ${pendingSchool.name}?`] : null),
  }[step]?.() ?? (page ? [questionHTML(page, problems), page.title] : null);
  if (!drawn) return show("start");
  const [html, title] = drawn;
  shownStep = step;
  root.innerHTML = html;
  if (banner) {
    const back = root.querySelector(".cc-back-link");
    (back || root.firstElementChild)?.insertAdjacentHTML(back ? "afterend" : "beforebegin", banner);
  }
  document.title = step === "start" ? siteTitle : `${problems.length ? "Error: " : ""}${title} - ${siteTitle}`;
  if (step === "pack") showDocument(root.querySelector(".cc-policy"), made.fragment, "pack-");
  wireForm(root);
  wire(step, page);
  if (step !== "start" || problems.length || banner) focusPage(root);
}

function go(step, options) {
  if (location.hash !== "#" + step) history.pushState(null, "", "#" + step);
  show(step, options);
}

// ---- the start page -------------------------------------------------------------------------------

function uploadHTML(id, label, hint, problems) {
  const mine = problems.filter((p) => p.target === id);
  return `<form class="cc-upload-form" data-upload="${id}" novalidate><div class="cc-form-group${mine.length ? " cc-form-group--error" : ""}">
      <label class="cc-label" for="${id}">${esc(label)}</label>
      <div class="cc-hint" id="${id}-hint">${esc(hint)}</div>
      ${errorMessage(id, mine.map((p) => p.message))}
      <input class="cc-file" type="file" id="${id}" accept=".yml,.yaml" aria-describedby="${id}-hint${mine.length ? ` ${id}-error` : ""}"></div>
      <p><button type="submit" class="md-button">Upload</button></p></form>`;
}

function startHTML(problems, status) {
  const name = schoolName();
  const saving = saveProblem === "blocked"
    ? `<div class="cc-inset"><p>This browser does not let the review keep your answers, so they last only while this page is open. Download your review as a file before you close it.</p></div>` : "";
  let details;
  if (schoolUnreadable) {
    details = `<p>The school's details kept in this browser could not be read. They have not been changed. Open <a href="${esc(POLICY)}">Make your school's policy</a> to see what to do with them.</p>`;
  } else if (hasSchool()) {
    details = `<div class="cc-inset"><p>The review uses the details${name ? ` of <strong>${esc(name)}</strong>` : ""} kept in this browser, which <a href="${esc(POLICY)}">Make your school's policy</a> uses too. Change them there.</p></div>
      <details class="cc-details"><summary class="cc-details__summary">Use another school's details</summary>${otherDetailsHTML(problems, true)}</details>`;
  } else {
    details = `<p>The pack's community profile and action plan are made from your school's details: who its pupils are, where it is, who leads the work. If you made your policy on this site in this browser, they are here already; if not, choose one of these.</p>${otherDetailsHTML(problems, false)}`;
  }
  const reviewPart = reviewUnreadable ? unreadableHTML() : hasReview()
    ? `<div class="cc-inset"><p>You have a review saved in this browser: ${answered()} of ${practicePages.length} practices answered.</p>
       <p><button type="button" class="md-button md-button--primary" data-action="resume">Continue your review</button></p></div>`
    : `<p>${practicePages.length} practices in three strands, a page each, then a chance to check your answers.</p>
       <p><button type="button" class="md-button md-button--primary" id="cc-start-review">Start the review</button></p>`;
  const earlier = review.earlier
    ? `<div class="cc-inset"><p>The pack will show what has moved since the review in <strong>${esc(review.earlier.name)}</strong>.</p>
       <p><button type="button" class="md-button cc-secondary" data-action="stop-comparing">Stop comparing</button></p></div>` : "";
  const replaces = hasReview() ? " It replaces the review saved in this browser." : "";
  return `${errorSummary(problems)}${saving}
    <h2>Your school's details</h2>
    ${details}
    <h2>Your review</h2>
    ${reviewPart}
    ${reviewUnreadable ? "" : `<h3>Carry on from a review you saved</h3>
    ${uploadHTML("cc-upload-audit", "Upload your review (a .yml file)", `A review you downloaded here before, or your school's audit file.${replaces}`, problems)}
    <h3>Compare with an earlier review</h3>
    ${earlier}
    ${uploadHTML("cc-upload-earlier", "Upload an earlier review (a .yml file)", "For example last year's. Your pack then shows what has moved since, such as practices that were not yet in place and now are.", problems)}`}
    ${hasReview() || hasSchool() ? yourAnswersHTML() : ""}
    <p class="cc-wait" role="status">${esc(status)}</p>`;
}

function otherDetailsHTML(problems, replacing) {
  const replaces = replacing ? " They replace the details kept in this browser, in Make your school's policy too." : "";
  return `<h3>Start from your school</h3>
    <p>If your local authority has put your school on this site, its details are filled in from there.${replaces}</p>
    <p><a href="#find-school" class="md-button" id="cc-find-school">Find your school</a></p>
    <h3>Upload your school's profile</h3>
    ${uploadHTML("cc-upload-school", "Upload your school's profile (a .yml file)", `A profile you downloaded from Make your school's policy, or one your local authority sent you.${replaces}`, problems)}
    <h3>Answer the questions about your school</h3>
    <p><a href="${esc(POLICY)}">Make your school's policy</a> asks them, then come back here.</p>`;
}

function yourAnswersHTML() {
  return `<h2>Your answers</h2>
    <p>Your review and your school's details are kept in this browser only, so you can come back to them. Nothing is sent anywhere.</p>
    ${hasReview() ? `<p><a href="#" data-action="download-review">Download your review as a file</a></p>
    <p><a href="#delete-review" class="md-button cc-secondary" id="cc-delete-review">Delete your review</a></p>` : ""}
    ${hasSchool() ? `<p><a href="#delete-school" class="md-button cc-secondary" id="cc-delete-school">Delete your school's details</a></p>` : ""}`;
}

function unreadableHTML() {
  const url = URL.createObjectURL(new Blob([reviewUnreadable.raw ?? ""], { type: "text/plain;charset=utf-8" }));
  return `<div class="cc-error-summary" tabindex="-1" role="alert" aria-labelledby="cc-unreadable-title">
    <h2 class="cc-error-summary__title" id="cc-unreadable-title">The review saved in this browser could not be read</h2>
    <p>It is not a review this page saved, or it has been damaged. It has not been changed or deleted.</p></div>
    <p><a href="${url}" download="saved-review.txt">Download it as it is</a>, to keep a copy.</p>
    <p>Then start again: this deletes it from this browser.</p>
    <p><button type="button" class="md-button md-button--primary" data-action="start-again">Start again</button></p>`;
}

// ---- deleting, and starting from a school --------------------------------------------------------

function deleteReviewHTML() {
  return `${backLink("#start")}
    <h1 class="cc-heading" tabindex="-1">Are you sure you want to delete your review?</h1>
    <p>Your review is kept in this browser only. Once it is deleted, it cannot be got back. Your school's details are kept.</p>
    <p><a href="#" data-action="download-review">Download your review as a file</a> first if you may need it.</p>
    <div class="cc-button-group"><button type="button" class="md-button cc-warning" data-action="delete-review">Yes, delete my review</button>
    <a href="#start">No, keep my review</a></div>`;
}

function deleteSchoolHTML() {
  const name = schoolName();
  return `${backLink("#start")}
    <h1 class="cc-heading" tabindex="-1">Are you sure you want to delete your school's details?</h1>
    <p>The details${name ? ` of ${esc(name)}` : ""} are kept in this browser only, and Make your school's policy uses them too: they are deleted there as well. Once they are deleted, they cannot be got back. Your review is kept.</p>
    <p><a href="${esc(POLICY)}">Download them as a profile in Make your school's policy</a> first if you may need them.</p>
    <div class="cc-button-group"><button type="button" class="md-button cc-warning" data-action="delete-school">Yes, delete my school's details</button>
    <a href="#start">No, keep them</a></div>`;
}

// What choosing a school on "Find your school" replaces.
function schoolReplacesHTML() {
  return hasSchool()
    ? `<div class="cc-inset"><p>This replaces the details kept in this browser${schoolName() ? ` for ${esc(schoolName())}` : ""}, in Make your school's policy too. Your review is kept.</p></div>` : "";
}

function replaceSchoolHTML() {
  const name = schoolName();
  return `${backLink("#start")}
    <h1 class="cc-heading" tabindex="-1">Start from ${esc(pendingSchool.name)}?</h1>
    <p>This browser keeps the details of ${name ? esc(name) : "another school"}, which Make your school's policy uses too. Starting from ${esc(pendingSchool.name)} replaces them there as well.</p>
    <p class="cc-wait" role="status"></p>
    <div class="cc-button-group"><button type="button" class="md-button md-button--primary" data-action="use-school">Start from ${esc(pendingSchool.name)}</button>
    <button type="button" class="md-button cc-secondary" data-action="keep-school">Keep the details I have</button></div>`;
}

// ---- question pages ---------------------------------------------------------------------------------

const backHTML = (step) => stepBackLink(stepOrder(), step, returnTo);

function questionHTML(page, problems) {
  const messages = (id) => problems.filter((p) => !p.whole && p.target === id).map((p) => p.message);
  const whole = problems.filter((p) => p.whole).map((p) => p.message);
  return `${backHTML(page.id)}${errorSummary(problems)}
    <form id="cc-question" novalidate>
    <span class="cc-caption">${esc(page.caption)}</span>
    <h1 class="cc-heading" tabindex="-1">${esc(page.title)}</h1>
    ${errorMessage(`page-${page.id}`, whole)}
    ${page.fields.map((field) => fieldHTML(field, field.id, getAt(field.path), messages(field.id))).join("")}
    <p class="cc-wait" role="status"></p>
    <p><button type="submit" class="md-button md-button--primary">Continue</button></p></form>`;
}

// ---- check your answers ----------------------------------------------------------------------------

function practiceRow(page) {
  const [status, ...rest] = page.fields;
  const href = `#${page.id}`;
  if (isBlank(status, getAt(status.path))) {
    return { key: page.title, href, value: '<span class="cc-not-given">Not answered yet</span>', hidden: page.title };
  }
  const more = rest.filter((f) => !isBlank(f, getAt(f.path)))
    .map((f) => `<br><span class="cc-answer-label">${esc(f.label)}</span> ${summaryValue(f, getAt(f.path))}`).join("");
  return { key: page.title, href, value: `<strong>${summaryValue(status, getAt(status.path))}</strong>${more}`, hidden: page.title };
}

function checkHTML(problems) {
  const about = pages.find((p) => !p.strand);
  const aboutRows = about.fields.filter((f) => !isBlank(f, getAt(f.path))).map((f) => ({ key: f.label, value: summaryValue(f, getAt(f.path)), href: `#${about.id}` }));
  const aboutNotGiven = about.fields.filter((f) => isBlank(f, getAt(f.path))).map((f) => ({ key: f.label, href: `#${about.id}` }));
  const strands = [...new Map(practicePages.map((p) => [p.strand, p.strand_title])).entries()];
  const cards = summaryCard({ title: about.title, id: "card-about", href: `#${about.id}`, rows: aboutRows, notGiven: aboutNotGiven })
    + strands.map(([id, title]) => {
      const mine = practicePages.filter((p) => p.strand === id);
      return summaryCard({ title, id: `card-${id}`, href: `#${mine[0].id}`, rows: mine.map(practiceRow) });
    }).join("");
  const summary = errorSummary(problems.map((p) => ({
    ...p, message: p.in_summary || p.message, href: p.policy_page !== undefined ? `${POLICY}#${p.policy_page || ""}` : p.page ? `#${p.page}` : "#start",
  })));
  const name = schoolName();
  const making = hasSchool()
    ? `<p>The pack is made in this browser from this review and the details${name ? ` of ${esc(name)}` : ""} kept here; nothing is sent anywhere.</p>
       <p class="cc-wait" role="status"></p>
       <p><button type="button" class="md-button md-button--primary" data-action="make">Make the pack</button></p>`
    : `<p>The pack needs your school's details first: <a href="#start">choose where they come from</a>.</p>`;
  return `${backHTML("check")}${summary}
    <h1 class="cc-heading" tabindex="-1">Check your answers before making the pack</h1>
    ${cards}
    <h2>Make the self-evaluation pack</h2>
    ${making}`;
}

// ---- the pack ------------------------------------------------------------------------------------------

function movedHTML() {
  const moved = made.moved;
  if (!moved || moved.none) return "";
  if (moved.refused) return `<h2>What has moved</h2><p>${esc(moved.refused)}</p>`;
  const since = moved.earlier_on ? `the review of ${esc(moved.earlier_on)}` : `the review in ${esc(moved.name)}`;
  if (!moved.changes.length) return `<h2>What has moved</h2><p>Every practice stands where it stood in ${since}.</p>`;
  const rows = moved.changes.map((c) => `<tr><td data-label="Practice">${esc(c.practice)}</td><td data-label="Then">${esc(c.from)}</td>
    <td data-label="Now">${c.better === true ? "<strong>" : ""}${esc(c.to)}${c.better === true ? "</strong>" : ""}</td></tr>`).join("");
  return `<h2>What has moved</h2>
    <p>Since ${since}: ${moved.changes.length} ${moved.changes.length === 1 ? "practice has" : "practices have"} moved, ${moved.same} stand where they stood.</p>
    <div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="cc-moved"><caption class="cc-visually-hidden">Practices whose status has changed since ${since}</caption>
    <thead><tr><th scope="col">Practice</th><th scope="col">Then</th><th scope="col">Now</th></tr></thead><tbody>${rows}</tbody></table></div></div>`;
}

function packHTML() {
  return `${backLink("#check", "Back to your answers")}
    <div class="cc-panel"><h1 class="cc-heading" tabindex="-1">Your self-evaluation pack is ready</h1>
    <p>Made from your review and your school's details in this browser. Nothing was sent anywhere.</p></div>
    <h2>Download it</h2>
    ${downloadsHTML(made.files)}
    <p><button type="button" class="md-button" data-action="print">Print the pack or save it as a PDF</button></p>
    <p>A PDF cannot be made in the browser: print the pack and choose "Save as PDF", or ask your local authority for one.</p>
    ${movedHTML()}
    <h2>Read it</h2>
    <section class="cc-policy cc-pack" aria-label="Your school's self-evaluation pack"></section>`;
}

// ---- what each step's buttons and links do --------------------------------------------------------

function wire(step, page) {
  root.querySelectorAll("[data-change]").forEach((link) => link.addEventListener("click", () => { returnTo = "check"; }));
  root.querySelectorAll("[data-action=download-review]").forEach((link) => link.addEventListener("click", (event) => {
    event.preventDefault();
    downloadReview();
  }));
  ({
    start: wireStart, check: wireCheck, "delete-review": wireDeleteReview, "delete-school": wireDeleteSchool,
    "find-school": () => wireFindSchool(root, setup, { chosen: fromSchool, redraw: (problems) => show("find-school", { problems }) }),
    "replace-school": wireReplaceSchool,
    pack: () => root.querySelector("[data-action=print]").addEventListener("click", () => printDocument(made.html, "The self-evaluation pack, for printing")),
  })[step]?.();
  if (page) wireQuestion(page);
}

async function downloadReview() {
  const status = root.querySelector(".cc-wait") || root.appendChild(Object.assign(document.createElement("p"), { className: "cc-wait" }));
  status.setAttribute("role", "status");
  const file = await withEngine("Writing your review as a file...", () => engine.call("audit_text", reviewJSON(), schoolJSON()));
  if (file.problem) { status.textContent = file.problem; return; }
  downloadText(file.name, file.text);
}

async function fileText(input) {
  const file = input.files[0];
  if (!file) return { problem: "Select a file to upload it" };
  try { return { name: file.name, text: await file.text() }; } catch { return { problem: `${file.name} could not be read.` }; }
}

function wireStart() {
  root.querySelector("[data-action=start-again]")?.addEventListener("click", () => {
    if (!reviewStore.clear()) return;
    reviewUnreadable = null;
    review = { answers: {}, source: null, earlier: null };
    notice = { title: "Success", html: "<p>The review that could not be read has been deleted. You can start again.</p>", success: true };
    go("start");
  });
  root.querySelector("[data-action=resume]")?.addEventListener("click", () => { returnTo = null; go("check"); });
  root.querySelector("[data-action=stop-comparing]")?.addEventListener("click", () => {
    review.earlier = null;
    saveReview();
    notice = { title: "Success", html: "<p>The pack no longer compares with an earlier review.</p>", success: true };
    show("start");
  });
  root.querySelector("#cc-start-review")?.addEventListener("click", async () => {
    // A new review starts as `cohesion audit new` starts an audit: the engine names who completes it.
    const fresh = await withEngine("Starting your review. The first time, this takes a few seconds...", () => engine.call("new_review", schoolJSON()));
    review = { answers: fresh.answers, source: null, earlier: review.earlier };
    saveReview();
    returnTo = null;
    go(pages[0].id);
  });
  root.querySelectorAll("form[data-upload]").forEach((form) => form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const id = form.dataset.upload;
    const file = await fileText(root.querySelector(`#${id}`));
    if (file.problem) { show("start", { problems: [{ target: id, message: file.problem }] }); return; }
    if (id === "cc-upload-school") await schoolFrom(file.text, file.name, "upload");
    else await reviewFrom(file.text, file.name, id === "cc-upload-earlier");
  }));
}

// An uploaded review becomes the answers (to carry on) or the earlier review (to compare with) only when
// the engine reads it as an audit; anything else is refused with its reason, and nothing kept changes.
async function reviewFrom(text, name, earlier) {
  const target = earlier ? "cc-upload-earlier" : "cc-upload-audit";
  const read = await withEngine("Reading the review. The first time, this takes a few seconds...", () => engine.call("read_audit", text, name));
  if (read.refused) {
    show("start", { problems: [{ target, message: `${name} could not be used. ${read.refused} Nothing kept in this browser has changed.` }] });
    return;
  }
  const before = review;
  review = earlier
    ? { ...review, earlier: read.state.source }
    : { answers: read.state.answers, source: read.state.source, earlier: review.earlier || read.state.source };
  if (!saveReview() && saveProblem === "full") {
    review = before;
    show("start", { problems: [{ target, message: `${name} is too large for this browser to keep. Nothing kept in this browser has changed.` }] });
    return;
  }
  made = null;
  if (earlier) {
    notice = { title: "Success", html: `<p>Your pack will show what has moved since the review in ${esc(name)}.</p>`, success: true };
    show("start");
    return;
  }
  lastProblems = read.problems;
  const attention = read.problems.length ? ` ${read.problems.length} ${read.problems.length === 1 ? "needs" : "need"} your attention.` : "";
  const notKept = read.not_kept.length
    ? `<p>Not kept, because the questions do not ask for them:</p><ul>${read.not_kept.map((line) => `<li>${esc(line)}</li>`).join("")}</ul>` : "";
  notice = { title: "Important", html: `<p>${esc(name)} was read: ${read.answered} of ${practicePages.length} practices answered.${attention} Change what has changed since, and your pack shows what has moved.</p>${notKept}` };
  returnTo = null;
  go("check", { problems: lastProblems });
}

// The school's details, from a profile uploaded or found on the site, replace those kept only when the
// engine reads the file as a profile. They are kept where the policy builder keeps them.
async function schoolFrom(text, name, how) {
  const target = how === "upload" ? "cc-upload-school" : "cc-school";
  const read = await withEngine("Reading the profile. The first time, this takes a few seconds...", () => engine.call("read_profile", text, name));
  if (read.refused) {
    const message = `${name} could not be used. ${read.refused} ${hasSchool() ? "The details kept in this browser have not changed." : ""}`.trim();
    show(how === "upload" ? "start" : "find-school", { problems: [{ target, message }] });
    return false;
  }
  const before = school;
  school = read.state;
  if (!saveSchool() && saveProblem === "full") {
    school = before;
    show(how === "upload" ? "start" : "find-school", { problems: [{ target, message: `${name} is too large for this browser to keep. Nothing kept has changed.` }] });
    return false;
  }
  made = null;
  const attention = read.problems.length
    ? ` ${read.problems.length} of them ${read.problems.length === 1 ? "needs" : "need"} your attention before the pack can be made: <a href="${esc(POLICY)}#check">check them in Make your school's policy</a>.` : "";
  notice = { title: "Important", html: `<p>Your school's details are filled in from ${how === "upload" ? esc(name) : "its profile on this site"}: ${read.answered} answers about ${esc(schoolName() || name)}.${attention}</p>` };
  return true;
}

async function fromSchool(found) {
  let profile;
  try {
    const response = await fetch(new URL(`${setup.profiles}${encodeURIComponent(found.slug)}.yml`, document.baseURI));
    if (!response.ok) throw new Error(String(response.status));
    profile = await response.text();
  } catch {
    notice = { title: "Important", html: `<p>${esc(found.name)}'s details could not be loaded. Check your connection and try again.</p>` };
    go("start");
    return;
  }
  if (!(await schoolFrom(profile, `${found.slug}.yml`, "school"))) return;
  // A school with its audit on the site carries on from it, unless a review is kept here already.
  if (!hasReview() && !reviewUnreadable && setup.audits.includes(found.slug)) {
    try {
      const response = await fetch(new URL(`audits/${encodeURIComponent(found.slug)}.yml`, document.baseURI));
      if (response.ok) {
        const read = await engine.call("read_audit", await response.text(), `${found.slug}-audit.yml`);
        if (!read.refused) {
          review = { answers: read.state.answers, source: read.state.source, earlier: read.state.source };
          saveReview();
          notice.html += `<p>Its review on this site is filled in too: ${read.answered} of ${practicePages.length} practices answered. Change what has changed since, and your pack shows what has moved.</p>`;
        }
      }
    } catch (error) {
      console.error(error); // the school's details are there: the review starts blank
    }
  }
  go("start");
}

function wireReplaceSchool() {
  root.querySelector("[data-action=use-school]").addEventListener("click", async () => {
    const found = pendingSchool;
    pendingSchool = null;
    await fromSchool(found);
  });
  root.querySelector("[data-action=keep-school]").addEventListener("click", () => { pendingSchool = null; go("start"); });
}

function wireDeleteReview() {
  root.querySelector("[data-action=delete-review]").addEventListener("click", () => {
    if (!reviewStore.clear()) {
      notice = { title: "Important", html: "<p>This browser would not let the page delete your review. Clear this site's data in your browser's settings.</p>" };
      go("start");
      return;
    }
    review = { answers: {}, source: null, earlier: null };
    made = null;
    lastProblems = [];
    notice = { title: "Success", html: "<p>Your review has been deleted from this browser.</p>", success: true };
    go("start");
  });
}

function wireDeleteSchool() {
  root.querySelector("[data-action=delete-school]").addEventListener("click", () => {
    if (!schoolStore.clear()) {
      notice = { title: "Important", html: "<p>This browser would not let the page delete your school's details. Clear this site's data in your browser's settings.</p>" };
      go("start");
      return;
    }
    school = { answers: {}, source: null };
    schoolUnreadable = false;
    made = null;
    notice = { title: "Success", html: "<p>Your school's details have been deleted from this browser.</p>", success: true };
    go("start");
  });
}

function collect(page) {
  page.fields.forEach((field) => setAt(field.path, readField(field, field.id, root)));
}

// What is typed is kept as it is typed, so Back, a reload or a closed tab loses nothing.
let unsaved = null;

function keepTyping(page) {
  unsaved = null;
  collect(page);
  if (!saveReview() && saveProblem === "full") saveProblemShown();
}

function saveProblemShown() {
  if (!showSaveProblem(root, () => `<a href="#" data-action="download-review">Download your review as a file</a>`)) return;
  root.querySelector(".cc-save-problem [data-action=download-review]").addEventListener("click", (event) => { event.preventDefault(); downloadReview(); });
}

function wireQuestion(page) {
  const form = root.querySelector("#cc-question");
  let timer = null;
  form.addEventListener("input", () => { clearTimeout(timer); unsaved = page; timer = setTimeout(() => keepTyping(page), 300); });
  form.addEventListener("change", () => { clearTimeout(timer); keepTyping(page); });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearTimeout(timer);
    unsaved = null;
    collect(page);
    const kept = saveReview();
    const found = await withEngine("Checking your answers. The first time, this takes a few seconds...", () => engine.call("check", reviewJSON()));
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

function wireCheck() {
  root.querySelectorAll(".cc-error-summary a[href^='#']").forEach((link) => link.addEventListener("click", () => { returnTo = "check"; }));
  root.querySelector("[data-action=make]")?.addEventListener("click", async () => {
    const result = await withEngine("Making the pack. The first time, this takes a few seconds...", () => engine.call("make_pack", reviewJSON(), schoolJSON(), PROJECT));
    if (result.problems.length || result.school_problems.length) {
      lastProblems = [...result.problems, ...result.school_problems.map((p) => ({ ...p, policy_page: p.page, page: null }))];
      show("check", { problems: lastProblems });
      return;
    }
    const moved = review.earlier ? await engine.call("moved", reviewJSON()) : null;
    made?.files.forEach((file) => URL.revokeObjectURL(file.url));
    const docx = Uint8Array.from(atob(result.docx), (c) => c.charCodeAt(0));
    made = {
      fragment: result.fragment, html: result.html, moved,
      files: [
        madeFile("docx", `${result.stem}.docx`, docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "Word document", "Edit it, then take it to your governing body to discuss and adopt."),
        madeFile("html", `${result.stem}.html`, result.html, "text/html;charset=utf-8", "Web page, ready to print", "Open it in a browser to print it or save it as a PDF."),
        madeFile("md", `${result.stem}.md`, result.markdown, "text/markdown;charset=utf-8", "Markdown text", "The same words as plain text."),
        madeFile("yml", result.audit.name, result.audit.text, "text/yaml;charset=utf-8", "Your review as a file",
          "Upload it here next year to carry on or to see what has moved, or send it to your local authority with your profile."),
      ],
    };
    go("pack");
  });
}

// ---- starting up -----------------------------------------------------------------------------------

window.addEventListener("popstate", () => route());
window.addEventListener("hashchange", () => { if (stepIn(location.hash) !== shownStep) route(); });
function route(first = false) {
  const step = stepIn(location.hash);
  if (step === null) {
    notice = { title: "Important", html: "<p>That address is not one of this review's pages, so it has opened at the start. Your answers are as they were.</p>" };
    history.replaceState(null, "", location.pathname + location.search);
    show("start");
  } else if (reviewUnreadable && step !== "start" && step !== "") {
    show("start");
  } else if (step === "" || (STEPS.has(step) && step !== "pack" && step !== "replace-school") || pageById(step) || (step === "pack" && made)) {
    show(step || "start", { problems: problemsFor(step) });
  } else if (first) {
    // A pack is not kept after the page closes (only the answers are): show the answers it came from.
    show(step === "pack" && hasReview() ? "check" : "start");
  } else {
    show("start");
  }
}
document.addEventListener("click", (event) => {
  // Links between the review's steps change the step, not the scroll position.
  const link = event.target.closest("#cc-builder a[href^='#']");
  if (!link || event.defaultPrevented || link.hasAttribute("data-target") || link.dataset.action) return;
  const step = stepIn(link.getAttribute("href"));
  if (step !== null && (STEPS.has(step) || pageById(step))) {
    event.preventDefault();
    go(step, { problems: problemsFor(step) });
  }
});
window.addEventListener("pagehide", () => { if (unsaved && root.querySelector("#cc-question")) keepTyping(unsaved); });
// Answers changed in another tab (or by the policy builder there) are the answers now: shown, not saved over.
window.addEventListener("storage", (event) => {
  if (event.key !== null && event.key !== setup.review_store && event.key !== setup.school_store) return;
  loadKept();
  unsaved = null;
  if (shownStep && shownStep !== "pack") show(shownStep, { problems: problemsFor(shownStep) });
});

// planning/review/?school=<slug> starts from that school's details on this site.
root.classList.add("cc-builder--ready");
const fromSite = startingSchool();
if (fromSite && !schoolUnreadable) {
  history.replaceState(null, "", location.pathname + (location.hash || ""));
  if (hasSchool() && school.source?.name !== `${fromSite.slug}.yml`) {
    pendingSchool = fromSite;
    fetch(new URL(setup.schools, document.baseURI)).then((r) => r.json()).then((list) => {
      const found = Array.isArray(list) && list.find((s) => s.slug === fromSite.slug);
      if (found && pendingSchool) { pendingSchool.name = found.name; if (stepIn(location.hash) === "replace-school") show("replace-school"); }
    }).catch(() => {});
    history.replaceState(null, "", location.pathname + "#replace-school");
    show("replace-school");
  } else if (hasSchool()) {
    route(true);
  } else {
    show("start", { status: "Loading your school's details..." });
    fromSchool(fromSite);
  }
} else {
  route(true);
}
window.ccBuilder = { engine, shown: performance.now() };
// The engine starts once the first page is on screen, so the page is usable at once.
requestAnimationFrame(() => setTimeout(() => engine.start(), 0));
