// The batch page for HR (web/batch.html): a clerk's .xlsx or CSV of employees, scored in
// this browser.
//
// The file's bytes are transferred to the worker (op `batch`, an ArrayBuffer beside the
// request), so Python reads it exactly as the command line does (a workbook by openpyxl,
// installed by the worker the first time one is opened; a CSV as UTF-8 with or without
// BOM, else GBK/GB18030). While it works, the worker reports the rows scored (a progress
// bar). The answer has the rows as data (records with their row numbers, id columns,
// verdict labels, a workbook's sheets) for the preview and the list of bad cells; the
// files to save (.xlsx or CSV, headed in the page's language) are made by the engine on a
// click (op `export`). Nothing leaves the browser. Same worker and engine client as the
// main page.
//
// Readiness signals (tests): <html data-engine="loading|ready|failed">;
// #batch-result[data-state] = "busy" | "done" | "error" for the newest file.

import { setLang, lang, pick, t, setDefaults } from '../shared/i18n.mjs';
import { startEngine } from '../engine/engine-client.mjs';
import { downloadBase64 } from '../shared/download.mjs';
import { h } from '../shared/dom.mjs';

const CSV = 'text/csv;charset=utf-8';   // what the engine's csv_base64 holds (UTF-8 with BOM)
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
let last = null;        // {name, file, result} | {name, file, error: () => text, sheets}
const status = (text, kind = '') => { const el = $('batch-status'); el.textContent = text; el.dataset.kind = kind; };

function progressBar(done, total) {
  const bar = $('batch-progress');
  if (done == null) { bar.hidden = true; bar.removeAttribute('value'); return; }
  bar.hidden = false;
  bar.max = Math.max(1, total);
  bar.value = done;
}

/** The sheet picker, when the workbook has more than one sheet. */
function showSheets(sheets, current) {
  const box = $('sheet-box');
  if (!sheets || sheets.length < 2) { box.hidden = true; return; }
  const select = $('sheet-pick');
  select.replaceChildren(...sheets.map((name) => h('option', { value: name, text: name })));
  select.value = current || sheets[0];
  box.hidden = false;
}

function renderResult() {
  const box = $('batch-result');
  if (!last) { box.hidden = true; return; }
  showSheets(last.sheets || last.result?.sheets, last.sheet || last.result?.sheet);
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
  const notes = [];
  if (result.sheets && result.sheets.length > 1) notes.push(t('batch_note_sheet', { sheet: result.sheet }));
  if (result.skipped_rows) notes.push(t('batch_note_skipped', { n: result.skipped_rows }));
  $('sum-note').textContent = notes.join(' ');
  $('preview-box').replaceChildren(...pendingNotes(result), ...preview(result));
  box.hidden = false;
}

/** The file's pending-figures notes (rows dated in a year whose average wage is not published
 * yet were scored with the last known figures), each with the rows it concerns, as Excel numbers them. */
function pendingNotes(result) {
  return (result.notes || []).map((n) => {
    const rows = result.records.filter((r) => (r.notes || []).some((x) => x.insurance_year_from === n.insurance_year_from)).map((r) => r.row);
    return h('p', { class: `batch-note note note-${n.kind}`, 'data-note-kind': n.kind, text: `${pick(n)} ${t('batch_note_rows', { rows: rows.join(lang() === 'zh' ? '、' : ', ') })}` });
  });
}

const MAX_LISTED = 500;   // error messages listed on the page; the file has every one

/** The preview table and, under it, each bad cell's message once (they wrap at any width). */
function preview(result) {
  const rows = result.records;
  const ids = result.id_columns;
  const head = h('tr', {}, h('th', { scope: 'col', text: t('batch_col_row') }), ids.map((n) => h('th', { scope: 'col', text: n })),
    h('th', { scope: 'col', text: t('total_label') }), h('th', { scope: 'col', text: t('batch_col_verdict') }));
  const line = (row) => h('tr', { class: row.errors.length ? 'row-error' : null },
    h('td', { class: 'num', text: String(row.row) }), row.ids.map((cell) => h('td', { text: cell })),
    h('td', { class: 'num', text: row.total == null ? '' : String(row.total) }),
    h('td', { text: row.verdict ? pick(result.verdicts[row.verdict]) : t('batch_row_error') }));
  const shown = rows.slice(0, PREVIEW_ROWS);
  const table = h('table', { class: 'preview', id: 'preview' },
    h('caption', { id: 'preview-caption', text: rows.length > PREVIEW_ROWS ? t('batch_preview_caption', { n: PREVIEW_ROWS, total: rows.length }) : t('batch_preview_caption_all', { n: rows.length }) }),
    h('thead', {}, head), h('tbody', {}, shown.map(line)));
  const out = [h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'preview-caption' }, table)];
  const errors = rows.flatMap((row) => row.errors);
  if (errors.length) {
    const bad = rows.filter((row) => row.errors.length).length;
    out.push(h('section', { class: 'error-list', id: 'error-rows', 'aria-labelledby': 'errors-caption' },
      h('h3', { id: 'errors-caption', text: t('batch_errors_caption', { n: errors.length, rows: bad }) }),
      h('ol', {}, errors.slice(0, MAX_LISTED).map((e) => h('li', { text: pick(e) }))),
      errors.length > MAX_LISTED ? h('p', { class: 'muted small', text: t('batch_errors_more', { n: errors.length - MAX_LISTED }) }) : []));
  }
  return out;
}

