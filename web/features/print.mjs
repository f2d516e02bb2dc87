// The printable result (see print.css): a print-only heading (title, print date) and, when
// the result panel does not show them itself, the documents to prepare (第十四条 basic
// materials plus the proof for each indicator counted), both rendered from the result JSON
// of the `shpoints:result` event. Nothing about the rules is written here.

import { bindText } from '../shared/i18n.mjs';
import { hText as h } from '../shared/dom.mjs';

const T = {
  title: { zh: '上海市居住证积分 · 计算结果摘要', en: 'Shanghai residence-permit points · result summary' },
  note: {
    zh: '本摘要由开源计算器在本机生成，仅供参考；最终以上海市人才服务中心的审核为准。',
    en: 'Generated on this device by an open-source calculator, for guidance only; the Shanghai talent service centre’s review is final.',
  },
  documents: { zh: '需要准备的材料', en: 'Documents to prepare' },
  documents_note: {
    zh: '由单位经办人网上申报后，携带原件及复印件到区人才服务中心办理。',
    en: 'After the employer files the application online, its contact brings originals and copies to the district talent service centre.',
  },
};


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
  box.append(h('h3', {}, T.documents));
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
  box.append(h('p', { class: 'small muted' }, T.documents_note));
  box.hidden = false;
}

/** Add the print-only blocks and keep them in step with the newest result. */
export function initPrint() {
  const result = document.getElementById('result');
  if (!result) return;
  const head = h('div', { class: 'print-only print-head', id: 'print-head' });
  head.append(h('p', { class: 'print-title' }, T.title));
  const date = h('p', { class: 'print-date small' });
  head.append(date, h('p', { class: 'print-note small' }, T.note));
  result.prepend(head);
  const setDate = () => bindText(date, { zh: `打印日期：${today()}`, en: `Printed on ${today()}` });
  setDate();
  window.addEventListener('beforeprint', setDate);

  const docs = h('section', { class: 'print-documents', id: 'print-documents', 'data-documents': 'print' });
  docs.hidden = true;
  const details = document.getElementById('details');
  (details || result).append(docs);
  document.addEventListener('shpoints:result', (event) => {
    if (pageHasDocuments()) { docs.hidden = true; docs.replaceChildren(); return; }
    renderDocuments(docs, event.detail?.result);
  });
}
