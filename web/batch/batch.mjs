// The batch page for HR (web/batch.html): a CSV of employees scored in this browser.
//
// The file's bytes are transferred to the worker (op `batch`, an ArrayBuffer beside the
// request), so Python decodes it exactly as the command line does (UTF-8 with or without
// BOM, else GBK/GB18030). The answer has the rows as data (records, id columns, item ids,
// verdict labels) for the preview, and `csv_base64` (UTF-8 with BOM, written by Python)
// to download; nothing leaves the browser. Same worker and engine client as the main page.
//
// Readiness signals (tests): <html data-engine="loading|ready|failed">;
// #batch-result[data-state] = "busy" | "done" | "error" for the newest file.

import { setLang, lang, pick, t, setDefaults } from '../shared/i18n.mjs';
import { startEngine } from '../engine/engine-client.mjs';
import { downloadBase64 } from '../shared/download.mjs';
import { h } from '../shared/dom.mjs';

const CSV = 'text/csv;charset=utf-8';   // what the engine's csv_base64 holds (UTF-8 with BOM)

const $ = (id) => document.getElementById(id);
const root = document.documentElement;
const PREVIEW_ROWS = 50;
const MAX_BYTES = 20 * 1024 * 1024;



// ------------------------------------------------------------------ engine
root.dataset.engine = 'loading';
let engineStatus = { state: 'loading', stage: 'start' };
const engine = startEngine((status) => {
  engineStatus = status;
  if (status.state === 'ready' || status.state === 'failed') root.dataset.engine = status.state;
  showEngine();
});

function showEngine() {
  const line = $('engine-line');
  const s = engineStatus;
  if (s.state === 'ready') { line.textContent = t('engine_ready'); line.dataset.kind = 'ok'; }
  else if (s.state === 'failed') { line.textContent = t('batch_failed', { m: s.message || s.code }); line.dataset.kind = 'error'; }
  else { line.textContent = ['runtime', 'packages', 'engine'].includes(s.stage) ? t(`stage_${s.stage}`) : t('batch_stage_start'); line.dataset.kind = 'busy'; }
}

const errorText = (errors) => (errors || []).map((e) => pick(e)).join(lang() === 'zh' ? '；' : '; ');
const call = (op, payload, bytes) => engine.request(op, payload, bytes);

// ------------------------------------------------------------------ state + rendering
let job = 0;            // newest file's number: an older file's answer is dropped
let last = null;        // {name, result} | {name, error: () => text in the current language}
const status = (text, kind = '') => { const el = $('batch-status'); el.textContent = text; el.dataset.kind = kind; };

function renderResult() {
  const box = $('batch-result');
  if (!last) { box.hidden = true; return; }
  if (last.error) {
    box.hidden = true;
    status(t('batch_refused', { m: last.error() }), 'error');
    return;
  }
  const { result, name } = last;
  status(t('batch_done', { name, rows: result.rows, ok: result.ok_count, err: result.error_count }), 'ok');
  $('sum-rows').textContent = String(result.rows);
  $('sum-ok').textContent = String(result.ok_count);
  $('sum-errors').textContent = String(result.error_count);
  $('sum-errors-box').classList.toggle('has-errors', result.error_count > 0);
  $('preview-box').replaceChildren(...notes(result), ...preview(result));
  box.hidden = false;
}

/** The file's notes (pending_figures: rows dated in a year whose average wage is not published
 * yet were scored with last year's figures), each with the rows it concerns. */
function notes(result) {
  return (result.notes || []).map((n) => {
    const rows = result.records.map((r, i) => [r, i + 1]).filter(([r]) => (r.notes || []).some((x) => x.insurance_year_from === n.insurance_year_from)).map(([, i]) => i);
    return h('p', { class: `batch-note note note-${n.kind}`, 'data-note-kind': n.kind, text: `${pick(n)} ${t('batch_note_rows', { rows: rows.join(lang() === 'zh' ? '、' : ', ') })}` });
  });
}