let shownState = null;  // 'busy' | 'done' | 'error'; #batch-result[data-state] repeats it for the tests
function setShown(state) {
  shownState = state;
  $('batch-result').dataset.state = state;
}

async function scoreFile(file, sheet = null) {
  const mine = ++job;
  const box = $('batch-result');
  setShown('busy');
  box.hidden = true;
  if (file.size > MAX_BYTES) {
    last = { name: file.name, file, error: () => t('batch_too_big') };
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
    last = { name: file.name, file, error: () => message };
    renderResult();
    setShown('error');
    return;
  }
  if (mine !== job) return;
  status(t('batch_scoring', { name: file.name, kb: Math.max(1, Math.round(file.size / 1024)) }), 'busy');
  progressBar(0, 1);
  const onProgress = (p) => {
    if (mine !== job) return;
    if (p.stage === 'reader') { status(t('batch_reader'), 'busy'); progressBar(0, 1); return; }
    status(t('batch_progress', { name: file.name, done: p.done, total: p.total }), 'busy');
    progressBar(p.done, p.total);
  };
  let answer;
  try {
    // transferred, not copied; the files to save are asked for on a click (export)
    answer = await engine.request('batch', { formats: [], ...(sheet ? { sheet } : {}) }, bytes, onProgress);
  } catch (err) {
    answer = { ok: false, errors: err.errors?.length ? err.errors : [{ zh: err.message, en: err.message }] };
  }
  if (mine !== job) return;
  progressBar(null);
  if (answer.ok && answer.result.rows === 0) {
    last = { name: file.name, file, error: () => t('batch_empty'), sheets: answer.result.sheets, sheet: answer.result.sheet };
  } else if (answer.ok) {
    last = { name: file.name, file, result: answer.result };
  } else {
    const sheets = answer.errors.find((e) => e.sheets)?.sheets;
    last = { name: file.name, file, error: () => errorText(answer.errors), sheets, sheet };
  }
  renderResult();
  setShown(last.error ? 'error' : 'done');
}

$('csv-file').addEventListener('change', (e) => {
  const file = e.target.files && e.target.files[0];
  if (file) scoreFile(file);
});

$('sheet-pick').addEventListener('change', (e) => {
  if (last && last.file) scoreFile(last.file, e.target.value);
});

const MIME = { csv: CSV, xlsx: XLSX };

/** The scored file to save, made by the engine in the page's language when asked. */
async function exportAs(format, button) {
  if (!last || !last.result) return;
  button.disabled = true;
  try {
    const { records, id_columns } = last.result;
    const answer = await call('export', { result: { records, id_columns }, format, lang: lang() });
    if (!answer.ok) throw new Error(errorText(answer.errors));
    const base = last.name.replace(/\.(csv|txt|xlsx)$/i, '') || 'employees';
    downloadBase64(answer.result[`${format}_base64`], `${base}${t(format === 'xlsx' ? 'batch_result_suffix_xlsx' : 'batch_result_suffix')}`, MIME[format]);
  } catch (err) {
    status(t('batch_export_failed', { m: err.message }), 'error');
  } finally {
    button.disabled = false;
  }
}
$('download-xlsx').addEventListener('click', (e) => exportAs('xlsx', e.currentTarget));
$('download').addEventListener('click', (e) => exportAs('csv', e.currentTarget));

/** A template in the page's language: the workbook with its drop-downs, or the CSV. */
async function template(format, button) {
  button.disabled = true;
  try {
    const answer = await call('template', { format, lang: lang() });
    if (!answer.ok) throw new Error(errorText(answer.errors));
    downloadBase64(answer.result[`${format}_base64`], t(format === 'xlsx' ? 'batch_template_name_xlsx' : 'batch_template_name'), MIME[format]);
  } catch (err) {
    status(t('batch_template_failed', { m: err.message }), 'error');
  } finally {
    button.disabled = false;
  }
}
$('template-xlsx').addEventListener('click', (e) => template('xlsx', e.currentTarget));
$('template').addEventListener('click', (e) => template('csv', e.currentTarget));

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
