// The policy builder's engine: the guide's own Python, run by Pyodide in this worker, kept alive
// while the page is open. Everything it loads comes from the site itself. It only passes calls on:
// every rule, template and writer is the Python in the engine's zip (builder_calls and what it calls).

let calls = null;
const timings = {};

async function start({ pyodide, engine, module }) {
  const began = performance.now();
  const [{ loadPyodide }, zip] = await Promise.all([
    import(pyodide + "pyodide.mjs"),
    fetch(engine).then((response) => {
      if (!response.ok) throw new Error(`the engine could not be fetched (${response.status})`);
      return response.arrayBuffer();
    }),
  ]);
  const py = await loadPyodide({ indexURL: pyodide, lockFileURL: pyodide + "pyodide-lock.json", packages: [] });
  timings.pyodide = performance.now() - began;
  py.unpackArchive(zip, "zip", { extractDir: "/cohesion" });
  py.runPython(`
import sys
sys.path[:0] = ["/cohesion/libraries", "/cohesion/engine"]
from importlib import import_module
calls = import_module(${JSON.stringify(module)})
calls.use_word_base("/cohesion/word-base.zip")
`);
  calls = py.globals.get("calls");
  timings.engine = performance.now() - began;
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
