// The share panel under the result (loaded on the first click of "Copy link"): the link
// for the current inputs, put in the address bar and copied to the clipboard if allowed.

import { bindText, texts } from '../shared/i18n.mjs';
import { hText as h } from '../shared/dom.mjs';
import { shareUrl } from './share.mjs';

/** Build the (hidden) panel inside `box`; returns {copy(button), hide()}. */
export function mountSharePanel(box, getProfile) {
  const panel = h('div', { class: 'share-panel', id: 'share-panel' });
  panel.hidden = true;
  const label = h('label', { for: 'share-url', class: 'label' }, texts('share_link_label'));
  const input = h('input', { type: 'text', id: 'share-url', readonly: '', spellcheck: 'false', autocomplete: 'off' });
  const status = h('p', { class: 'share-status small', id: 'share-status', 'aria-live': 'polite' });
  const note = h('p', { class: 'share-note small muted' }, texts('share_share_note'));
  panel.append(label, input, status, note);
  box.append(panel);
  input.addEventListener('focus', () => input.select());

  async function copy(button) {
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
    bindText(status, ok ? texts('share_copied') : texts('share_copy_by_hand'));
    button.dataset.copied = ok ? 'yes' : 'no';
  }
  return { copy, hide() { panel.hidden = true; } };
}
