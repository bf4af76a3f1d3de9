// The policy builder's pages: GOV.UK-style questions drawn from the description the site build
// worked out from profile.schema.json, check your answers, and the finished policy to download.
// This script only shows pages and keeps the answers in this browser. Checking the answers and
// making the policy is the guide's own Python, run in a worker (builder-worker.js).

const setup = JSON.parse(document.getElementById("cc-builder-setup").textContent);
const root = document.getElementById("cc-builder");
const intro = document.querySelector(".cc-builder-intro");
const STORE = "cohesion-builder-answers";
const PROJECT = "/cohesion/project"; // where the worker unpacks the project's local.yml, templates and case studies
const pages = setup.pages;
const siteTitle = document.title;

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

// Runs an engine call, telling the reader when she has to wait for the engine to start.
async function withEngine(waitingText, work) {
  const status = root.querySelector(".cc-wait");
  let shown = false;
  const timer = setTimeout(() => { shown = true; if (status) status.textContent = waitingText; }, 150);
  root.querySelectorAll("button").forEach((b) => { b.disabled = true; });
  try {
    return await work();
  } catch (error) {
    if (status) {
      status.textContent = "Sorry, the policy could not be made in this browser (" + error.message + "). " +
        "Download your answers as a profile and use the command line, or ask your local authority.";
    }
    throw error;
  } finally {
    clearTimeout(timer);
    root.querySelectorAll("button").forEach((b) => { b.disabled = false; });
    if (shown && status && status.textContent === waitingText) status.textContent = "";
  }
}

// ---- answers, kept in this browser only ------------------------------------------------------

function loadAnswers() {
  try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch { return {}; }
}
let answers = loadAnswers();
function saveAnswers() { localStorage.setItem(STORE, JSON.stringify(answers)); }
function hasAnswers() { return Object.keys(answers).length > 0; }

function getAt(path, from = answers) {
  return path.reduce((node, key) => (node == null ? undefined : node[key]), from);
}
function setAt(path, value) {
  let node = answers;
  path.slice(0, -1).forEach((key) => { if (typeof node[key] !== "object" || node[key] === null) node[key] = {}; node = node[key]; });
  node[path[path.length - 1]] = value;
}

// ---- small pieces of HTML ------------------------------------------------------------------------

const esc = (text) => String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const idFor = (path) => "f-" + path.join("-");
const pageById = (id) => pages.find((p) => p.id === id);

function errorSummary(problems) {
  if (!problems.length) return "";
  const items = problems.map((p) => `<li><a href="#${esc(p.target)}" data-target="${esc(p.target)}">${esc(p.label ? p.label + ": " : "")}${esc(p.message)}</a></li>`).join("");
  return `<div class="cc-error-summary" tabindex="-1" aria-labelledby="cc-error-title">
    <h2 class="cc-error-summary__title" id="cc-error-title">There is a problem</h2>
    <ul class="cc-error-summary__list">${items}</ul></div>`;
}

