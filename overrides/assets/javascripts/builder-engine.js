// The guide's engine for a builder's page: the worker that runs the guide's own Python (builder-worker.js),
// started once the page is on screen and kept alive while it is open, and its calls. Every builder (the
// policy builder, "Review your school's work") starts the same worker from the same engine zip and Pyodide;
// each names the calls module it runs (setup.module). This only passes calls on and tells the reader when
// she waits: every rule and message is in that module.

// setup: what the page's build wrote for its worker ({pyodide, engine, module, snapshot}), each path
// relative to the page.
export function builderEngine(setup) {
  return {
    worker: null, ready: null, waiting: new Map(), next: 1, timings: null, kept: null,
    start() {
      if (this.worker) return; // started already: by the first page drawn, or by a call made before it
      const at = (path) => new URL(path, document.baseURI).href;
      this.worker = new Worker(new URL("builder-worker.js", import.meta.url), { type: "module" });
      this.ready = new Promise((resolve, reject) => {
        this.worker.onmessage = ({ data }) => {
          if (data.type === "ready") { this.timings = data.timings; resolve(); return; }
          if (data.type === "kept") { this.kept = data.error || "kept"; return; } // a copy kept for a warm start
          if (data.type === "failed") { reject(new Error(data.message)); return; }
          const job = this.waiting.get(data.id);
          this.waiting.delete(data.id);
          if (data.error) job.reject(new Error(data.error)); else job.resolve(JSON.parse(data.result));
        };
        this.worker.onerror = (event) => reject(new Error(event.message || "the worker stopped"));
      });
      this.ready.catch(() => {});
      this.worker.postMessage({
        type: "start", pyodide: at(setup.pyodide), engine: at(setup.engine), module: setup.module, snapshot: setup.snapshot,
      });
    },
    async call(name, ...args) {
      this.start();
      await this.ready;
      const id = this.next++;
      return new Promise((resolve, reject) => {
        this.waiting.set(id, { resolve, reject });
        this.worker.postMessage({ id, call: name, args });
      });
    },
  };
}

// Runs an engine call, telling the reader when she has to wait for the engine to start (in `root`'s
// .cc-wait). A failure is said plainly with a way on (`failedHTML`: her answers to download); its details
// go to the console, not the page. Buttons are disabled meanwhile, so nothing is asked twice.
export async function withEngine(root, waitingText, work, failedHTML) {
  const status = root.querySelector(".cc-wait");
  let shown = false;
  const timer = setTimeout(() => { shown = true; if (status) status.textContent = waitingText; }, 150);
  root.querySelectorAll("button").forEach((b) => { b.disabled = true; });
  try {
    return await work();
  } catch (error) {
    console.error(error);
    if (status) status.innerHTML = `Sorry, this could not be done in this browser. Your answers are kept. ${failedHTML}`;
    throw error;
  } finally {
    clearTimeout(timer);
    root.querySelectorAll("button").forEach((b) => { b.disabled = false; });
    if (shown && status && status.textContent === waitingText) status.textContent = "";
  }
}
