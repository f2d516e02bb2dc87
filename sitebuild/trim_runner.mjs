// Runs the pinned Pyodide under Node the way web/engine/worker.mjs does (sitebuild/trim.py):
// start the runtime on a given standard library, unpack the given archives into
// site-packages, then send every request of a corpus through calculator.api.handle,
// catching a Python exception exactly where the worker catches it. Writes, as JSON:
// the answers, the modules loaded (standard library and site-packages), and every module name an import looked for and did not find.
//   node trim_runner.mjs job.json
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

// Report a failure in one line: Node would print the minified runtime's source line.
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (err) => {
    process.stderr.write(`trim_runner: ${String(err && err.message || err).slice(0, 3000)}\n`);
    process.exit(1);
  });
}
const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { loadPyodide } = await import(pathToFileURL(job.runtime + '/pyodide.mjs').href);
const py = await loadPyodide({
  indexURL: job.runtime + '/', stdLibURL: job.stdlib, env: job.env,
  stdout: () => {}, stderr: () => {},
});
if (job.slim) {   // sitebuild/trim_slim.py on the zips of job.slim.jobs, under job.slim.host
  py.FS.mkdirTree('/host');
  py.FS.mount(py.FS.filesystems.NODEFS, { root: job.slim.host }, '/host');
  py.globals.set('_jobs', py.toPy(job.slim.jobs));
  py.runPython(readFileSync(job.slim.code, 'utf8'));
  process.exit(0);
}
py.runPython(`
import sys
class _Missing:
    """Last on sys.meta_path: asked only when no other finder knows the module."""
    names = set()
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        cls.names.add(name)
        return None
sys.meta_path.append(_Missing)
`);
const site = py.runPython("import sysconfig; sysconfig.get_path('purelib')");
for (const archive of job.archives) py.unpackArchive(new Uint8Array(readFileSync(archive)), 'wheel', { extractDir: site });
py.runPython('import importlib; importlib.invalidate_caches()');

const handle = py.pyimport('calculator.api').handle;
py.globals.set('_corpus_json', readFileSync(job.corpus, 'utf8'));
const requests = JSON.parse(py.runPython(readFileSync(job.expand, 'utf8')));
const answers = requests.map((request) => {
  try {
    return JSON.parse(handle(typeof request === 'string' ? request : JSON.stringify(request)));
  } catch (err) {  // as worker.mjs reports it: the exception's last line
    const lines = String(err && err.message || err).trim().split('\n');
    return { raised: lines[lines.length - 1] };
  }
});
const record = () => JSON.parse(py.runPython(`
import json, os, sys
_zip = sys.path[[p.endswith(".zip") for p in sys.path].index(True)] + "/"   # the runtime's own
_extra = ${JSON.stringify(job.workbook?.stdlib ? '/tmp/ondemand/stdlib.zip/' : '')}
_site = "/" + os.path.normpath(${JSON.stringify(site)}).lstrip("/") + "/"   # sysconfig says //lib/...
_files = [os.path.normpath(m.__file__) for m in list(sys.modules.values()) if getattr(m, "__file__", None)]
json.dumps({
    "stdlib": sorted({f[len(_zip):] for f in _files if f.startswith(_zip)}
                     | ({f[len(_extra):] for f in _files if f.startswith(_extra)} if _extra else set())),
    "site": sorted({f[len(_site):] for f in _files if f.startswith(_site)}),
    "missing": sorted(_Missing.names),
})
`));
const modules = record();
const out = { requests, answers, ...modules };

// The workbook reader, installed as web/engine/worker.mjs installs it on demand: micropip
// unpacked, then calculator.sheets.install_reader (the standard library it needs beyond
// the first page's, when given as a zip; the wheels by micropip from local files).
if (job.workbook) {
  const wb = job.workbook;
  py.FS.mkdirTree('/tmp/ondemand');
  let extra = null;
  if (wb.stdlib) { extra = '/tmp/ondemand/stdlib.zip'; py.FS.writeFile(extra, readFileSync(wb.stdlib)); }
  py.unpackArchive(new Uint8Array(readFileSync(wb.micropip)), 'wheel', { extractDir: site });
  const paths = wb.wheels.map((path) => {
    const target = '/tmp/ondemand/' + path.split('/').pop();
    py.FS.writeFile(target, readFileSync(path));
    return target;
  });
  py.runPython('import importlib; importlib.invalidate_caches()');
  await py.pyimport('calculator.sheets').install_reader(extra, py.toPy(paths));
  py.globals.set('_corpus_json', readFileSync(wb.corpus, 'utf8'));
  const more = JSON.parse(py.runPython(readFileSync(job.expand, 'utf8')));
  const moreAnswers = more.map((request) => {
    try {
      return JSON.parse(handle(JSON.stringify(request)));
    } catch (err) {
      const lines = String(err && err.message || err).trim().split('\n');
      return { raised: lines[lines.length - 1] };
    }
  });
  const after = record();
  out.workbook = { requests: more, answers: moreAnswers, stdlib: after.stdlib, site: after.site, missing: after.missing };
}
writeFileSync(job.out, JSON.stringify(out));
