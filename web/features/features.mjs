// Wires the features around the calculator into the page: query options (embed, lang, theme), share links,
// saved inputs, the print button, and the service worker. app.mjs imports this module (so
// the query options apply before the form renders) and calls initFeatures() once.
//
// Precedence when the page opens: a share-link fragment (#p=...) wins over saved inputs.
// Saving happens only on the user's own edits, so opening someone else's link never
// overwrites what this device had saved unless the user then edits the form. A link that
// carries the timeline's inputs fills them in the same way (shown, not saved) and opens the
// timeline; one without them leaves the timeline as this device had it.
// An opened link lands on the result card: the recipient came for the total and its
// breakdown, not for the top of a long form.

import { setLang, bindText, lang, texts } from '../shared/i18n.mjs';
import { options, startResizeReports } from './embed.mjs';
import { decodeFragment, clearFragment, messages } from './share.mjs';
import { available as storageAvailable, loadProfile, clearAll, debouncedSaver } from '../shared/storage.mjs';
import { initPwa } from './pwa.mjs';
import { hText as h } from '../shared/dom.mjs';
import { lazy } from '../shared/lazy.mjs';
import { on } from '../shared/events.mjs';

const $ = (id) => document.getElementById(id);
const root = document.documentElement;


// ------------------------------------------------------------------ query options, at once
if (options.lang && options.lang !== lang()) {
  setLang(options.lang);
  const button = $('lang-switch');
  if (button) button.lang = options.lang === 'zh' ? 'en' : 'zh-CN';
}

// ------------------------------------------------------------------ the link notice
// A link that could not be read: above the (empty) form. One that filled the form: at the
// top of the result card, where the page is shown.
function showLinkNotice(text, kind) {
  let box = $('link-notice');
  if (!box) box = h('div', { id: 'link-notice', class: 'link-notice' });
  if (kind === 'error') {
    const form = $('profile-form');
    form.parentNode.insertBefore(box, form);
  } else {
    $('result-heading').after(box);
  }
  box.replaceChildren();
  box.dataset.kind = kind;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  const p = h('p', {}, text);
  const close = h('button', { type: 'button', class: 'link link-notice-close' }, texts('share_dismiss'));
  close.addEventListener('click', () => { box.remove(); });
  box.append(p, close);
  box.hidden = false;
}

function hideLinkNotice() { $('link-notice')?.remove(); }

/** Apply the share fragment if there is one; returns true when it decided the form's content.
 * `hooks`: initFeatures's (setProfile, timeline, showResult). */
function applyFragment({ setProfile, timeline, showResult }) {
  const decoded = decodeFragment(location.hash);
  if (!decoded) return false;
  if (decoded.error) {
    showLinkNotice(decoded.error, 'error');
    root.dataset.share = 'error';
    return false;
  }
  const unknown = setProfile(decoded.profile) || [];
  const said = (more) => {
    const n = unknown.length + more.length;
    if (n) showLinkNotice(messages.unknown(n), 'warning');
    else showLinkNotice(decoded.timeline ? messages.restoredTimeline : messages.restored, 'ok');
  };
  root.dataset.share = 'restored';
  if (decoded.timeline && timeline) {
    root.dataset.shareTimeline = 'pending';
    timeline.api().then((api) => {
      const more = api ? api.restore(decoded.timeline) : Object.keys(decoded.timeline);
      said(more);
      timeline.expand();
      root.dataset.shareTimeline = 'restored';
    }, () => { said(Object.keys(decoded.timeline)); });
  } else {
    delete root.dataset.shareTimeline;
  }
  said([]);
  showResult?.();
  return true;
}

// ------------------------------------------------------------------ result actions: share + print
// The buttons are drawn at once; the share panel (share-panel.mjs) loads on the first click,
// or earlier when the engine is ready (prefetch), so the click finds it loaded.
const sharePanel = lazy(() => import('./share-panel.mjs'));