function fieldHTML(field, path, problems) {
  const id = idFor(path);
  const mine = problems.filter((p) => p.target === id);
  const label = esc(field.label) + (field.required ? "" : " (optional)");
  const hint = field.hint ? `<div class="cc-hint" id="${id}-hint">${esc(field.hint)}${field.widget === "lines" ? " Write each one on its own line." : ""}</div>` : "";
  const error = mine.length ? `<p class="cc-error-message" id="${id}-error"><span class="cc-visually-hidden">Error:</span> ${mine.map((p) => esc(p.message)).join(" ")}</p>` : "";
  const described = [field.hint ? `${id}-hint` : "", mine.length ? `${id}-error` : ""].filter(Boolean).join(" ");
  const aria = (described ? ` aria-describedby="${described}"` : "") + (mine.length ? ' aria-invalid="true"' : "");
  const value = getAt(path) ?? field.default ?? "";
  const group = `cc-form-group${mine.length ? " cc-form-group--error" : ""}`;
  if (field.widget === "radios") {
    const options = field.options.map((option, n) => `<div class="cc-radios__item">
      <input class="cc-radios__input" type="radio" id="${id}-${n}" name="${id}" value="${esc(option)}"${option === value ? " checked" : ""}${mine.length && n === 0 ? ' aria-invalid="true"' : ""}>
      <label class="cc-radios__label" for="${id}-${n}">${esc(option)}</label></div>`).join("");
    return `<div class="${group}"><fieldset class="cc-fieldset" id="${id}"${described ? ` aria-describedby="${described}"` : ""}>
      <legend class="cc-label">${label}</legend>${hint}${error}<div class="cc-radios">${options}</div></fieldset></div>`;
  }
  let control;
  if (field.widget === "select") {
    const options = field.options.map((option) => `<option value="${esc(option)}"${option === value ? " selected" : ""}>${esc(option)}</option>`).join("");
    control = `<select class="cc-select" id="${id}" name="${id}"${aria}><option value="">Choose one</option>${options}</select>`;
  } else if (field.widget === "textarea" || field.widget === "lines") {
    control = `<textarea class="cc-textarea" id="${id}" name="${id}" rows="${field.widget === "lines" ? 4 : 8}"${aria}>${esc(value)}</textarea>`;
  } else {
    const mode = field.inputmode ? ` inputmode="${field.inputmode}"` : "";
    const width = field.width === "short" ? " cc-input--short" : "";
    const input = `<input class="cc-input${width}" type="text" id="${id}" name="${id}" value="${esc(value)}"${mode} spellcheck="false"${aria}>`;
    control = field.suffix ? `<div class="cc-input-wrapper">${input}<span class="cc-suffix" aria-hidden="true">${esc(field.suffix)}</span></div>` : input;
  }
  return `<div class="${group}"><label class="cc-label" for="${id}">${label}</label>${hint}${error}${control}</div>`;
}

function readField(field, path) {
  const id = idFor(path);
  if (field.widget === "radios") {
    const checked = root.querySelector(`input[name="${CSS.escape(id)}"]:checked`);
    return checked ? checked.value : "";
  }
  const element = document.getElementById(id);
  return element ? element.value : "";
}

// ---- the steps -----------------------------------------------------------------------------------

let returnTo = null; // "check" when a Change link brought the reader to a question
let lastProblems = []; // the problems found on "Check your answers", shown again on their pages
let made = null; // the policy made, with its downloads

function stepOrder() { return [...pages.map((p) => p.id), "check"]; }

function show(step, { problems = [], status = "" } = {}) {
  const page = pageById(step);
  intro.hidden = step !== "start";
  document.querySelector(".md-content__inner")?.classList.toggle("cc-builder-step", step !== "start");
  let title;
  if (step === "start") { root.innerHTML = startHTML(problems, status); title = siteTitle; }
  else if (page) { root.innerHTML = questionHTML(page, problems); title = page.title; }
  else if (step === "check") { root.innerHTML = checkHTML(problems); title = "Check your answers"; }
  else if (step === "policy" && made) { root.innerHTML = policyHTML(); title = "Your school's policy"; fillPolicy(); }
  else { return show("start"); }
  if (step !== "start") document.title = `${problems.length ? "Error: " : ""}${title} - ${siteTitle}`;
  else document.title = siteTitle;
  wire(step, page);
  const summary = root.querySelector(".cc-error-summary");
  if (summary) { summary.focus(); return; }
  if (step !== "start") { root.querySelector("h1")?.focus(); window.scrollTo(0, 0); }
}

function go(step, options) {
  if (location.hash !== "#" + step) history.pushState(null, "", "#" + step);
  show(step, options);
}

