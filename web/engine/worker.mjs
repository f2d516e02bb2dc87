// Module Web Worker: runs Pyodide and the calculator off the main thread.
// Protocol (docs/architecture.md): page -> worker {id, op, ...payload};
// worker -> page {type:'progress', stage, done, total, label} | {type:'ready'} |
// {type:'failed', message, code} | {id, ok, result | errors} |
// {id, type:'job-progress', stage:'rows'|'reader', done, total} while a request works
// (a batch's rows scored so far; the workbook reader being installed).
// Every site file (wheels/, pyodide/) is resolved against the site root, the folder above
// this file's engine/ folder, so the site works from any sub-path of a static host.
// The worker imports nothing of the page's: its two messages of its own travel as a type
// and the technical detail; engine-client.mjs words them from the page's catalogue.

const siteRoot = new URL('../', import.meta.url);
const here = (path) => new URL(path, siteRoot).href;

let api = null;        // calculator.api.handle (one proxy, reused) once ready
let failed = null;     // failure message once boot failed
const waiting = [];    // requests that arrived before the engine was ready
let runtime = null;    // the Pyodide instance, once ready
let onDemand = null;   // wheels/manifest.json's on_demand: the workbook reader's files and their sha256
let rest = null;       // wheels/manifest.json's later: {file, sha256}, the modules only the other ops run
let restLoaded = null; // the promise of that archive unpacked (asked once)
let queue = Promise.resolve();   // requests answered one at a time, in order

function post(msg) { self.postMessage(msg); }

// Stage timings of the boot (ms since the worker started), sent with {type: 'ready'} for the
// benches: engine-client.mjs turns them into performance marks on the page's timeline
// (bench/bench_engines.py, bench_throttled.py). `origin` lets the page place them.
const timings = { origin: performance.timeOrigin, created: 0 };
const mark = (name) => { timings[name] = Math.round(performance.now()); };

function progress(stage, done, total, label) {
  post({ type: 'progress', stage, done, total, label });
}

function classify(err) {
  const text = String(err && (err.stack || err.message) || err);
  if (/WebAssembly/i.test(text) && /not defined|undefined|unsupported/i.test(text)) return 'no-wasm';
  if (err instanceof RangeError || /out of memory|Memory\(\)|allocat|Array buffer allocation/i.test(text)) return 'memory';
  if (/fetch|network|NetworkError|Failed to load|404|Load failed/i.test(text)) return 'network';
  return 'other';
}

const technical = (err) => String(err && err.message || err).split('\n').slice(-3).join(' ').slice(0, 500);

async function answer(msg) {
  const { id, op, bytes, ...payload } = msg || {};   // bytes: a transferred ArrayBuffer (batch)
  if (failed) {
    post({ id, ok: false, errors: [{ field: null, type: 'engine_failed', detail: failed }] });
    return;
  }
  const data = bytes ? new Uint8Array(bytes) : undefined;
  if (op !== 'score') {
    try {
      await laterModules();
    } catch (err) {
      post({ id, ok: false, errors: [{ field: null, type: 'engine_failed', detail: technical(err) }] });
      return;
    }
  }
  // A batch tells the page how far it has got (Python calls this every few hundred rows).
  const rows = (done, total) => post({ id, type: 'job-progress', stage: 'rows', done, total });
  const once = () => JSON.parse(api(JSON.stringify({ op, ...payload }), data, op === 'batch' ? rows : undefined));
  try {
    let out = once();
    if (!out.ok && out.errors?.[0]?.type === 'needs_package') {
      // A workbook: its reader is installed now, from this site's own checked files.
      post({ id, type: 'job-progress', stage: 'reader', done: 0, total: 1 });
      try {
        await workbookReader();
      } catch (err) {
        post({ id, ok: false, errors: [{ field: null, type: 'reader_failed', detail: technical(err) }] });
        return;
      }
      out = once();
    }
    post({ id, ...out });
  } catch (err) {
    post({ id, ok: false, errors: [{ field: null, type: 'internal', detail: technical(err) }] });
  }
}

const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

