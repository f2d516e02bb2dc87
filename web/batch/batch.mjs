// The batch page for HR (web/batch.html): a CSV of employees scored in this browser.
//
// The file is read as bytes and sent base64-encoded to the worker (op `batch`, field
// `csv_base64`), so Python decodes it exactly as the command line does (UTF-8 with or
// without BOM, else GBK/GB18030). The answer's `csv_base64` (UTF-8 with BOM) is offered as
// a download; nothing leaves the browser. Same worker and engine client as the main page.
//
// Readiness signals (tests): <html data-engine="loading|ready|failed">;
// #batch-result[data-state] = "busy" | "done" | "error" for the newest file.

import { setLang, lang, pick, fill } from '../shared/i18n.mjs';
import { startEngine } from '../engine/engine-client.mjs';
import { downloadBase64, fileToBase64, parseCsv } from './csv-download.mjs';
import { h } from '../shared/dom.mjs';

const $ = (id) => document.getElementById(id);
const root = document.documentElement;
const PREVIEW_ROWS = 50;
const MAX_BYTES = 20 * 1024 * 1024;

const T = {
  title: { zh: '批量计算居住证积分（HR）', en: 'Score a whole team — Shanghai residence-permit points' },
  stage_start: { zh: '正在准备计算引擎…', en: 'Preparing the calculator…' },
  stage_runtime: { zh: '正在准备计算引擎：第 1/3 步，加载 Python 运行环境（首次约需几十秒）', en: 'Preparing the calculator: step 1 of 3, loading the Python runtime (the first time takes a few tens of seconds)' },
  stage_packages: { zh: '正在准备计算引擎：第 2/3 步，加载程序包', en: 'Preparing the calculator: step 2 of 3, loading packages' },
  stage_engine: { zh: '正在准备计算引擎：第 3/3 步，启动积分计算程序', en: 'Preparing the calculator: step 3 of 3, starting the points engine' },
  ready: { zh: '计算引擎已就绪。', en: 'The calculator is ready.' },
  failed: { zh: '计算引擎无法启动（{m}）。请刷新本页，或换用最新版 Chrome、Edge、Safari、Firefox。', en: 'The calculator did not start ({m}). Reload the page, or use a current Chrome, Edge, Safari or Firefox.' },
  reading: { zh: '正在读取“{name}”…', en: 'Reading “{name}”…' },
  scoring: { zh: '正在本机计算“{name}”（{kb} KB），请稍候…', en: 'Scoring “{name}” ({kb} KB) on this computer…' },
  done: { zh: '“{name}”已算完：{rows} 行，{ok} 行已计算，{err} 行有错误。', en: '“{name}” done: {rows} rows, {ok} scored, {err} with errors.' },
  refused: { zh: '无法读取这个文件：{m}', en: 'This file cannot be read: {m}' },
  too_big: { zh: '文件太大（超过 20 MB）。请分成几个文件。', en: 'The file is too large (over 20 MB). Split it into several files.' },
  empty: { zh: '文件里没有员工数据行。', en: 'The file has no employee rows.' },
  preview_caption: { zh: '预览：前 {n} 行（共 {total} 行，全部结果请下载 CSV）', en: 'Preview: the first {n} rows (of {total}; download the CSV for all of them)' },
  preview_caption_all: { zh: '全部 {n} 行', en: 'All {n} rows' },
  errors_caption: { zh: '有错误的行（{n} 行）', en: 'Rows with errors ({n})' },
  errors_more: { zh: '另有 {n} 行有错误，见下载的 CSV。', en: '{n} more rows with errors: see the downloaded CSV.' },
  col_row: { zh: '行', en: 'Row' },
  col_total: { zh: '总分', en: 'Total' },
  col_verdict: { zh: '结论', en: 'Verdict' },
  col_errors: { zh: '错误', en: 'Errors' },
  template_failed: { zh: '模板生成失败：{m}', en: 'The template could not be made: {m}' },
  template_name: { zh: '居住证积分-批量模板.csv', en: 'shpoints-batch-template.csv' },
  result_suffix: { zh: '-积分结果.csv', en: '-points.csv' },
  lang_switch: { zh: 'English', en: '中文' },
  lang_label: { zh: 'Switch to English', en: '切换到中文' },
};
const VERDICT_EN = { 达标: 'meets the standard', 未达标: 'below the standard', 取消资格: 'disqualified' };

const tr = (key, vars = {}) => fill(T[key][lang()] ?? T[key].zh, vars);


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
  if (s.state === 'ready') { line.textContent = tr('ready'); line.dataset.kind = 'ok'; }
  else if (s.state === 'failed') { line.textContent = tr('failed', { m: s.message || s.code }); line.dataset.kind = 'error'; }
  else { line.textContent = tr(`stage_${['runtime', 'packages', 'engine'].includes(s.stage) ? s.stage : 'start'}`); line.dataset.kind = 'busy'; }
}

const errorText = (errors) => (errors || []).map((e) => pick(e)).join(lang() === 'zh' ? '；' : '; ');
async function call(op, payload) {
  const answer = await engine.request(op, payload);
  return answer;
}

// ------------------------------------------------------------------ state + rendering
let job = 0;            // newest file's number: an older file's answer is dropped
let last = null;        // {name, result} | {name, error: () => text in the current language}
const status = (text, kind = '') => { const el = $('batch-status'); el.textContent = text; el.dataset.kind = kind; };