function startHTML(problems, status) {
  const name = getAt(["school", "name"]);
  const resume = hasAnswers() ? `<div class="cc-inset"><p>You have answers saved in this browser${name ? ` for <strong>${esc(name)}</strong>` : ""}.</p>
    <p><button type="button" class="md-button md-button--primary" data-action="resume">Continue with your answers</button></p></div>` : "";
  return `${errorSummary(problems)}${resume}
    <h2>Start</h2>
    <h3>Answer the questions</h3>
    <p>${pages.length} short pages, then a chance to check your answers.${hasAnswers() ? " This starts again with a blank form." : ""}</p>
    <p><button type="button" class="md-button md-button--primary" id="cc-start-blank">Start now</button></p>
    <h3>Start from a school on this site</h3>
    <form id="cc-from-school" novalidate><div class="cc-form-group">
      <label class="cc-label" for="cc-school">School</label>
      <div class="cc-hint" id="cc-school-hint">Its answers are filled in for you to change.</div>
      <select class="cc-select" id="cc-school" aria-describedby="cc-school-hint"><option value="">Choose a school</option></select></div>
      <p><button type="submit" class="md-button">Start from this school</button></p></form>
    <h3>Upload a profile</h3>
    <form id="cc-upload-form" novalidate><div class="cc-form-group${problems.length ? " cc-form-group--error" : ""}">
      <label class="cc-label" for="cc-upload">Upload your school's profile (a .yml file)</label>
      <div class="cc-hint" id="cc-upload-hint">A profile you downloaded here before, or one your local authority sent you.</div>
      <input class="cc-file" type="file" id="cc-upload" accept=".yml,.yaml" aria-describedby="cc-upload-hint"></div>
      <p><button type="submit" class="md-button">Upload and continue</button></p></form>
    ${deleteHTML()}
    <p class="cc-wait" role="status">${esc(status)}</p>`;
}

function deleteHTML() {
  return `<h2 class="cc-delete-heading">Your answers</h2>
    <p>Your answers are kept in this browser only, so you can come back to them. Nothing is sent anywhere.</p>
    <p><button type="button" class="md-button" data-action="delete">Delete my answers</button></p>`;
}

function backHTML(step) {
  const order = stepOrder();
  const at = order.indexOf(step);
  const back = returnTo === "check" && step !== "check" ? "check" : at > 0 ? order[at - 1] : "start";
  return `<a href="#${back}" class="cc-back-link">Back</a>`;
}

function questionHTML(page, problems) {
  const number = pages.indexOf(page) + 1;
  let body;
  if (page.item_fields) {
    const items = Array.isArray(getAt(page.path)) ? getAt(page.path) : [];
    body = items.map((item, n) => `<fieldset class="cc-fieldset cc-item"><legend class="cc-label cc-label--m">${esc(page.item_title)} ${n + 1}</legend>
        ${page.item_fields.map((field) => fieldHTML(field, [...page.path, n, ...field.path], problems)).join("")}
        <p><button type="button" class="md-button cc-secondary" data-remove="${n}">Remove ${esc(page.item_title.toLowerCase())} ${n + 1}</button></p></fieldset>`).join("")
      + `<p><button type="button" class="md-button cc-secondary" data-action="add">Add ${items.length ? "another" : "a"} ${esc(page.item_title.toLowerCase())}</button></p>`;
  } else {
    const whole = problems.filter((p) => p.whole);
    body = (whole.length ? `<p class="cc-error-message" id="${esc(idFor(page.path))}-error"><span class="cc-visually-hidden">Error:</span> ${whole.map((p) => esc(p.message)).join(" ")}</p>` : "")
      + page.fields.map((field) => fieldHTML(field, field.path, problems)).join("")
      + (page.total ? `<p class="cc-total" aria-live="polite" id="cc-total"></p>` : "");
  }
  return `${backHTML(page.id)}${errorSummary(problems)}
    <form id="cc-question" novalidate>
    <span class="cc-caption">Question page ${number} of ${pages.length}</span>
    <h1 class="cc-heading" tabindex="-1">${esc(page.title)}</h1>
    ${page.hint ? `<p class="cc-hint cc-page-hint">${esc(page.hint)}</p>` : ""}
    ${body}
    <p class="cc-wait" role="status"></p>
    <p><button type="submit" class="md-button md-button--primary">Continue</button></p></form>
    ${deleteHTML()}`;
}

