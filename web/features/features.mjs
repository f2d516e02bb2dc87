// Wires the issue-4 features into the page: query options (embed, lang, theme), share links,
// saved inputs, the print button, and the service worker. app.mjs imports this module (so
// the query options apply before the form renders) and calls initFeatures() once.
//
// Precedence when the page opens: a share-link fragment (#p=...) wins over saved inputs.
// Saving happens only on the user's own edits, so opening someone else's link never
// overwrites what this device had saved unless the user then edits the form.

import { setLang, bindText, lang } from '../shared/i18n.mjs';
import { options, startResizeReports } from './embed.mjs';
import { decodeFragment, shareUrl, clearFragment, messages } from './share.mjs';
import { available as storageAvailable, loadProfile, clearAll, debouncedSaver } from '../shared/storage.mjs';
import { initPwa } from './pwa.mjs';
import { initPrint } from './print.mjs';
import { hText as h } from '../shared/dom.mjs';

const $ = (id) => document.getElementById(id);
const root = document.documentElement;


// ------------------------------------------------------------------ query options, at once
if (options.lang && options.lang !== lang()) {
  setLang(options.lang);
  const button = $('lang-switch');
  if (button) button.lang = options.lang === 'zh' ? 'en' : 'zh-CN';
}

const T = {
  copy: { zh: '复制链接', en: 'Copy link' },
  copied: { zh: '链接已复制。', en: 'Link copied.' },
  copy_by_hand: { zh: '无法自动复制，请长按或选中上面的链接手动复制。', en: 'Could not copy automatically: select the link above and copy it.' },
  link_label: { zh: '分享链接', en: 'Share link' },
  share_note: {
    zh: '链接里包含你填写的内容（在“#”号之后的部分）。浏览器不会把这部分发送给任何服务器，但拿到链接的人都能看到这些内容。',
    en: 'The link contains what you entered (in the part after “#”). Browsers never send that part to any server, but anyone who has the link can see it.',
  },
  print: { zh: '打印', en: 'Print' },
  clear: { zh: '清除本机保存的数据', en: 'Clear saved data' },
  saved_note: {
    zh: '你填写的内容只保存在这台设备的浏览器里，刷新后仍在，不会上传。',
    en: 'What you enter is kept only in this device’s browser, so it survives a reload. It is never uploaded.',
  },
  no_storage_note: {
    zh: '这个浏览器窗口不能在本机保存数据（例如隐私模式），刷新后需要重新填写。',
    en: 'This browser window cannot keep data on the device (private mode, for example); after a reload the form starts empty.',
  },
  cleared: { zh: '已清除本机保存的数据，表单已清空。', en: 'Saved data cleared and the form emptied.' },
  dismiss: { zh: '知道了', en: 'Dismiss' },
};

// ------------------------------------------------------------------ the link notice (top of the form)
function showLinkNotice(text, kind) {
  let box = $('link-notice');
  if (!box) {
    box = h('div', { id: 'link-notice', class: 'link-notice' });
    const form = $('profile-form');
    form.parentNode.insertBefore(box, form);
  }
  box.replaceChildren();
  box.dataset.kind = kind;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  const p = h('p', {}, text);
  const close = h('button', { type: 'button', class: 'link link-notice-close' }, T.dismiss);
  close.addEventListener('click', () => { box.remove(); });
  box.append(p, close);
  box.hidden = false;
}

function hideLinkNotice() { $('link-notice')?.remove(); }

/** Apply the share fragment if there is one; returns true when it decided the form's content. */
function applyFragment(setProfile) {
  const decoded = decodeFragment(location.hash);
  if (!decoded) return false;
  if (decoded.error) {
    showLinkNotice(decoded.error, 'error');
    root.dataset.share = 'error';
    return false;
  }
  const unknown = setProfile(decoded.profile) || [];
  if (unknown.length) showLinkNotice(messages.unknown(unknown.length), 'warning');
  else showLinkNotice(messages.restored, 'ok');
  root.dataset.share = 'restored';
  return true;
}

