// Module Web Worker: runs Pyodide and the calculator off the main thread.
// Protocol (docs/architecture.md): page -> worker {id, op, ...payload};
// worker -> page {type:'progress', stage, done, total, label} | {type:'ready'} |
// {type:'failed', message, code} | {id, ok, result | errors}.
// Every URL is resolved against this file's location, so the site works from any sub-path.

const here = (path) => new URL(path, import.meta.url).href;

let api = null;        // calculator.api.handle (one proxy, reused) once ready
let failed = null;     // failure message once boot failed
const waiting = [];    // requests that arrived before the engine was ready

function post(msg) { self.postMessage(msg); }

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
  const { id, op, ...payload } = msg || {};
  if (failed) {
    post({ id, ok: false, errors: [{ field: null, type: 'engine_failed', zh: `计算引擎未能启动：${failed}`, en: `The calculator did not start: ${failed}` }] });
    return;
  }
  try {
    const out = JSON.parse(api(JSON.stringify({ op, ...payload })));
    post({ id, ...out });
  } catch (err) {
    const message = String(err && err.message || err).split('\n').slice(-3).join(' ').slice(0, 500);
    post({ id, ok: false, errors: [{ field: null, type: 'internal', zh: `计算程序内部错误：${message}`, en: `Internal error in the calculator: ${message}` }] });
  }
}

self.onmessage = (event) => {
  if (api || failed) answer(event.data);
  else waiting.push(event.data);
};

async function readManifest() {
  const res = await fetch(here('./wheels/manifest.json'), { cache: 'no-cache' });
  if (!res.ok) throw new Error(`wheels/manifest.json: HTTP ${res.status}`);
  const data = await res.json();
  const list = Array.isArray(data) ? data : (data.wheels || data.files || []);
  return list.map((w) => here('./wheels/' + (typeof w === 'string' ? w : (w.file || w.name || w.filename))));
}

async function boot() {
  if (typeof WebAssembly !== 'object') {
    const e = new Error('WebAssembly is not defined'); e.code = 'no-wasm'; throw e;
  }
  progress('runtime', 0, 3, 'runtime');
  // The wheel list is small: fetch it while the runtime downloads.
  const manifest = readManifest();
  manifest.catch(() => {}); // reported below, when awaited
  const { loadPyodide } = await import(here('./pyodide/pyodide.mjs'));
  const pyodide = await loadPyodide({
    indexURL: here('./pyodide/'),
    stdout: () => {},
    stderr: () => {},
  });
  const wheels = await manifest;
  progress('packages', 1, 3, 'packages');
  const problems = [];
  await pyodide.loadPackage(wheels, {
    messageCallback: () => {},
    errorCallback: (m) => problems.push(String(m)),
  });
  progress('engine', 2, 3, 'engine');
  try {
    api = pyodide.pyimport('calculator.api').handle;   // looked up once, reused
  } catch (err) {
    if (problems.length) err.message += ` (${problems.join('; ')})`;
    throw err;
  }
  post({ type: 'ready' });
}

boot().then(
  () => { for (const m of waiting.splice(0)) answer(m); },
  (err) => {
    failed = String(err && err.message || err).slice(0, 500);
    post({ type: 'failed', message: failed, code: err && err.code || classify(err) });
    for (const m of waiting.splice(0)) answer(m);
  },
);
