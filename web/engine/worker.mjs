// Module Web Worker: runs Pyodide and the calculator off the main thread.
// Protocol (docs/architecture.md): page -> worker {id, op, ...payload};
// worker -> page {type:'progress', stage, done, total, label} | {type:'ready'} |
// {type:'failed', message, code} | {id, ok, result | errors}.
// Every site file (wheels/, pyodide/) is resolved against the site root, the folder above
// this file's engine/ folder, so the site works from any sub-path of a static host.
// The worker imports nothing of the page's: its two messages of its own travel as a type
// and the technical detail; engine-client.mjs words them from the page's catalogue.

const siteRoot = new URL('../', import.meta.url);
const here = (path) => new URL(path, siteRoot).href;

let api = null;        // calculator.api.handle (one proxy, reused) once ready
let failed = null;     // failure message once boot failed
const waiting = [];    // requests that arrived before the engine was ready

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

function answer(msg) {
  const { id, op, bytes, ...payload } = msg || {};   // bytes: a transferred ArrayBuffer (batch)
  if (failed) {
    post({ id, ok: false, errors: [{ field: null, type: 'engine_failed', detail: failed }] });
    return;
  }
  try {
    const out = JSON.parse(api(JSON.stringify({ op, ...payload }), bytes ? new Uint8Array(bytes) : undefined));
    post({ id, ...out });
  } catch (err) {
    const message = String(err && err.message || err).split('\n').slice(-3).join(' ').slice(0, 500);
    post({ id, ok: false, errors: [{ field: null, type: 'internal', detail: message }] });
  }
}

// The runtime's downloads wait for {type: 'start'}, which the page sends once its own files
// are in (engine-client.mjs: after the page's load event): on a slow link the page's HTML,
// CSS, modules and form spec must not queue behind 10 MB of runtime (the form comes first).
let start;
const started = new Promise((resolve) => { start = resolve; });

self.onmessage = (event) => {
  if (event.data && event.data.type === 'start') { start(); return; }
  if (api || failed) answer(event.data);
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
  const { wheels, env = {}, lock } = await res.json();
  if (!Array.isArray(wheels) || !wheels.length) throw new Error('wheels/manifest.json lists no wheels');
  return { wheels, env, lock };
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
  mark('imported');
  post({ type: 'ready', timings });
}

boot().then(
  () => { for (const m of waiting.splice(0)) answer(m); },
  (err) => {
    failed = String(err && err.message || err).slice(0, 500);
    post({ type: 'failed', message: failed, code: err && err.code || classify(err) });
    for (const m of waiting.splice(0)) answer(m);
  },
);