function mountResultActions(getProfile, timeline) {
  const result = $('result');
  const box = h('div', { class: 'result-actions', id: 'result-actions' });
  const buttons = h('div', { class: 'result-buttons' });
  const copy = h('button', { type: 'button', class: 'button button-secondary', id: 'share-copy' }, texts('share_copy'));
  const print = h('button', { type: 'button', class: 'button button-secondary', id: 'print-button' }, texts('share_print'));
  buttons.append(copy, print);
  box.append(buttons);
  result.append(box);

  let panel = null;
  const mounted = () => sharePanel().then((m) => (panel ??= m.mountSharePanel(box, getProfile, () => timeline?.api() ?? null)));
  copy.addEventListener('click', () => { mounted().then((p) => p.copy(copy)); });
  print.addEventListener('click', () => window.print());
  return { prefetch: sharePanel, hidePanel() { panel?.hide(); } };
}

// ------------------------------------------------------------------ saved inputs
function mountStorage(getProfile, setProfile, onCleared) {
  const hasStore = storageAvailable();
  root.dataset.storage = hasStore ? 'on' : 'off';
  const form = $('profile-form');
  const box = h('div', { class: 'saved-data', id: 'saved-data' });
  const note = h('p', { class: 'small muted' }, hasStore ? texts('share_saved_note') : texts('share_no_storage_note'));
  const clear = h('button', { type: 'button', class: 'button button-secondary', id: 'clear-saved' }, texts('share_clear'));
  const status = h('p', { class: 'small', id: 'clear-status', 'aria-live': 'polite' });
  box.append(note, clear, status);
  form.after(box);

  const saver = debouncedSaver(() => getProfile(), 400);
  // On a phone the result card sits inside the form (after its first group): its buttons
  // and the share link's field are not edits of the inputs.
  const edited = (e) => {
    if (e?.target?.closest?.('#result')) return;
    status.textContent = '';
    delete status.dataset.zh;
    delete status.dataset.en;
    saver.schedule();
    clearFragment();          // the address bar no longer describes the form
    onCleared?.edited?.();
  };
  // Only the user's own edits are saved (not a profile restored from someone's link).
  for (const type of ['input', 'change']) form.addEventListener(type, edited);
  form.addEventListener('click', (e) => { if (e.target.closest('button') && !e.target.closest('#result')) setTimeout(edited); });
  window.addEventListener('pagehide', () => saver.flush());
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') saver.flush(); });

  clear.addEventListener('click', () => {
    saver.cancel();
    clearAll();
    clearFragment();
    hideLinkNotice();
    setProfile({});
    onCleared?.cleared?.();
    bindText(status, texts('share_cleared'));
  });
}

/**
 * Called once by app.mjs with its hooks. Never throws: every feature is optional.
 * `timeline`: {api(), expand()} (app.mjs); `showResult()`: brings the result card into view.
 */
export function initFeatures({ whenFormReady, getProfile, setProfile, engineReady, timeline = null, showResult = null }) {
  try { startResizeReports(); } catch { /* no parent access */ }
  initPwa(engineReady);
  // The print summary loads with the first result (prefetched once the engine is ready).
  const print = lazy(() => import('./print.mjs'));
  const stop = on('result', (detail) => { stop(); print().then((m) => m.initPrint(detail)); });
  engineReady.then(() => print(), () => {});
  whenFormReady().then(() => {
    const actions = mountResultActions(getProfile, timeline);
    engineReady.then(() => actions.prefetch(), () => {});
    const hooks = { setProfile, timeline, showResult };
    const fromLink = applyFragment(hooks);
    if (!fromLink) {
      const saved = loadProfile();
      if (saved) setProfile(saved);
    }
    mountStorage(getProfile, setProfile, { cleared: () => actions.hidePanel(), edited: () => actions.hidePanel() });
    // A link pasted into the address bar of an open tab only changes the fragment.
    window.addEventListener('hashchange', () => {
      if (decodeFragment(location.hash)) { hideLinkNotice(); applyFragment(hooks); }
    });
    root.dataset.features = 'ready';
  }, () => {});
}
