// The printable result (see print.css): a print-only heading (title, print date) and, when
// the result panel does not show them itself, the documents to prepare (第十四条 basic
// materials plus the proof for each indicator counted), both rendered from the result JSON
// of the 'result' event (shared/events.mjs). Nothing about the rules is written here.
// A filled timeline prints even when its section is folded: it is unfolded for the print
// (a closed <details> prints only its summary) and folded again afterwards.

import { bindText, texts } from '../shared/i18n.mjs';
import { hText as h } from '../shared/dom.mjs';
import { on } from '../shared/events.mjs';

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Whether the page (result.mjs) already renders the documents list on screen. */
function pageHasDocuments() {
  return !!document.querySelector('#documents, [data-documents]:not(#print-documents)');
}

function renderDocuments(box, result) {
  const groups = Array.isArray(result?.documents) ? result.documents : [];
  box.replaceChildren();
  if (!groups.length || result.disqualified) { box.hidden = true; return; }
  box.append(h('h3', {}, texts('print_documents')));
  for (const g of groups) {
    const sec = h('div', { class: 'print-doc-group', 'data-doc-group': g.id || '' });
    const head = h('p', { class: 'print-doc-head' });
    head.append(bindText(h('strong'), g.label || ''));
    if (g.article) head.append(' ', h('span', { class: 'article' }, { zh: g.article, en: g.article }));
    const list = h('ul', { class: 'print-doc-list' });
    for (const d of g.documents || []) list.append(h('li', {}, d));
    sec.append(head, list);
    box.append(sec);
  }
  box.append(h('p', { class: 'small muted' }, texts('print_documents_note')));
  box.hidden = false;
}

/** Add the print-only blocks and keep them in step with the newest result (`first`: the
 * 'result' event that loaded this module). */
export function initPrint(first) {
  const result = document.getElementById('result');
  if (!result) return;
  const head = h('div', { class: 'print-only print-head', id: 'print-head' });
  head.append(h('p', { class: 'print-title' }, texts('print_title')));
  const date = h('p', { class: 'print-date small' });
  head.append(date, h('p', { class: 'print-note small' }, texts('print_note')));
  result.prepend(head);
  const setDate = () => bindText(date, texts('print_date', { date: today() }));
  setDate();
  window.addEventListener('beforeprint', setDate);
  const timeline = document.getElementById('timeline');
  let unfolded = false;
  window.addEventListener('beforeprint', () => {
    if (timeline && 'filled' in timeline.dataset && !timeline.open) { timeline.open = true; unfolded = true; }
  });
  window.addEventListener('afterprint', () => {
    if (unfolded) { timeline.open = false; unfolded = false; }
  });

  const docs = h('section', { class: 'print-documents', id: 'print-documents', 'data-documents': 'print' });
  docs.hidden = true;
  const details = document.getElementById('details');
  (details || result).append(docs);
  const show = ({ result: r }) => {
    if (pageHasDocuments()) { docs.hidden = true; docs.replaceChildren(); return; }
    renderDocuments(docs, r);
  };
  on('result', show);
  if (first) show(first);
}
