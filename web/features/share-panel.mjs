// The share panel under the result (loaded on the first click of "Copy link"): the link
// for the current inputs, put in the address bar and copied to the clipboard if allowed.
// A checkbox, off by default, adds the timeline's permit and child inputs: they say more
// about a family than the score does, so they go only when the sender asks.

import { bindText, texts } from '../shared/i18n.mjs';
import { h as el, hText as h } from '../shared/dom.mjs';
import { shareUrl } from './share.mjs';

/**
 * Build the (hidden) panel inside `box`; returns {copy(button), hide()}. `timeline()` resolves
 * with the timeline's API (shareable()), or null when there is none.
 */
export function mountSharePanel(box, getProfile, timeline = async () => null) {
  const panel = h('div', { class: 'share-panel', id: 'share-panel' });
  panel.hidden = true;
  const include = h('input', { type: 'checkbox', id: 'share-timeline' });
  const includeRow = el('label', { class: 'check share-timeline', for: 'share-timeline' },
    include, h('span', { class: 'label' }, texts('share_timeline')));
  const label = h('label', { for: 'share-url', class: 'label' }, texts('share_link_label'));
  const input = h('input', { type: 'text', id: 'share-url', readonly: '', spellcheck: 'false', autocomplete: 'off' });
  const empty = h('p', { class: 'share-timeline-empty small', id: 'share-timeline-empty' }, texts('share_timeline_empty'));
  empty.hidden = true;
  const status = h('p', { class: 'share-status small', id: 'share-status', 'aria-live': 'polite' });
  const note = h('p', { class: 'share-note small muted' }, texts('share_share_note'));
  panel.append(includeRow, empty, label, input, status, note);
  box.append(panel);
  input.addEventListener('focus', () => input.select());

  // Known once the timeline has mounted (it does with the first total), so that a click
  // reads it at once: a clipboard write must follow the click without waiting.
  let api = null;
  const apiReady = timeline().then((a) => { api = a; return a; }, () => null);
  let lastButton = null;

  function timelineValues() {
    return include.checked && api ? api.shareable() : null;
  }

  async function copy(button = lastButton) {
    lastButton = button;
    if (include.checked && !api) await apiReady;
    const extra = timelineValues();
    const url = shareUrl(getProfile(), location.href, extra);
    input.value = url;
    panel.hidden = false;
    panel.dataset.timeline = extra && Object.keys(extra).length ? 'yes' : 'no';
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
    // ticked with nothing to add: say so rather than let the sender think the link has it
    empty.hidden = !(include.checked && panel.dataset.timeline === 'no');
    bindText(status, ok ? texts('share_copied') : texts('share_copy_by_hand'));
    if (button) button.dataset.copied = ok ? 'yes' : 'no';
  }
  // Ticking or unticking makes the link again (and copies it: the tick is a click too).
  include.addEventListener('change', () => { copy(); });
  return { copy, hide() { panel.hidden = true; } };
}