/** The modules only the ops after a first total run (the plan, the timeline, batch files):
 * their archive, fetched once by the first such request (never before a first total, so a
 * first visit on a slow link downloads only what its total needs), checked against the
 * manifest's sha256 like every on-demand file, and unpacked beside the first archive. */
function laterModules() {
  if (!rest) return Promise.resolve();
  restLoaded ??= checkedFile(rest.file, rest.sha256).then(intoSitePackages);
  restLoaded.catch(() => { restLoaded = null; });   // asked again by the next request (back online)
  return restLoaded;
}

/** An archive unpacked into site-packages, where Python's next import finds it. */
function intoSitePackages(bytes) {
  const site = runtime.runPython("import sysconfig; sysconfig.get_path('purelib')");
  runtime.unpackArchive(bytes, 'wheel', { extractDir: site });
  runtime.runPython('import importlib; importlib.invalidate_caches()');
}

/** A file fetched after the boot (from the site or the service worker's cache), refused
 * unless its sha256 is the manifest's `want`. Only a secure context (https, localhost) can
 * hash; a page served otherwise has no service worker either, and gets the files unchecked,
 * as it gets the first archive. */
async function checkedFile(name, want) {
  const res = await fetch(here('./wheels/' + name));
  if (!res.ok) throw new Error(`wheels/${name}: HTTP ${res.status}`);
  const body = await res.arrayBuffer();
  if (!want) throw new Error(`wheels/${name}: not in wheels/manifest.json`);
  if (self.crypto?.subtle && hex(await crypto.subtle.digest('SHA-256', body)) !== want) throw new Error(`wheels/${name}: sha256 mismatch`);
  return new Uint8Array(body);
}

let installing = null;
/** The workbook reader (openpyxl), installed once: micropip unpacked from the site's own
 * wheel, then calculator.sheets.install_reader (the standard-library zip on the path, the
 * wheels installed by micropip from these files; no package index is asked). A failure is
 * forgotten, so the next workbook tries again (say, once back online). */
function workbookReader() {
  installing ||= (async () => {
    if (!onDemand) throw new Error('wheels/manifest.json lists no workbook reader');
    const names = [onDemand.stdlib, onDemand.micropip, ...onDemand.wheels];
    const files = await Promise.all(names.map((name) => checkedFile(name, onDemand.sha256[name])));
    const FS = runtime.FS;
    FS.mkdirTree('/tmp/ondemand');
    const paths = names.map((name, k) => {
      const path = '/tmp/ondemand/' + name;
      FS.writeFile(path, files[k]);
      return path;
    });
    intoSitePackages(files[1]);
    const wheels = runtime.toPy(paths.slice(2));
    try {
      await runtime.pyimport('calculator.sheets').install_reader(paths[0], wheels);
    } finally {
      wheels.destroy();
    }
  })();
  installing.catch(() => { installing = null; });
  return installing;
}

function enqueue(msg) {
  queue = queue.then(() => answer(msg));
}

// The runtime's downloads wait for {type: 'start'}, which the page sends once its own files
// are in (engine-client.mjs: after the page's load event): on a slow link the page's HTML,
// CSS, modules and form spec must not queue behind 10 MB of runtime (the form comes first).
let start;
const started = new Promise((resolve) => { start = resolve; });

self.onmessage = (event) => {
  if (event.data && event.data.type === 'start') { start(); return; }
  if (api || failed) enqueue(event.data);
  else waiting.push(event.data);
};