function renderResult() {
  const box = $('batch-result');
  if (!last) { box.hidden = true; return; }
  if (last.error) {
    box.hidden = true;
    status(tr('refused', { m: last.error() }), 'error');
    return;
  }
  const { result, name } = last;
  status(tr('done', { name, rows: result.rows, ok: result.ok_count, err: result.error_count }), 'ok');
  $('sum-rows').textContent = String(result.rows);
  $('sum-ok').textContent = String(result.ok_count);
  $('sum-errors').textContent = String(result.error_count);
  $('sum-errors-box').classList.toggle('has-errors', result.error_count > 0);
  $('preview-box').replaceChildren(...preview(result.csv_text));
  box.hidden = false;
}

function preview(csvText) {
  const [header = [], ...rows] = parseCsv(csvText);
  const at = (name) => header.indexOf(name);
  const ids = header.slice(0, at('total'));
  const iTotal = at('total');
  const iVerdict = at('verdict');
  const iErrors = at('errors');
  const verdict = (v) => (lang() === 'en' ? VERDICT_EN[v] || v : v);
  const head = h('tr', {}, h('th', { scope: 'col', text: tr('col_row') }), ids.map((n) => h('th', { scope: 'col', text: n })),
    h('th', { scope: 'col', text: tr('col_total') }), h('th', { scope: 'col', text: tr('col_verdict') }), h('th', { scope: 'col', text: tr('col_errors') }));
  const line = (row, i) => {
    const err = row[iErrors] || '';
    return h('tr', { class: err ? 'row-error' : null },
      h('td', { class: 'num', text: String(i + 1) }), ids.map((_, k) => h('td', { text: row[k] ?? '' })),
      h('td', { class: 'num', text: row[iTotal] ?? '' }), h('td', { text: verdict(row[iVerdict] ?? '') }),
      h('td', { class: 'err', text: err }));
  };
  const shown = rows.slice(0, PREVIEW_ROWS);
  const out = [];
  const table = h('table', { class: 'preview', id: 'preview' },
    h('caption', { text: rows.length > PREVIEW_ROWS ? tr('preview_caption', { n: PREVIEW_ROWS, total: rows.length }) : tr('preview_caption_all', { n: rows.length }) }),
    h('thead', {}, head.cloneNode(true)), h('tbody', {}, shown.map(line)));
  out.push(h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'preview-caption' }, table));
  table.querySelector('caption').id = 'preview-caption';
  // Every row with errors (beyond the preview too), so they can be fixed without Excel.
  const bad = rows.map((row, i) => [row, i]).filter(([row]) => row[iErrors]);
  if (bad.length) {
    const list = bad.slice(0, 200);
    const errTable = h('table', { class: 'preview', id: 'error-rows' },
      h('caption', { id: 'errors-caption', text: tr('errors_caption', { n: bad.length }) }),
      h('thead', {}, head.cloneNode(true)), h('tbody', {}, list.map(([row, i]) => line(row, i))));
    out.push(h('h3', { class: 'sr-only', text: tr('errors_caption', { n: bad.length }) }));
    out.push(h('div', { class: 'table-scroll errors-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'errors-caption' }, errTable));
    if (bad.length > list.length) out.push(h('p', { class: 'muted small', text: tr('errors_more', { n: bad.length - list.length }) }));
  }
  return out;
}

async function scoreFile(file) {
  const mine = ++job;
  const box = $('batch-result');
  box.dataset.state = 'busy';
  box.hidden = true;
  if (file.size > MAX_BYTES) {
    last = { name: file.name, error: () => tr('too_big') };
    renderResult();
    box.dataset.state = 'error';
    return;
  }
  status(tr('reading', { name: file.name }), 'busy');
  let b64;
  try {
    b64 = await fileToBase64(file);
  } catch (err) {
    if (mine !== job) return;
    const message = String(err && err.message || err);
    last = { name: file.name, error: () => message };
    renderResult();
    box.dataset.state = 'error';
    return;
  }
  if (mine !== job) return;
  status(tr('scoring', { name: file.name, kb: Math.max(1, Math.round(file.size / 1024)) }), 'busy');
  let answer;
  try {
    answer = await call('batch', { csv_base64: b64 });
  } catch (err) {
    answer = { ok: false, errors: err.errors?.length ? err.errors : [{ zh: err.message, en: err.message }] };
  }
  if (mine !== job) return;
  if (answer.ok && answer.result.rows === 0) {
    last = { name: file.name, error: () => tr('empty') };
  } else {
    last = answer.ok ? { name: file.name, result: answer.result } : { name: file.name, error: () => errorText(answer.errors) };
  }
  renderResult();
  box.dataset.state = last.error ? 'error' : 'done';
}

$('csv-file').addEventListener('change', (e) => {
  const file = e.target.files && e.target.files[0];
  if (file) scoreFile(file);
});

$('download').addEventListener('click', () => {
  if (!last || !last.result) return;
  const base = last.name.replace(/\.(csv|txt)$/i, '') || 'employees';
  downloadBase64(last.result.csv_base64, `${base}${tr('result_suffix')}`);
});

$('template').addEventListener('click', async () => {
  const button = $('template');
  button.disabled = true;
  try {
    const answer = await call('template', {});
    if (!answer.ok) throw new Error(errorText(answer.errors));
    downloadBase64(answer.result.csv_base64, tr('template_name'));
  } catch (err) {
    status(tr('template_failed', { m: err.message }), 'error');
  } finally {
    button.disabled = false;
  }
});

// ------------------------------------------------------------------ language
function applyLangChrome() {
  document.title = tr('title');
  const b = $('lang-switch');
  b.textContent = tr('lang_switch');
  b.setAttribute('aria-label', tr('lang_label'));
  b.lang = lang() === 'zh' ? 'en' : 'zh-CN';
  showEngine();
  if (last) {
    const state = $('batch-result').dataset.state;
    if (state === 'done' || state === 'error') renderResult();
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
