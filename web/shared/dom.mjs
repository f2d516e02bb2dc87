import { bindText } from './i18n.mjs';

// The one DOM helper: h('p', {class: 'x', text: '…'}, child, [children]).
// Attributes false/null are left out, true gives an empty attribute; null/false children are skipped.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null && c !== false) el.append(c);
  return el;
}

/** An element whose text follows the page language: hText('p', {class: 'x'}, {zh, en}). */
export function hText(tag, attrs = {}, text = null) {
  const el = h(tag, attrs);
  if (text) bindText(el, text);
  return el;
}