/** The preview tables, from the rows the engine answered as data (never the CSV). */
function preview(result) {
  const rows = result.records;
  const ids = result.id_columns;
  const head = h('tr', {}, h('th', { scope: 'col', text: t('batch_col_row') }), ids.map((n) => h('th', { scope: 'col', text: n })),
    h('th', { scope: 'col', text: t('total_label') }), h('th', { scope: 'col', text: t('batch_col_verdict') }), h('th', { scope: 'col', text: t('batch_col_errors') }));
  const line = (row, i) => {
    const err = row.errors.map((e) => `${e.field || t('batch_col_row')}: ${pick(e)}`).join(lang() === 'zh' ? '；' : '; ');
    return h('tr', { class: err ? 'row-error' : null },
      h('td', { class: 'num', text: String(i + 1) }), row.ids.map((cell) => h('td', { text: cell })),
      h('td', { class: 'num', text: row.total == null ? '' : String(row.total) }),
      h('td', { text: row.verdict ? pick(result.verdicts[row.verdict]) : '' }),
      h('td', { class: 'err', text: err }));
  };
  const shown = rows.slice(0, PREVIEW_ROWS);
  const out = [];
  const table = h('table', { class: 'preview', id: 'preview' },
    h('caption', { text: rows.length > PREVIEW_ROWS ? t('batch_preview_caption', { n: PREVIEW_ROWS, total: rows.length }) : t('batch_preview_caption_all', { n: rows.length }) }),
    h('thead', {}, head.cloneNode(true)), h('tbody', {}, shown.map(line)));
  out.push(h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'preview-caption' }, table));
  table.querySelector('caption').id = 'preview-caption';
  // Every row with errors (beyond the preview too), so they can be fixed without Excel.
  const bad = rows.map((row, i) => [row, i]).filter(([row]) => row.errors.length);
  if (bad.length) {
    const list = bad.slice(0, 200);
    const errTable = h('table', { class: 'preview', id: 'error-rows' },
      h('caption', { id: 'errors-caption', text: t('batch_errors_caption', { n: bad.length }) }),
      h('thead', {}, head.cloneNode(true)), h('tbody', {}, list.map(([row, i]) => line(row, i))));
    out.push(h('h3', { class: 'sr-only', text: t('batch_errors_caption', { n: bad.length }) }));
    out.push(h('div', { class: 'table-scroll errors-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'errors-caption' }, errTable));
    if (bad.length > list.length) out.push(h('p', { class: 'muted small', text: t('batch_errors_more', { n: bad.length - list.length }) }));
  }
  return out;
}

let shownState = null;  // 'busy' | 'done' | 'error'; #batch-result[data-state] repeats it for the tests
function setShown(state) {
  shownState = state;
  $('batch-result').dataset.state = state;
}

async function scoreFile(file) {
  const mine = ++job;
  const box = $('batch-result');
  setShown('busy');
  box.hidden = true;
  if (file.size > MAX_BYTES) {
    last = { name: file.name, error: () => t('batch_too_big') };
    renderResult();
    setShown('error');
    return;
  }
  status(t('batch_reading', { name: file.name }), 'busy');
  let bytes;
  try {
    bytes = await file.arrayBuffer();
  } catch (err) {
    if (mine !== job) return;
    const message = String(err && err.message || err);
    last = { name: file.name, error: () => message };
    renderResult();
    setShown('error');
    return;
  }
  if (mine !== job) return;
  status(t('batch_scoring', { name: file.name, kb: Math.max(1, Math.round(file.size / 1024)) }), 'busy');
  let answer;
  try {
    answer = await call('batch', {}, bytes);   // transferred, not copied
  } catch (err) {
    answer = { ok: false, errors: err.errors?.length ? err.errors : [{ zh: err.message, en: err.message }] };
  }
  if (mine !== job) return;
  if (answer.ok && answer.result.rows === 0) {
    last = { name: file.name, error: () => t('batch_empty') };
  } else {
    last = answer.ok ? { name: file.name, result: answer.result } : { name: file.name, error: () => errorText(answer.errors) };
  }
  renderResult();
  setShown(last.error ? 'error' : 'done');
}

$('csv-file').addEventListener('change', (e) => {
  const file = e.target.files && e.target.files[0];
  if (file) scoreFile(file);
});

$('download').addEventListener('click', () => {
  if (!last || !last.result) return;
  const base = last.name.replace(/\.(csv|txt)$/i, '') || 'employees';
  downloadBase64(last.result.csv_base64, `${base}${t('batch_result_suffix')}`, CSV);
});

$('template').addEventListener('click', async () => {
  const button = $('template');
  button.disabled = true;
  try {
    const answer = await call('template', {});
    if (!answer.ok) throw new Error(errorText(answer.errors));
    downloadBase64(answer.result.csv_base64, t('batch_template_name'), CSV);
  } catch (err) {
    status(t('batch_template_failed', { m: err.message }), 'error');
  } finally {
    button.disabled = false;
  }
});

// ------------------------------------------------------------------ language
function applyLangChrome() {
  document.title = t('batch_title');
  const b = $('lang-switch');
  b.textContent = t('lang_switch');
  b.setAttribute('aria-label', t('lang_switch_label'));
  b.lang = lang() === 'zh' ? 'en' : 'zh-CN';
  showEngine();
  if (last) {
    if (shownState === 'done' || shownState === 'error') renderResult();
  }
}
$('lang-switch').addEventListener('click', () => {
  setLang(lang() === 'zh' ? 'en' : 'zh');
  applyLangChrome();
});
const asked = new URLSearchParams(location.search).get('lang');
if (asked === 'en' || asked === 'zh') setLang(asked);
applyLangChrome();
showEngine();

// The identifying columns the file may have come from the models (formspec.json).
fetch(new URL('./formspec.json', document.baseURI))
  .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`formspec.json: HTTP ${r.status}`))))
  .then((spec) => setDefaults({ id_columns: spec.batch.id_columns.join(' / ') }))
  .catch(() => {});