function shownValue(field, value) {
  if (value === undefined || value === null || String(value).trim() === "") return '<span class="cc-not-given">Not given</span>';
  return esc(String(value).trim()).replace(/\n/g, "<br>") + (field.suffix ? esc(field.suffix) : "");
}

function checkHTML(problems) {
  const sections = pages.map((page) => {
    let rows;
    if (page.item_fields) {
      const items = Array.isArray(getAt(page.path)) ? getAt(page.path) : [];
      rows = items.length ? items.map((item, n) => row(page, `${page.item_title} ${n + 1}`,
        page.item_fields.map((f) => `${esc(f.label)}: ${shownValue(f, getAt(f.path, item))}`).join("<br>"))).join("")
        : row(page, page.title, shownValue({}, ""));
    } else {
      rows = page.fields.map((field) => row(page, field.label, shownValue(field, getAt(field.path)))).join("");
    }
    return `<h2 class="cc-summary-heading">${esc(page.title)}</h2><dl class="cc-summary-list">${rows}</dl>`;
  }).join("");
  return `${backHTML("check")}${errorSummary(problems)}
    <h1 class="cc-heading" tabindex="-1">Check your answers before making the policy</h1>
    ${sections}
    <h2>Make the policy</h2>
    <p>The policy is made in this browser, from these answers; nothing is sent anywhere.</p>
    <p class="cc-wait" role="status"></p>
    <p><button type="button" class="md-button md-button--primary" data-action="make">Make the policy</button></p>
    ${deleteHTML()}`;
}

function row(page, label, value) {
  return `<div class="cc-summary-list__row"><dt class="cc-summary-list__key">${esc(label)}</dt>
    <dd class="cc-summary-list__value">${value}</dd>
    <dd class="cc-summary-list__actions"><a href="#${esc(page.id)}" data-change>Change<span class="cc-visually-hidden"> ${esc(label.toLowerCase())}</span></a></dd></div>`;
}

