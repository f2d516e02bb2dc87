// The timeline's inputs (web/timeline/): drawn from the build's export (formspec.json,
// `timeline`: fields, groups, labels, help, limits, options), never written here. Dates are
// text fields (YYYY-MM-DD) so that whatever is typed stays, and a bad date gets the
// engine's message at the field in the page language. Values are kept on the device like the
// other inputs (localStorage "shpoints:timeline:v1", removed by "clear saved data").

import { t, bindText } from '../shared/i18n.mjs';
import { store } from '../shared/storage.mjs';
import { h } from '../shared/dom.mjs';

const KEY = 'shpoints:timeline:v1';

function load() {
  const s = store();
  if (!s) return {};
  try {
    const data = JSON.parse(s.getItem(KEY) || 'null');
    return data && data.v === 1 && data.values && typeof data.values === 'object' ? data.values : {};
  } catch { return {}; }
}

function save(values) {
  const s = store();
  if (!s) return;
  try {
    if (Object.keys(values).length) s.setItem(KEY, JSON.stringify({ v: 1, values }));
    else s.removeItem(KEY);
  } catch { /* full or blocked: keep working without it */ }
}

/** Draw the fields into `root`; `onChange()` after every edit. Returns {values(), showErrors(errors)}. */
export function renderTimelineForm(spec, root, onChange) {
  const inputs = new Map();
  const messages = new Map();
  const saved = load();
  const groups = spec.groups || [];
  for (const g of groups) {
    const fs = h('fieldset', { class: `tl-group tl-group-${g.id}` });
    fs.append(bindText(h('legend', { class: 'label' }), g.label), bindText(h('p', { class: 'muted small' }), g.help));
    for (const f of spec.fields.filter((x) => x.group === g.id)) fs.append(field(f));
    root.append(fs);
  }

  function field(f) {
    const id = `tl-${f.name}`;
    const block = h('div', { class: 'tl-field', 'data-field': f.name });
    const label = bindText(h('label', { for: id, class: 'label' }), f.label);
    let input;
    if (f.type === 'enum' || f.type === 'boolean') {
      input = h('select', { id, name: f.name });
      input.append(h('option', { value: '', 'data-i18n': 'not_answered', text: t('not_answered') }));
      const options = f.type === 'boolean'
        ? [{ value: 'true', label: { zh: t('tl_yes', {}, 'zh'), en: t('tl_yes', {}, 'en') } },
          { value: 'false', label: { zh: t('tl_no', {}, 'zh'), en: t('tl_no', {}, 'en') } }]
        : f.options;
      for (const o of options) input.append(bindText(h('option', { value: o.value }), o.label));
    } else {
      input = h('input', {
        id, name: f.name, type: 'text', autocomplete: 'off', spellcheck: 'false',
        inputmode: f.type === 'integer' ? 'numeric' : null,
        placeholder: f.type === 'date' ? t('tl_date_placeholder') : null,
      });
    }
    const help = bindText(h('p', { class: 'help', id: `${id}-help` }), f.help);
    const err = h('p', { class: 'field-error tl-error', id: `${id}-error`, role: 'alert', hidden: true });
    input.setAttribute('aria-describedby', `${id}-help ${id}-error`);
    if (saved[f.name] != null) input.value = String(saved[f.name]);
    input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', () => { save(raw()); onChange(); });
    inputs.set(f.name, { input, f });
    messages.set(f.name, err);
    const wrap = h('div', { class: 'input-wrap' }, input);
    if (f.unit) wrap.append(bindText(h('span', { class: 'unit', 'aria-hidden': 'true' }), f.unit));
    block.append(label, wrap, help, err);
    return block;
  }

  /** What was typed, as typed (saved even when not valid: nothing is lost). */
  function raw() {
    const out = {};
    for (const [name, { input }] of inputs) if (input.value.trim() !== '') out[name] = input.value.trim();
    return out;
  }

  /** The request's `timeline`: booleans as true/false, the rest as typed (the engine validates). */
  function values() {
    const out = raw();
    for (const [name, { f }] of inputs) if (f.type === 'boolean' && name in out) out[name] = out[name] === 'true';
    return out;
  }

  function showErrors(errors) {
    const by = new Map(errors.filter((e) => e.field).map((e) => [e.field, e]));
    for (const [name, el] of messages) {
      const e = by.get(name);
      const { input } = inputs.get(name);
      if (e) { bindText(el, { zh: e.zh, en: e.en }); el.hidden = false; input.setAttribute('aria-invalid', 'true'); }
      else { el.hidden = true; el.textContent = ''; input.removeAttribute('aria-invalid'); }
    }
    return [...by.keys()].filter((n) => messages.has(n));
  }

  return { values, showErrors, fields: () => [...inputs.keys()] };
}

