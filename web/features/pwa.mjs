// Offline use: register the service worker (dist/sw.js) where the browser offers one, and
// only then. Without it (in-app browsers, private windows, sandboxed iframes, file://) the
// page works online exactly the same.
//
// When a newer version has been downloaded and is waiting, a bar offers
// "新版本已就绪，点此刷新 / New version ready — reload": clicking it posts
// {type: 'SKIP_WAITING'} to the waiting worker and reloads once it has taken control.

import { bindText, texts } from '../shared/i18n.mjs';
import { on } from '../shared/events.mjs';

const root = document.documentElement;

function canRegister() {
  try {
    return 'serviceWorker' in navigator && !!navigator.serviceWorker
      && /^https?:$/.test(location.protocol) && window.isSecureContext !== false;
  } catch {
    return false;
  }
}

// The precache waits for the engine's first answer on screen, so that it never competes
// with the first score for the link: a total, or the field messages of a refused input.
// Listened for from the start.
const firstAnswer = new Promise((resolve) => {
  const off = on('score-state', ({ state }) => { if (state !== 'pending') { off(); resolve(); } });
});

let bar = null;
function showUpdate(worker) {
  if (!worker) return;
  if (!bar) {
    bar = document.createElement('div');
    bar.className = 'update-bar';
    bar.setAttribute('role', 'status');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button update-button';
    button.id = 'update-reload';
    bindText(button, texts('update_ready'));
    bar.append(button);
    document.body.prepend(bar);
  }
  root.dataset.update = 'waiting';
  const button = bar.querySelector('button');
  button.onclick = () => {
    button.disabled = true;
    let reloaded = false;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (reloaded) return;
      reloaded = true;
      location.reload();
    });
    worker.postMessage({ type: 'SKIP_WAITING' });
  };
}

/**
 * Register ./sw.js after `when` settles (the engine's ready promise), then ask it to
 * precache once the first answer shows (or the engine failed): the precache must not
 * compete with the first download on a slow phone. Sets <html data-sw="none|registered|
 * active|error"> and data-precache="done" once the whole build is stored. Never throws.
 */
export async function initPwa(when = Promise.resolve()) {
  if (!canRegister()) { root.dataset.sw = 'none'; return null; }
  try { await when; } catch { /* register anyway: a cached copy may help next time */ }
  let reg;
  try {
    reg = await navigator.serviceWorker.register(new URL('./sw.js', document.baseURI), { scope: './' });
  } catch {
    root.dataset.sw = 'error';
    return null;
  }
  // Some environments (automation with service workers blocked, odd in-app browsers)
  // resolve register() with nothing: treat that as "no service worker", not a crash.
  if (!reg) { root.dataset.sw = 'none'; return null; }
  root.dataset.sw = 'registered';
  const watch = (worker) => {
    if (!worker) return;
    worker.addEventListener('statechange', () => {
      // "installed" with a controller in place = an update waiting for its turn
      if (worker.state === 'installed' && navigator.serviceWorker.controller) showUpdate(worker);
    });
  };
  if (reg.waiting && navigator.serviceWorker.controller) showUpdate(reg.waiting);
  watch(reg.installing);
  reg.addEventListener('updatefound', () => watch(reg.installing));
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'PRECACHED') root.dataset.precache = 'done';
  });
  navigator.serviceWorker.ready.then(async (ready) => {
    root.dataset.sw = 'active';
    let failed = false;
    await when.catch(() => { failed = true; });
    if (!failed) await firstAnswer;
    ready.active?.postMessage({ type: 'PRECACHE' });
  }, () => {});
  // Check for a new version when the page comes back to the foreground (phones keep tabs for days).
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') reg.update().catch(() => {});
  });
  return reg;
}
