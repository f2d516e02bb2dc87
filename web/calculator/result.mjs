// The result panel: total against the standard, verdict, gauge, eligibility, breakdown,
// subtotals, notices, the engine's loading progress and the refusal messages.

import { t, pick, num, lang } from '../shared/i18n.mjs';
import { h } from '../shared/dom.mjs';
import { emit } from '../shared/events.mjs';


const signed = (n) => (n > 0 ? `+${num(n)}` : n < 0 ? `−${num(-n)}` : '0');

/**
 * Fills the static result elements of index.html (ids there). `spec` is the form spec,
 * `form` the form API (for labels and focusing a field from an error link).
 */
export function createResultView(spec, form) {
  const $ = (id) => document.getElementById(id);
  const total = $('total');
  const standard = spec.standard;   // the edition in force today (formspec.json); a result carries its own
  let state = { kind: 'waiting' };   // waiting | result | invalid | error
  let engine = { state: 'loading', stage: 'start' };
  let liveTimer = 0;

  const groupLabel = (id) => (spec.groups || []).find((g) => g.id === id)?.label || { zh: id, en: id };

  function announce(text) {
    clearTimeout(liveTimer);
    // Only the settled state is read out, not every keystroke.
    liveTimer = setTimeout(() => { $('live').textContent = text; }, 1500);
  }

  function setGauge(value, kind) {
    const scale = Math.max(standard * 1.25, value || 0);
    const gauge = $('gauge');
    gauge.style.setProperty('--fill', String(Math.max(0, Math.min(1, (value || 0) / scale))));
    gauge.style.setProperty('--mark', String(standard / scale));
    gauge.dataset.kind = kind;
    gauge.setAttribute('aria-label', t('gauge_label', { total: value ?? t('total_none'), standard }));
    $('gauge-mark-label').textContent = String(standard);
  }

  function setMini(totalText, verdictText, kind) {
    $('mini-total').textContent = totalText;
    $('mini-verdict').textContent = verdictText;
    $('mini').dataset.kind = kind;
  }

  /** A newer input is being computed. */
  function pending() {
    total.dataset.state = 'pending';   // test signal; the app listens to the 'score-state' event
    $('result').setAttribute('aria-busy', 'true');
    emit('score-state', { state: 'pending' });
  }

  function renderEngine() {
    const box = $('engine-status');
    const bar = $('engine-progress');
    const text = $('engine-text');
    const fail = $('engine-failed');
    if (engine.state === 'ready') {
      box.hidden = true;
      fail.hidden = true;
      return;
    }
    if (engine.state === 'failed') {
      box.hidden = true;
      fail.hidden = false;
      const key = { 'no-worker': 'failed_no_worker', 'no-wasm': 'failed_no_wasm', memory: 'failed_memory', network: 'failed_network', corrupt: 'failed_corrupt' }[engine.code] || 'failed_other';
      $('engine-failed-text').textContent = t(key);
      $('engine-failed-detail').textContent = engine.message ? t('failed_detail', { message: engine.message }) : '';
      return;
    }
    box.hidden = false;
    const stages = ['runtime', 'packages', 'engine'];
    const i = stages.indexOf(engine.stage);
    bar.max = 3;
    bar.value = Math.max(0, i) + 0.5;
    text.textContent = i >= 0 ? t(`stage_${engine.stage}`) : t('stage_runtime');
  }

  function setEngineStatus(s) {
    engine = s;
    renderEngine();
    if (s.state === 'failed') {
      state = { kind: 'error', message: s.message };
      render();
    } else if (state.kind === 'waiting') {
      render();   // the bottom bar shows the loading step
    }
  }

  function clear(el) { el.replaceChildren(); return el; }

  function renderWaiting() {
    total.textContent = t('total_none');
    $('verdict').textContent = engine.state === 'failed' ? t('failed_heading') : t('verdict_waiting');
    $('verdict').dataset.kind = 'waiting';
    setGauge(0, 'waiting');
    const stage = Math.max(0, ['runtime', 'packages', 'engine'].indexOf(engine.stage)) + 1;
    setMini(t('total_none'), engine.state === 'failed' ? t('failed_heading')
      : engine.state === 'loading' ? t('mini_loading', { step: stage }) : t('verdict_waiting'), 'waiting');
    for (const id of ['errors-box', 'disq', 'eligibility', 'details']) $(id).hidden = true;
  }

  /** What the bar and the verdict say about refused input: an invitation while only the
   * untouched required field is missing, else the first field to fix. */
  function invalidText(errors) {
    const s = form.summary(errors);
    if (s.start) return { text: t('start_hint'), kind: 'start' };
    if (s.label) return { text: t('fix_first', { field: pick(s.label) }), kind: 'invalid' };
    return { text: t('verdict_invalid', { n: errors.length }), kind: 'invalid' };
  }

  function renderInvalid(errors) {
    total.textContent = t('total_none');
    const said = invalidText(errors);
    $('verdict').textContent = said.text;
    $('verdict').dataset.kind = said.kind;
    setGauge(0, said.kind === 'start' ? 'waiting' : 'invalid');
    setMini(t('total_none'), said.text, said.kind);
    $('errors-box').dataset.kind = said.kind;
    $('errors-heading').textContent = t(said.kind === 'start' ? 'errors_heading_start' : 'errors_heading');
    const list = clear($('errors-list'));
    for (const e of errors) {
      const label = e.field ? form.labelOf(e.field) : null;
      const li = h('li');
      const msg = pick({ zh: e.zh, en: e.en });
      if (label && form.fieldBlock(e.field) !== undefined) {
        const link = h('a', { href: `#f-${e.field}`, class: 'link' }, pick(label));
        link.addEventListener('click', (event) => { if (form.focusField(e.field)) event.preventDefault(); });
        li.append(link, lang() === 'zh' ? '：' : ': ', msg);
      } else {
        li.append(e.field ? `${e.field}: ${msg}` : msg);
      }
      list.append(li);
    }
    $('errors-box').hidden = false;
    for (const id of ['disq', 'eligibility', 'details']) $(id).hidden = true;
  }

  function renderItem(item) {
    const counted = item.counted !== false;
    const pts = item.points ?? 0;
    const li = h('li', { class: `item ${counted ? 'counted' : 'uncounted'} ${pts < 0 ? 'negative' : ''}`, 'data-item': item.id });
    const pointsEl = counted ? h('span', { class: 'item-points', text: signed(pts) }) : h('s', { class: 'item-points', text: signed(pts) });
    li.append(h('div', { class: 'item-head' }, h('span', { class: 'item-label', text: pick(item.label) }), pointsEl));
    const meta = h('p', { class: 'item-meta' });
    if (item.article) meta.append(h('span', { class: 'article', text: item.article }));
    meta.append(h('span', { class: `badge ${counted ? 'badge-counted' : 'badge-uncounted'}`, text: counted ? t('counted') : t('not_counted') }));
    li.append(meta);
    if (item.reason) li.append(h('p', { class: 'reason', text: pick(item.reason) }));
    if (item.conditions && item.conditions.length) {
      li.append(h('p', { class: 'conditions-label', text: t('conditions') }));
      li.append(h('ul', { class: 'conditions' }, item.conditions.map((c) => h('li', { text: pick(c) }))));
    }
    return li;
  }

  function renderEligibility(el) {
    const box = $('eligibility');
    if (!el) { box.hidden = true; return; }
    box.hidden = false;
    box.dataset.status = el.status;
    $('eligibility-status').textContent = t({ eligible: 'elig_eligible', not_eligible: 'elig_not_eligible' }[el.status] || 'elig_unknown');
    // The list is folded unless something fails; a new status re-decides.
    if (box.dataset.shown !== el.status) {
      $('eligibility-more').open = el.status === 'not_eligible';
      box.dataset.shown = el.status;
    }
    const list = clear($('eligibility-checks'));
    for (const c of el.checks || []) {
      const kind = c.ok === true ? 'ok' : c.ok === false ? 'fail' : 'unknown';
      const mark = { ok: '✓', fail: '✗', unknown: '?' }[kind];
      const word = { ok: t('elig_ok'), fail: t('elig_fail'), unknown: t('elig_unknown_item') }[kind];
      const li = h('li', { class: `check-${kind}` },
        h('span', { class: 'mark', 'aria-hidden': 'true', text: mark }),
        h('span', { class: 'check-body' },
          h('span', { class: 'check-label', text: pick(c.label) }),
          ' ', h('span', { class: 'check-word', text: `（${word}）` }),
          c.reason ? h('span', { class: 'check-reason', text: pick(c.reason) }) : null,
          c.article ? h('span', { class: 'article', text: c.article }) : null));
      list.append(li);
    }
  }

  function renderResult(r, profile) {
    const value = r.total ?? 0;
    total.textContent = num(value);
    let kind, verdict;
    if (r.disqualified) {
      kind = 'disqualified'; verdict = t('verdict_disqualified');
    } else if (r.meets_standard) {
      kind = 'meets';
      verdict = value > r.standard ? `${t('verdict_meets')} · ${t('verdict_over', { n: num(value - r.standard) })}` : t('verdict_meets');
    } else {
      kind = 'below';
      verdict = `${t('verdict_below')} · ${t('verdict_gap', { n: num(r.gap) })}`;
    }
    $('verdict').textContent = verdict;
    $('verdict').dataset.kind = kind;
    setGauge(value, kind);
    setMini(num(value), r.disqualified ? t('verdict_disqualified') : r.meets_standard ? t('verdict_meets') : t('verdict_gap', { n: num(r.gap) }), kind);
    $('errors-box').hidden = true;

    // veto
    const disq = $('disq');
    if (r.disqualified) {
      const veto = (r.items || []).filter((i) => i.group === 'veto' && (i.counted !== false) && i.reason);
      clear($('disq-reasons')).append(...veto.map((i) => h('li', {}, h('strong', { text: pick(i.label) }), ' ', pick(i.reason), i.article ? h('span', { class: 'article', text: ` ${i.article}` }) : null)));
      disq.hidden = false;
    } else disq.hidden = true;

    renderEligibility(r.eligibility);

    // subtotals
    const dl = clear($('subtotals'));
    for (const [key, v] of Object.entries(r.subtotals || {})) {
      dl.append(h('div', { class: `subtotal subtotal-${key}` }, h('dt', { text: pick(groupLabel(key)) }), h('dd', { text: signed(key === 'deduction' && v > 0 ? -v : v) })));
    }

    // breakdown: items that matter first, the zero ones folded away
    const main = clear($('items'));
    const rest = clear($('items-zero'));
    let zero = 0;
    // An item is worth showing when it gives points, when it is the veto that applies, or when
    // the user entered something for it (each field names the items it feeds: formspec.json).
    const entered = new Set(Object.keys(profile || {}).flatMap((name) => form.field(name)?.items || []));
    const related = (item) => entered.has(item.id);
    for (const item of r.items || []) {
      const li = renderItem(item);
      const shown = (item.points ?? 0) !== 0 || (item.group === 'veto' && item.counted !== false) || related(item);
      if (shown) main.append(li);
      else { rest.append(li); zero += 1; }
    }
    $('items-zero-box').hidden = zero === 0;
    $('items-zero-summary').textContent = t('zero_items', { n: zero });

    // notices, then the notes on the figures used (pending_figures: the year's average wage
    // is not published yet, so last year's figures were used and the tier may change)
    const notices = clear($('notices'));
    for (const n of r.notices || []) notices.append(h('li', { text: pick(n) }));
    for (const n of r.notes || []) notices.append(h('li', { class: `note note-${n.kind}`, 'data-note-kind': n.kind, text: pick(n) }));
    $('notices-box').hidden = !((r.notices && r.notices.length) || (r.notes && r.notes.length));

    $('edition').textContent = t('edition', { name: pick(r.edition_name) || r.edition || '', date: r.as_of ?? '', age: r.age ?? '' });
    $('details').hidden = false;
  }

  function render() {
    $('result').removeAttribute('aria-busy');
    $('of-standard').textContent = t('of_standard', { n: state.result?.standard ?? standard });
    if (state.kind === 'result') {
      renderResult(state.result, state.profile);
      total.dataset.state = 'ready';
      emit('score-state', { state: 'ready' });
      announce(t('live_summary', { total: num(state.result.total ?? 0), verdict: $('verdict').textContent }));
    } else if (state.kind === 'invalid') {
      renderInvalid(state.errors);
      total.dataset.state = 'invalid';
      emit('score-state', { state: 'invalid' });
      announce(invalidText(state.errors).text);
    } else if (state.kind === 'error') {
      renderWaiting();
      total.dataset.state = 'error';
      emit('score-state', { state: 'error' });
      if (state.message) $('verdict').textContent = engine.state === 'failed' ? t('failed_heading') : t('request_failed', { message: state.message });
    } else {
      renderWaiting();
    }
  }

  return {
    setEngineStatus,
    pending,
    /** The newest input's result. */
    showResult(result, profile) { state = { kind: 'result', result, profile }; render(); },
    /** The newest input was refused: engine field errors. */
    showInvalid(errors) { state = { kind: 'invalid', errors }; render(); },
    showError(message) { state = { kind: 'error', message }; render(); },
    rerender() { renderEngine(); render(); },
    /** The form now shows other messages (the user left a field): the bar follows. */
    refresh() { if (state.kind === 'invalid') render(); },
  };
}