// ------------------------------------------------------------------ result actions: share + print
function mountResultActions(getProfile) {
  const result = $('result');
  const box = h('div', { class: 'result-actions', id: 'result-actions' });
  const buttons = h('div', { class: 'result-buttons' });
  const copy = h('button', { type: 'button', class: 'button button-secondary', id: 'share-copy' }, T.copy);
  const print = h('button', { type: 'button', class: 'button button-secondary', id: 'print-button' }, T.print);
  buttons.append(copy, print);
  const panel = h('div', { class: 'share-panel', id: 'share-panel' });
  panel.hidden = true;
  const label = h('label', { for: 'share-url', class: 'label' }, T.link_label);
  const input = h('input', { type: 'text', id: 'share-url', readonly: '', spellcheck: 'false', autocomplete: 'off' });
  const status = h('p', { class: 'share-status small', id: 'share-status', 'aria-live': 'polite' });
  const note = h('p', { class: 'share-note small muted' }, T.share_note);
  panel.append(label, input, status, note);
  box.append(buttons, panel);
  result.append(box);

  copy.addEventListener('click', async () => {
    const url = shareUrl(getProfile());
    input.value = url;
    panel.hidden = false;
    try { history.replaceState(history.state, '', url); } catch { /* sandboxed: the field still has it */ }
    input.focus();
    input.select();
    let ok = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(url);
        ok = true;
      }
    } catch { /* permission denied, iframe without clipboard-write */ }
    if (!ok) {
      try { ok = document.execCommand && document.execCommand('copy'); } catch { ok = false; }
    }
    bindText(status, ok ? T.copied : T.copy_by_hand);
    copy.dataset.copied = ok ? 'yes' : 'no';
  });
  input.addEventListener('focus', () => input.select());
  print.addEventListener('click', () => window.print());
  return { hidePanel() { panel.hidden = true; } };
}

// ------------------------------------------------------------------ saved inputs
function mountStorage(getProfile, setProfile, onCleared) {
  const hasStore = storageAvailable();
  root.dataset.storage = hasStore ? 'on' : 'off';
  const form = $('profile-form');
  const box = h('div', { class: 'saved-data', id: 'saved-data' });
  const note = h('p', { class: 'small muted' }, hasStore ? T.saved_note : T.no_storage_note);
  const clear = h('button', { type: 'button', class: 'button button-secondary', id: 'clear-saved' }, T.clear);
  const status = h('p', { class: 'small', id: 'clear-status', 'aria-live': 'polite' });
  box.append(note, clear, status);
  form.after(box);

  const saver = debouncedSaver(() => getProfile(), 400);
  const edited = () => {
    status.textContent = '';
    delete status.dataset.zh;
    delete status.dataset.en;
    saver.schedule();
    clearFragment();          // the address bar no longer describes the form
    onCleared?.edited?.();
  };
  // Only the user's own edits are saved (not a profile restored from someone's link).
  for (const type of ['input', 'change']) form.addEventListener(type, edited);
  form.addEventListener('click', (e) => { if (e.target.closest('button')) setTimeout(edited); });
  window.addEventListener('pagehide', () => saver.flush());
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') saver.flush(); });

  clear.addEventListener('click', () => {
    saver.cancel();
    clearAll();
    clearFragment();
    hideLinkNotice();
    setProfile({});
    onCleared?.cleared?.();
    bindText(status, T.cleared);
  });
}

/**
 * Called once by app.mjs with its hooks. Never throws: every feature is optional.
 */
export function initFeatures({ whenFormReady, getProfile, setProfile, engineReady }) {
  try { startResizeReports(); } catch { /* no parent access */ }
  initPwa(engineReady);
  initPrint();
  whenFormReady().then(() => {
    const actions = mountResultActions(getProfile);
    const fromLink = applyFragment(setProfile);
    if (!fromLink) {
      const saved = loadProfile();
      if (saved) setProfile(saved);
    }
    mountStorage(getProfile, setProfile, { cleared: () => actions.hidePanel(), edited: () => actions.hidePanel() });
    // A link pasted into the address bar of an open tab only changes the fragment.
    window.addEventListener('hashchange', () => {
      if (decodeFragment(location.hash)) { hideLinkNotice(); applyFragment(setProfile); }
    });
    root.dataset.features = 'ready';
  }, () => {});
}
