// Test/bench fixture: the Pyodide runtime alone, served from the build's
// pyodide/ and wheels/ folders under the production CSP. Not shipped in dist/.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const status = document.getElementById("status");
const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", location.href).href });
const two = pyodide.runPython("1+1");
window.bare = { runtimeMs: performance.now(), two };
status.textContent = `1+1 = ${two}`;
document.documentElement.dataset.runtime = "ready";

// Installs the given wheels (file names under wheels/) and runs Python code.
window.loadWheels = async (names) => {
  await pyodide.loadPackage(names.map((n) => new URL(`./wheels/${n}`, location.href).href));
};
window.runPython = (code) => pyodide.runPython(code);
