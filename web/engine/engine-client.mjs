// The page's side of the worker protocol: boot the worker, follow its progress,
// send requests by id, and a latest-wins channel for live updates.

import { texts } from '../shared/i18n.mjs';

// The worker's own errors (not the engine's field messages) arrive as a type and a
// technical detail; they are worded here, in both languages, from the catalogue.
const WORKER_ERRORS = { engine_failed: 'worker_failed', internal: 'worker_internal', reader_failed: 'worker_reader_failed' };

function wordWorkerErrors(answer) {
  for (const e of answer.errors || []) {
    if (WORKER_ERRORS[e.type] && e.zh === undefined) Object.assign(e, texts(WORKER_ERRORS[e.type], { m: e.detail }));
  }
  return answer;
}

export class EngineError extends Error {
  constructor(message, errors = [], code = 'refused') {
    super(message);
    this.name = 'EngineError';
    this.errors = errors;
    this.code = code;
  }
}

/**
 * Start the engine. `onStatus({state, stage, done, total, code, message})` is called with
 * state 'loading' (and stage 'runtime'|'packages'|'engine'), 'ready' or 'failed'.
 */
let earlyEvents = [];

/** The worker boot.js started while the HTML was parsed, if any (taken once). */
function adoptEarlyWorker() {
  const early = globalThis.__shpointsEarlyWorker;
  if (!early) return null;
  delete globalThis.__shpointsEarlyWorker;
  earlyEvents = early.early;
  return early.worker;
}

/** This page is controlled by the site's service worker, which answers from its cache. */
function servedFromDevice() {
  try {
    return Boolean(navigator.serviceWorker && navigator.serviceWorker.controller);
  } catch {
    return false;
  }
}

/**
 * The worker's boot stages as performance marks on the page's timeline, named
 * `shpoints:boot:<stage>` (ms from the page's navigation start), for the benches to read
 * with performance.getEntriesByType('mark'); nothing is shown. The worker's times count
 * from its own start, hence its timeOrigin.
 */
function markBoot(timings) {
  if (!timings || typeof timings.origin !== 'number') return;
  for (const [stage, at] of Object.entries(timings)) {
    if (stage === 'origin' || typeof at !== 'number') continue;
    try {
      performance.mark(`shpoints:boot:${stage}`, { startTime: timings.origin + at - performance.timeOrigin });
    } catch {
      return;   // no mark with a start time (an older engine): the benches go without
    }
  }
}