function size(bytes) {
  return bytes < 1000 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function policyHTML() {
  const links = made.files.map((file) => `<li><a href="${file.url}" download="${esc(file.name)}" class="cc-download" data-format="${file.format}">${esc(file.label)}</a>, ${size(file.size)}. ${esc(file.use)}</li>`).join("");
  return `<a href="#check" class="cc-back-link">Back to your answers</a>
    <div class="cc-panel"><h1 class="cc-heading" tabindex="-1">Your school's policy is ready</h1>
    <p>Made from your answers in this browser. Nothing was sent anywhere.</p></div>
    <h2>Download it</h2>
    <ul class="cc-downloads">${links}</ul>
    <p><button type="button" class="md-button" data-action="print">Print the policy or save it as a PDF</button></p>
    <p>A PDF cannot be made in the browser: print the policy and choose "Save as PDF", or ask your local authority for one.</p>
    <h2>Read it</h2>
    <section class="cc-policy" aria-label="Your school's policy"></section>
    ${deleteHTML()}`;
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
  root.querySelectorAll(".cc-error-summary a[data-target]").forEach((link) => link.addEventListener("click", (event) => {
    const target = document.getElementById(link.dataset.target);
    if (!target) return; // a question on another page: the link's address goes there
    event.preventDefault();
    const focusable = target.matches("fieldset") ? target.querySelector("input") : target;
    focusable.focus();
    (target.closest(".cc-form-group") || target).scrollIntoView({ block: "start" });
  }));
  root.querySelectorAll("[data-action=delete]").forEach((button) => button.addEventListener("click", () => {
    localStorage.removeItem(STORE);
    answers = {};
    made = null;
    lastProblems = [];
    go("start", { status: "Your answers have been deleted from this browser." });
    root.querySelector("[data-action=delete]")?.focus();
  }));
  root.querySelectorAll("[data-change]").forEach((link) => link.addEventListener("click", () => { returnTo = "check"; }));
  if (step === "start") wireStart();
  else if (page) wireQuestion(page);
  else if (step === "check") wireCheck();
  else if (step === "policy") root.querySelector("[data-action=print]").addEventListener("click", printPolicy);
}

function wireStart() {
  root.querySelector("[data-action=resume]")?.addEventListener("click", () => { returnTo = null; go("check"); });
  root.querySelector("#cc-start-blank").addEventListener("click", () => {
    answers = {};
    saveAnswers();
    returnTo = null;
    go(pages[0].id);
  });
  const select = root.querySelector("#cc-school");
  schoolList.then((schools) => {
    select.insertAdjacentHTML("beforeend", schools.map((s) => `<option value="${esc(s.file)}">${esc(s.name)}</option>`).join(""));
  });
  root.querySelector("#cc-from-school").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!select.value) {
      show("start", { problems: [{ target: "cc-school", label: "School", message: "choose a school from the list" }] });
      return;
    }
    const text = await fetch(new URL(select.value, document.baseURI)).then((r) => r.text());
    await readProfile(text, select.value.split("/").pop());
  });
  root.querySelector("#cc-upload-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = root.querySelector("#cc-upload").files[0];
    if (!file) {
      show("start", { problems: [{ target: "cc-upload", label: "Upload your school's profile", message: "choose a file to upload" }] });
      return;
    }
    await readProfile(await file.text(), file.name);
  });
}

async function readProfile(text, name) {
  const read = await withEngine("Reading the profile. The first time, this takes a few seconds...", () => engine.call("read_profile", text, name));
  if (read.answers) { answers = read.answers; saveAnswers(); }
  returnTo = null;
  if (read.problems.length) {
    // As `cohesion validate` says it: the file, the line, the field, what was found and what is allowed.
    show("start", { problems: read.problems.map((p) => ({ target: "cc-upload", label: "", message: p.text })),
      status: read.answers ? "The answers that could be read are kept: correct the file and upload it again, or continue with your answers and change them." : "" });
    return;
  }
  go("check");
}

function collect(page) {
  if (page.item_fields) {
    const items = Array.isArray(getAt(page.path)) ? getAt(page.path) : [];
    setAt(page.path, items.map((item, n) => {
      const out = {};
      page.item_fields.forEach((field) => { out[field.path[0]] = readField(field, [...page.path, n, ...field.path]); });
      return out;
    }));
  } else {
    page.fields.forEach((field) => setAt(field.path, readField(field, field.path)));
  }
  saveAnswers();
}

// Which page a problem is on, and which question: the page whose place in the profile is the longest match.
function placeProblem(problem) {
  const path = problem.path;
  const page = [...pages].filter((p) => p.path.every((key, n) => key === path[n]))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!page) return { ...problem, page: null, target: "", label: "" };
  let field = null;
  let fieldPath = null;
  if (page.item_fields && typeof path[page.path.length] === "number") {
    const n = path[page.path.length];
    field = page.item_fields.find((f) => f.path[0] === path[page.path.length + 1]);
    fieldPath = field ? [...page.path, n, ...field.path] : null;
    if (field) return { ...problem, page, target: idFor(fieldPath), label: `${page.item_title} ${n + 1}, ${field.label.toLowerCase()}` };
  } else if (page.fields) {
    field = page.fields.find((f) => f.path.every((key, n) => key === path[n]));
    if (field) return { ...problem, page, target: idFor(field.path), label: field.label };
  }
  const first = page.fields?.[0] ?? page.item_fields?.[0];
  return { ...problem, page, whole: true, target: first && page.fields ? idFor(first.path) : "cc-question", label: page.title };
}

