// The builders' engine: the guide's own Python, run by Pyodide in this worker, kept alive while the
// page is open. Everything it loads comes from the site itself. It only passes calls on: every rule,
// template and writer is the Python in the engine's zip (the calls module each builder names).
//
// A warm start. Starting Python and importing the engine takes seconds, so the first time the worker
// keeps a copy of Python's memory once the engine has started (a Pyodide memory snapshot) in this
// browser's Cache Storage, and the next visit starts from that copy instead. The copy is made by
// this browser from the engine it was served, before the first call (no answer of the reader's is
// in it), and named by the site build after everything it is made from: the engine's zip, Pyodide's
// version, the calls module and this file (setup.snapshot). A new engine gets a new name, and the old
// copy is deleted when the new one is kept. Where there is no Cache Storage (a page not served over
// HTTPS) or the copy cannot be used, the engine starts as it did the first time.

const ENGINE = "/cohesion"; // where the engine's zip is unpacked: libraries/, engine/, project/, word-base.zip
let calls = null;
const timings = {};

// Python's part of every start: the engine's files, each with the date the zip gives it (what the
// engine read before the copy was made, it keeps by the files' dates, which must still match after).
const UNPACK = `
import datetime, os, zipfile
with zipfile.ZipFile("${ENGINE}.zip") as bundle:
    for member in bundle.infolist():
        path = bundle.extract(member, "${ENGINE}")
        when = datetime.datetime(*member.date_time, tzinfo=datetime.timezone.utc).timestamp()
        os.utime(path, (when, when))
os.remove("${ENGINE}.zip")
`;
// ...and of a first start: the engine imported and started (its `start`, which runs every call once).
const IMPORT = (module) => `
import sys
sys.path[:0] = ["${ENGINE}/libraries", "${ENGINE}/engine"]
from importlib import import_module
calls = import_module(${JSON.stringify(module)})
calls.start("${ENGINE}/word-base.zip", "${ENGINE}/project")
`;

async function start({ pyodide, engine, module, snapshot }) {
  const began = performance.now();
  const kept = await keptCopies(module, snapshot);
  const key = snapshot && new URL(snapshot, engine).href;
  const zip = fetch(engine).then((response) => {
    if (!response.ok) throw new Error(`the engine could not be fetched (${response.status})`);
    return response.arrayBuffer();
  });
  zip.catch(() => {}); // awaited below, once Pyodide runs: its failure is reported there
  const [{ loadPyodide }, { default: createModule }, found] = await Promise.all([
    import(pyodide + "pyodide.mjs"),
    import(pyodide + "pyodide.asm.mjs"),
    kept && kept.match(key).catch(() => null),
  ]);
  const options = { indexURL: pyodide, lockFileURL: pyodide + "pyodide-lock.json", packages: [] };
  let py = null;
  if (found) {
    try {
      // Pyodide fetches its own files while the copy is read.
      const copy = found.arrayBuffer().then((bytes) => new Uint8Array(bytes));
      py = await loadPyodide({ ...options, _loadSnapshot: copy, createPyodideModule: roomFor(createModule, copy) });
      timings.snapshot = "used";
    } catch (error) {
      // A copy this Pyodide cannot read (or a damaged one): start afresh, and keep a new copy.
      timings.snapshotError = String(error && error.message || error);
      await kept.delete(key).catch(() => {});
    }
  }
  if (!py) py = await loadPyodide({ ...options, _makeSnapshot: Boolean(kept), createPyodideModule: createModule });
  timings.pyodide = performance.now() - began;
  py.FS.writeFile(`${ENGINE}.zip`, new Uint8Array(await zip));
  py.runPython(UNPACK);
  if (timings.snapshot !== "used") {
    py.runPython(IMPORT(module));
    timings.snapshot = kept ? "made" : "none";
    if (kept) keep(kept, key, py.makeMemorySnapshot());
  }
  calls = py.globals.get("calls");
  timings.engine = performance.now() - began;
}

// This builder's kept copy lives in a cache of its own (two builders keep one copy each).
async function keptCopies(module, snapshot) {
  if (!snapshot || !self.caches) return null;
  try {
    return await caches.open(`cohesion-engine ${module}`);
  } catch {
    return null; // storage turned off in this browser
  }
}

// Keeps the copy, and only this one: copies of an earlier engine are deleted. It is stored while the
// engine answers calls; if storing fails (no room), the next visit simply starts afresh.
async function keep(kept, key, copy) {
  try {
    for (const old of await kept.keys()) if (old.url !== key) await kept.delete(old);
    await kept.put(key, new Response(copy, { headers: { "Content-Type": "application/octet-stream" } }));
    self.postMessage({ type: "kept" });
  } catch (error) {
    self.postMessage({ type: "kept", error: String(error && error.message || error) });
  }
}

// Pyodide sizes Python's memory for a copy with a setting this build of it ignores, so a copy larger
// than the starting memory does not fit (pyodide/pyodide#6254): grow the memory first.
function roomFor(createModule, copy) {
  return async (settings) => {
    const module = await createModule(settings);
    module.growMemory((await copy).length);
    return module;
  };
}

let ready = null;

self.onmessage = async ({ data }) => {
  if (data.type === "start") {
    ready = start(data).then(
      () => self.postMessage({ type: "ready", timings }),
      (error) => self.postMessage({ type: "failed", message: String(error && error.message || error) }),
    );
    return;
  }
  try {
    await ready;
    if (!calls) throw new Error("the engine did not start");
    const result = calls[data.call](...data.args);
    self.postMessage({ id: data.id, result });
  } catch (error) {
    self.postMessage({ id: data.id, error: String(error && error.message || error) });
  }
};
