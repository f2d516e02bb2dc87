// The insurance-base helper: monthly contribution base (缴费基数) -> tier, via op `tier`.
// Shows the multiple, the average wage used with its period and source, and fills the
// helped field (`insurance_base`) with the suggested tier on request.

import { t, pick, num, bindText } from '../shared/i18n.mjs';
import { latestChannel } from '../engine/engine-client.mjs';
import { h } from '../shared/dom.mjs';


function periodText(p) {
  if (p == null) return '';
  if (typeof p === 'string') return p;
  if (p.zh || p.en) return pick(p);
  const from = p.from ?? p.start ?? '';
  const to = p.to ?? p.end ?? null;
  return to ? t('period_range', { from, to }) : t('period_open', { from });
}

function chromeField(key, name, { inputmode, type = 'text', unit } = {}) {
  const id = `tier-${name}`;
  const input = h('input', { id, name: `tier_${name}`, type, autocomplete: 'off', inputmode, 'aria-describedby': `${id}-help` });
  const wrap = h('div', { class: 'input-wrap' }, input);
  if (unit) wrap.append(h('span', { class: 'unit', 'aria-hidden': 'true', 'data-i18n': unit, text: t(unit) }));
  const block = h('div', { class: 'field', 'data-tier-field': name },
    h('label', { for: id, class: 'label', 'data-i18n': key, text: t(key) }),
    wrap,
    h('p', { class: 'help', id: `${id}-help`, 'data-i18n': `${key}_help`, text: t(`${key}_help`) }),
    h('p', { class: 'field-error', id: `${id}-err`, hidden: true }));
  return { block, input };
}

/**
 * Fill the helper's <details> (drawn by app.mjs after the field it helps with, named by its
 * data-field; this module loads when it is first opened).
 */
export function mountTierHelper(engine, form, details) {
  const FIELD = details.dataset.field;
  const f = form.field(FIELD);
  if (!f) return null;
  const base = chromeField('tier_base', 'monthly_base', { inputmode: 'decimal', unit: 'tier_unit' });
  const on = chromeField('tier_on', 'on', { type: 'date' });
  const avg = chromeField('tier_average', 'average', { inputmode: 'decimal', unit: 'tier_unit' });
  const out = h('div', { class: 'tier-out', id: 'tier-out', 'aria-live': 'polite' });
  details.append(h('div', { class: 'tier-body' },
    h('p', { class: 'help', 'data-i18n': 'tier_intro', text: t('tier_intro') }),
    base.block, on.block, avg.block, out));

  const inputs = { monthly_base: base.input, on: on.input, average: avg.input };
  let last = null;   // {kind:'result'|'errors'|'idle', ...}

  function showFieldErrors(errors) {
    for (const [name, input] of Object.entries(inputs)) {
      const err = document.getElementById(`${input.id}-err`);
      const e = errors.find((x) => x.field === name);
      if (e) {
        bindText(err, { zh: e.zh, en: e.en });
        err.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', `${err.id} ${input.id}-help`);
      } else {
        err.hidden = true; err.textContent = ''; delete err.dataset.zh; delete err.dataset.en;
        input.removeAttribute('aria-invalid');
        input.setAttribute('aria-describedby', `${input.id}-help`);
      }
    }
  }

  function render() {
    out.replaceChildren();
    if (!last || last.kind === 'idle') {
      showFieldErrors([]);
      out.append(h('p', { class: 'muted', text: t('tier_prompt') }));
      return;
    }
    if (last.kind === 'errors') {
      showFieldErrors(last.errors);
      const general = last.errors.filter((e) => !(e.field in inputs));
      for (const e of general) out.append(h('p', { class: 'error-text', text: pick(e) }));
      return;
    }
    showFieldErrors([]);
    const r = last.result;
    const option = (f.options || []).find((o) => o.value === r.tier);
    const tierText = option ? pick(option.label) + (option.points != null ? ` · ${t('points', { n: option.points })}` : '') : String(r.tier ?? '');
    const source = r.source == null ? t('tier_custom') : pick(r.source);
    const dl = h('dl', { class: 'tier-facts' },
      h('div', {}, h('dt', { text: t('tier_multiple') }), h('dd', { text: r.multiple != null ? `${num(r.multiple, { maximumFractionDigits: 2 })}×` : '' })),
      h('div', {}, h('dt', { text: t('tier_average_used') }), h('dd', { text: r.average != null ? `${num(r.average)} ${t('tier_unit')}` : '' })),
      r.period ? h('div', {}, h('dt', { text: t('tier_period') }), h('dd', { text: periodText(r.period) })) : null,
      h('div', {}, h('dt', { text: t('tier_source') }), h('dd', { text: source })),
      h('div', { class: 'tier-suggested' }, h('dt', { text: t('tier_suggested') }), h('dd', { text: tierText })));
    out.append(dl);
    if (r.condition) out.append(h('p', { class: 'help', text: pick(r.condition) }));
    // notes: the base capped or below the floor, and pending_figures (the year's figures are not
    // published yet: last year's were used and the tier may change)
    for (const n of r.notes || r.notices || []) out.append(h('p', { class: `tier-note${n.kind ? ` note-${n.kind}` : ''}`, 'data-note-kind': n.kind || null, text: pick(n) }));
    const btn = h('button', { type: 'button', class: 'button', id: 'tier-apply', text: t('tier_apply', { field: pick(f.label) }) });
    btn.addEventListener('click', () => {
      const sel = form.control(FIELD);
      sel.value = r.tier;
      sel.dispatchEvent(new Event('input', { bubbles: true }));
      sel.dispatchEvent(new Event('change', { bubbles: true }));
      btn.textContent = t('tier_applied');
      sel.focus();
    });
    out.append(btn);
  }

  const channel = latestChannel(engine, 'tier',
    (payload, answer) => {
      last = answer.ok ? { kind: 'result', result: answer.result } : { kind: 'errors', errors: answer.errors || [] };
      render();
    },
    (err) => { last = { kind: 'errors', errors: [{ field: null, zh: err.message, en: err.message }] }; render(); });

  function update() {
    const payload = {};
    const b = base.input.value.trim();
    if (!b) { channel.cancel(); last = { kind: 'idle' }; render(); return; }
    payload.monthly_base = b;
    const d = on.input.value.trim() || form.getProfile().as_of;
    if (d) payload.on = d;
    const a = avg.input.value.trim();
    if (a) payload.average = a;
    channel.submit(payload);
  }
  details.addEventListener('input', update);
  render();
  return { element: details, update, rerender: render };
}