// wheels/manifest.json (written by build.py): {wheels: [file names, in install order],
// env: {NAME: value} for the runtime, lock: the runtime's lock file, without the packages
// the site never loads (so the runtime does not fetch pyodide-lock.json)}.
// Pyodide logs a failed WebAssembly instantiation (a missing, truncated or corrupt
// pyodide.asm.wasm, too little memory) and then never settles, which would leave the page
// "loading" for ever. This rejects with the reason instead, for boot() to race against.
function wasmFailure() {
  return new Promise((_, reject) => {
    const failed = (err, code) => {
      const e = new Error(`pyodide.asm.wasm: ${String(err && err.message || err)}`);
      e.code = code || (err instanceof WebAssembly.CompileError || err instanceof WebAssembly.LinkError ? 'corrupt' : classify(err));
      reject(e);
    };
    for (const name of ['instantiate', 'instantiateStreaming']) {
      const original = WebAssembly[name];
      if (typeof original !== 'function') continue;
      WebAssembly[name] = function (source, ...rest) {
        // The runtime's own instantiation (a response, or megabytes) is timed: its call and
        // its end are stage marks (the .wasm's fetch and compile, apart from the
        // interpreter's start after it). Small helper modules come and go before it.
        const runtime = name === 'instantiateStreaming' || (source && source.byteLength > 1e6);
        const first = runtime && !('wasm' in timings);
        if (first) { mark('wasm'); mark(name === 'instantiateStreaming' ? 'wasm-streaming' : 'wasm-bytes'); }
        const result = original.call(this, source, ...rest);
        if (first) result.then(() => mark('compiled'), () => {});
        result.catch(async (err) => {
          const response = name === 'instantiateStreaming' ? await Promise.resolve(source).catch(() => null) : null;
          if (response && !response.ok) failed(`HTTP ${response.status}`, 'network');
          else failed(err);
        });
        return result;
      };
    }
  });
}

async function readManifest() {
  const res = await fetch(here('./wheels/manifest.json'), { cache: 'no-cache' });
  if (!res.ok) throw new Error(`wheels/manifest.json: HTTP ${res.status}`);
  const { wheels, env = {}, lock, on_demand = null, later = null } = await res.json();
  if (!Array.isArray(wheels) || !wheels.length) throw new Error('wheels/manifest.json lists no wheels');
  return { wheels, env, lock, onDemand: on_demand, later };
}

async function download(name) {
  const res = await fetch(here('./wheels/' + name));
  if (!res.ok) throw new Error(`wheels/${name}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function boot() {
  if (typeof WebAssembly !== 'object') {
    const e = new Error('WebAssembly is not defined'); e.code = 'no-wasm'; throw e;
  }
  await started;
  mark('start');
  progress('runtime', 0, 3, 'runtime');
  const wasmFailed = wasmFailure();
  wasmFailed.catch(() => {}); // reported when raced below
  const manifest = readManifest();
  const { loadPyodide } = await import(here('./pyodide/pyodide.mjs'));
  mark('loader');
  const { env, lock } = await manifest;
  ({ onDemand, later: rest } = await manifest);
  const starting = loadPyodide({
    indexURL: here('./pyodide/'),
    env,
    lockFileContents: lock,   // undefined: the runtime fetches pyodide-lock.json itself
    stdout: () => {},
    stderr: () => {},
  });
  // The wheels download while the runtime starts, but only once the runtime's own files
  // are asked for: over HTTP/1.1 a browser opens few connections per site, and those
  // files are the longer wait.
  const wheels = new Promise((resolve) => setTimeout(resolve, 0))
    .then(async () => Promise.all((await manifest).wheels.map(async (name) => [name, await download(name)])));
  wheels.catch(() => {}); // reported below, when awaited
  const pyodide = await Promise.race([starting, wasmFailed]);
  mark('runtime');
  progress('packages', 1, 3, 'packages');
  // Unpacked into site-packages; a compiled extension (pydantic-core) is loaded when imported.
  const site = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  const archives = await wheels;
  mark('downloaded');
  for (const [name, bytes] of archives) {
    try {
      pyodide.unpackArchive(bytes, 'wheel', { extractDir: site });
    } catch (err) {
      err.message = `${name}: ${err.message}`;
      throw err;
    }
  }
  pyodide.runPython('import importlib; importlib.invalidate_caches()');
  mark('unpacked');
  progress('engine', 2, 3, 'engine');
  pyodide.runPython('import pydantic_core._pydantic_core');   // the 4.7 MB extension: compiled here
  mark('extension');
  api = pyodide.pyimport('calculator.api').handle;   // looked up once, reused
  runtime = pyodide;
  mark('imported');
  post({ type: 'ready', timings });
}

boot().then(
  () => { for (const m of waiting.splice(0)) enqueue(m); },
  (err) => {
    failed = String(err && err.message || err).slice(0, 500);
    post({ type: 'failed', message: failed, code: err && err.code || classify(err) });
    for (const m of waiting.splice(0)) enqueue(m);
  },
);
