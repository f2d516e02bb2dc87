// Runs one program of sitebuild/in_pyodide/ in the pinned Pyodide under Node (see
// pyodide_node.py). argv[2]: a JSON file {pyodide, indexURL, env, root, install, program, argv}.
import { readFileSync } from "node:fs";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const { loadPyodide } = await import(config.pyodide);
const py = await loadPyodide({ indexURL: config.indexURL, env: config.env });
py.FS.mkdirTree("/host");
py.FS.mount(py.FS.filesystems.NODEFS, { root: config.root }, "/host");
const site = py.runPython("import sysconfig; sysconfig.get_path('purelib')");
for (const name of config.install) {  // installed the way worker.mjs installs them
  py.unpackArchive(py.FS.readFile("/host/" + name), "wheel", { extractDir: site });
}
py.globals.set("__program_argv", py.toPy(config.argv));
// exec, not runpy: running the program must import nothing the browser would not
py.runPython(`
import sys
sys.argv = list(__program_argv)
sys.path.insert(0, sys.argv[0].rpartition("/")[0])
with open(sys.argv[0], encoding="utf-8") as f:
    exec(compile(f.read(), sys.argv[0], "exec"), {"__name__": "__main__", "__file__": sys.argv[0]})
`);