export function startEngine(onStatus = () => {}) {
  let nextId = 1;
  const calls = new Map();     // id -> {resolve, reject, onProgress}
  let status = { state: 'loading', stage: 'start', done: 0, total: 3 };
  let readyResolve, readyReject;
  const ready = new Promise((res, rej) => { readyResolve = res; readyReject = rej; });
  ready.catch(() => {});
  let worker = null;

  function setStatus(s) {
    status = s;
    try { onStatus(s); } catch (err) { setTimeout(() => { throw err; }); }
  }

  function fail(code, message) {
    if (status.state === 'failed') return;
    setStatus({ state: 'failed', code, message });
    const err = new EngineError(message, [{ field: null, type: 'engine_failed', zh: message, en: message }], code);
    readyReject(err);
    for (const { reject } of calls.values()) reject(err);
    calls.clear();
    if (worker) worker.terminate();
  }

  if (typeof WebAssembly !== 'object') {
    queueMicrotask(() => fail('no-wasm', 'WebAssembly is not available'));
  } else if (typeof Worker !== 'function') {
    queueMicrotask(() => fail('no-worker', 'Web Workers are not available'));
  } else {
    try {
      worker = adoptEarlyWorker() || new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module' });
    } catch (err) {
      queueMicrotask(() => fail('no-worker', String(err && err.message || err)));
    }
  }

  if (worker) {
    worker.onmessage = (event) => {
      const msg = event.data || {};
      if (msg.type === 'progress') {
        if (status.state === 'loading') setStatus({ state: 'loading', stage: msg.stage, done: msg.done, total: msg.total });
        return;
      }
      if (msg.type === 'ready') {
        markBoot(msg.timings);
        setStatus({ state: 'ready' });
        readyResolve();
        return;
      }
      if (msg.type === 'failed') {
        fail(msg.code || 'other', msg.message || 'failed');
        return;
      }
      if (msg.type === 'job-progress') {   // how far one request has got (a batch's rows)
        const pending = calls.get(msg.id);
        if (pending && pending.onProgress) {
          try { pending.onProgress(msg); } catch (err) { setTimeout(() => { throw err; }); }
        }
        return;
      }
      const call = calls.get(msg.id);
      if (!call) return;
      calls.delete(msg.id);
      call.resolve(wordWorkerErrors(msg));
    };
    // A browser without module workers runs worker.mjs as a classic script: it fails to
    // parse and we land here. Same for a worker file that cannot be loaded at all.
    worker.onerror = (event) => {
      event.preventDefault();
      const detail = event.message || 'worker error';
      fail(status.stage === 'start' ? 'no-worker' : 'other', detail);
    };
    worker.onmessageerror = () => fail('other', 'message could not be decoded');
    // The form first (on a slow link it must not wait behind the runtime): the worker
    // downloads the runtime once the page has loaded,
    // unless this page came from the service worker (a repeat visit: the runtime is read from
    // the device, there is no link to share), where waiting would only delay the total.
    const go = () => worker.postMessage({ type: 'start' });
    if (document.readyState === 'complete' || servedFromDevice()) go();
    else window.addEventListener('load', go, { once: true });
    // Replay what the early worker (boot.js) received before we were listening.
    for (const [kind, event] of earlyEvents.splice(0)) (kind === 'error' ? worker.onerror : worker.onmessage)(event);
  }

  /**
   * Send one request; resolves with the raw answer {id, ok, result|errors}. `bytes`, an
   * ArrayBuffer (a file's content), is transferred to the worker, not copied; the page's
   * buffer is empty afterwards. `onProgress({stage, done, total})` hears how far it has got.
   */
  function request(op, payload = {}, bytes = null, onProgress = null) {
    if (status.state === 'failed') {
      return Promise.reject(new EngineError(status.message, [], status.code));
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      calls.set(id, { resolve, reject, onProgress });
      if (bytes) worker.postMessage({ id, op, ...payload, bytes }, [bytes]);
      else worker.postMessage({ id, op, ...payload });
    });
  }

  /** Like request, but resolves with `result` and rejects with an EngineError carrying `.errors`. */
  async function call(op, payload = {}) {
    const answer = await request(op, payload);
    if (answer.ok) return answer.result;
    const errors = answer.errors || [];
    const first = errors[0];
    const message = first ? `${first.field ? first.field + ': ' : ''}${first.en || first.zh}` : 'refused';
    throw new EngineError(message, errors);
  }

  return { request, call, ready, get status() { return status; } };
}

/**
 * Latest-wins channel: at most one request in flight plus the newest pending one.
 * `onAnswer(payload, answer, seq)` is called only for the answer to the newest submission;
 * stale answers are dropped. `onError(err, seq)` likewise for a failed newest request.
 */
export function latestChannel(engine, op, onAnswer, onError = () => {}) {
  let seq = 0;
  let inFlight = false;
  let pending = null;

  let awaitingReady = false;

  function pump() {
    if (inFlight || !pending) return;
    // Until the engine is ready, hold the newest input here instead of queueing stale
    // ones in the worker: the first answer computed is then the one the user wants.
    if (engine.status.state === 'loading') {
      if (!awaitingReady) {
        awaitingReady = true;
        const go = () => { awaitingReady = false; pump(); };
        engine.ready.then(go, go);
      }
      return;
    }
    const job = pending;
    pending = null;
    inFlight = true;
    engine.request(op, job.payload).then(
      (answer) => {
        inFlight = false;
        if (job.seq === seq) onAnswer(job.payload, answer, job.seq);
        pump();
      },
      (err) => {
        inFlight = false;
        if (job.seq === seq) onError(err, job.seq);
        pump();
      },
    );
  }

  return {
    /** Queue `payload` as the newest request (replacing any older pending one); returns its seq. */
    submit(payload) {
      seq += 1;
      pending = { seq, payload };
      pump();
      return seq;
    },
    /** Forget anything pending and make every outstanding answer stale. */
    cancel() { seq += 1; pending = null; },
    get seq() { return seq; },
    get busy() { return inFlight || pending !== null; },
  };
}
