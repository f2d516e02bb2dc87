// Test/bench fixture: the Pyodide runtime alone, served from the build's
// pyodide/ and wheels/ folders under the production CSP. Not shipped in dist/.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const status = document.getElementById("status");
const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", location.href).href });
const two = pyodide.runPython("1+1");
window.bare = { runtimeMs: performance.now(), two };
status.textContent = `1+1 = ${two}`;
document.documentElement.dataset.runtime = "ready";

// Installs the wheels of wheels/manifest.json the way worker.mjs does (its env set in
// os.environ, each wheel unpacked into site-packages), then Python code can import them.
window.loadWheels = async () => {
  const manifest = await (await fetch("./wheels/manifest.json")).json();
  pyodide.globals.set("_env", pyodide.toPy(manifest.env));
  pyodide.runPython("import os; os.environ.update(_env); del _env");
  const site = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  for (const name of manifest.wheels) {
    const bytes = new Uint8Array(await (await fetch(`./wheels/${name}`)).arrayBuffer());
    pyodide.unpackArchive(bytes, "wheel", { extractDir: site });
  }
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
};
window.runPython = (code) => pyodide.runPython(code);