function wireQuestion(page) {
  const form = root.querySelector("#cc-question");
  if (page.total) {
    const total = root.querySelector("#cc-total");
    const update = () => {
      const sum = page.fields.reduce((s, f) => s + (parseFloat(document.getElementById(idFor(f.path)).value) || 0), 0);
      total.textContent = `Total so far: ${Math.round(sum * 100) / 100}%`;
    };
    form.addEventListener("input", update);
    update();
  }
  root.querySelector("[data-action=add]")?.addEventListener("click", () => {
    collect(page);
    const items = getAt(page.path) || [];
    items.push({});
    setAt(page.path, items);
    saveAnswers();
    show(page.id);
    const legends = root.querySelectorAll(".cc-item");
    legends[legends.length - 1].querySelector("input, select, textarea").focus();
  });
  root.querySelectorAll("[data-remove]").forEach((button) => button.addEventListener("click", () => {
    collect(page);
    const items = getAt(page.path);
    items.splice(Number(button.dataset.remove), 1);
    saveAnswers();
    show(page.id);
  }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    collect(page);
    const found = await withEngine("Checking your answers. The first time, this takes a few seconds...", () => engine.call("check", JSON.stringify(answers)));
    const mine = found.map(placeProblem).filter((p) => p.page === page);
    if (mine.length) { show(page.id, { problems: mine }); return; }
    lastProblems = lastProblems.filter((p) => p.page !== page);
    const order = stepOrder();
    go(returnTo === "check" ? "check" : order[order.indexOf(page.id) + 1]);
  });
}

function wireCheck() {
  root.querySelector("[data-action=make]").addEventListener("click", async () => {
    const result = await withEngine("Making the policy. The first time, this takes a few seconds...", () => engine.call("make_policy", JSON.stringify(answers), PROJECT));
    if (result.problems.length) {
      lastProblems = result.problems.map(placeProblem);
      show("check", { problems: lastProblems.map((p) => ({ ...p, target: p.page ? p.page.id : "" })) });
      root.querySelectorAll(".cc-error-summary a").forEach((link) => {
        link.removeAttribute("data-target");
        link.addEventListener("click", () => { returnTo = "check"; });
      });
      return;
    }
    const profile = await engine.call("profile_text", JSON.stringify(answers));
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
        file("yml", profile.name, profile.text, "text/yaml;charset=utf-8", "Your answers as a profile (YAML)",
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

const schoolList = fetch(new URL(setup.schools, document.baseURI)).then((r) => r.json()).catch(() => []);
window.addEventListener("popstate", () => route());
function route(first = false) {
  const step = decodeURIComponent(location.hash.slice(1));
  if (step === "start" || step === "" || pageById(step) || step === "check" || (step === "policy" && made)) {
    show(step || "start", { problems: pageById(step) ? lastProblems.filter((p) => p.page && p.page.id === step) : [] });
  } else if (first) {
    // A policy is not kept after the page closes (only the answers are): show the answers it came from.
    show(step === "policy" && hasAnswers() ? "check" : "start");
  }
}
document.addEventListener("click", (event) => {
  // Links between the builder's steps change the step, not the scroll position.
  const link = event.target.closest("#cc-builder a[href^='#']");
  if (!link || event.defaultPrevented || link.hasAttribute("data-target")) return;
  const step = decodeURIComponent(link.getAttribute("href").slice(1));
  if (step === "start" || step === "check" || step === "policy" || pageById(step)) {
    event.preventDefault();
    go(step, { problems: pageById(step) ? lastProblems.filter((p) => p.page && p.page.id === step) : [] });
  }
});
root.classList.add("cc-builder--ready");
route(true);
window.ccBuilder = { engine, shown: performance.now() };
// The engine starts once the first page is on screen, so the page is usable at once.
requestAnimationFrame(() => setTimeout(() => engine.start(), 0));
