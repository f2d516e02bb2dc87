// The form, rendered from formspec.json: groups, fields, labels, help, units and options all
// come from the spec. Reads and writes profiles, shows the engine's field errors.

import { t, pick, bindText } from '../shared/i18n.mjs';
import { h } from '../shared/dom.mjs';


const isText = (f) => f.type === 'integer' || f.type === 'number' || f.type === 'string' || !f.type;
const YES = 'yes', NO = 'no', UNSET = '';

/**
 * Render `spec` into `container`. `onChange(name)` is called on every edit.
 * Returns the form API: getProfile, setProfile, showErrors, fieldBlock, control, reset.
 */
export function renderForm(spec, container, { onChange = () => {} } = {}) {
  const fields = spec.fields || [];
  const byName = new Map(fields.map((f) => [f.name, f]));
  const oneOf = spec.one_of || {};
  const modes = {};            // one_of key -> chosen field name
  const touched = new Set();   // fields the user (or setProfile) has given a value
  const blocks = new Map();    // field name -> its .field element
  let errors = [];

  const groupIds = (spec.groups || []).map((g) => g.id);
  for (const f of fields) if (!groupIds.includes(f.group)) groupIds.push(f.group);
  const groupSpec = (id) => (spec.groups || []).find((g) => g.id === id) || { id, label: { zh: id, en: id } };

  container.replaceChildren();
  for (const gid of groupIds) {
    const g = groupSpec(gid);
    const section = h('section', { class: `group group-${gid}`, 'aria-labelledby': `g-${gid}`, 'data-group': gid });
    const heading = h('h3', { id: `g-${gid}` });
    heading.append(bindText(h('span'), g.label));
    if (g.article) heading.append(' ', h('span', { class: 'article', text: g.article }));
    section.append(heading);
    if (g.help) section.append(bindText(h('p', { class: 'group-help' }), g.help));
    const rendered = new Set();
    for (const f of fields.filter((x) => x.group === gid)) {
      if (rendered.has(f.name)) continue;
      if (f.one_of && oneOf[f.one_of]) {
        const key = f.one_of;
        const names = (oneOf[key].fields || []).filter((n) => byName.has(n));
        names.forEach((n) => rendered.add(n));
        section.append(renderOneOf(key, names));
      } else {
        rendered.add(f.name);
        section.append(renderField(f));
      }
    }
    container.append(section);
  }

  function describe(el, ids) {
    el.setAttribute('aria-describedby', ids.filter(Boolean).join(' '));
  }

  function helpFor(f) {
    if (!f.help) return null;
    return bindText(h('p', { class: 'help', id: `help-${f.name}` }), f.help);
  }

  function errorFor(f) {
    return h('p', { class: 'field-error', id: `err-${f.name}`, hidden: true });
  }

  function renderField(f) {
    const id = `f-${f.name}`;
    const block = h('div', { class: `field field-${f.type || 'text'}`, 'data-field': f.name });
    blocks.set(f.name, block);
    const help = helpFor(f);
    const err = errorFor(f);

    if (f.type === 'boolean' && f.optional) {
      // yes / no / not answered (null): a radio group
      const fs = h('fieldset', { class: 'tri' });
      fs.append(bindText(h('legend', { class: 'label' }), f.label));
      const row = h('div', { class: 'choices' });
      for (const [value, key] of [[YES, 'yes'], [NO, 'no'], [UNSET, 'unknown']]) {
        const input = h('input', { type: 'radio', name: f.name, value, id: `${id}-${key}` });
        if (value === UNSET) input.checked = true;
        const label = h('label', { for: `${id}-${key}`, class: 'choice' }, input, h('span', { 'data-i18n': key, text: t(key) }));
        row.append(label);
      }
      fs.append(row);
      if (help) fs.append(help);
      fs.append(err);
      describe(fs, [help && help.id]);
      block.append(fs);
      return block;
    }

    if (f.type === 'boolean') {
      const input = h('input', { type: 'checkbox', name: f.name, id });
      input.checked = f.default === true;
      const label = h('label', { for: id, class: 'check' }, input, bindText(h('span', { class: 'label' }), f.label));
      block.append(label);
      if (help) block.append(help);
      block.append(err);
      describe(input, [help && help.id]);
      return block;
    }

    const label = h('label', { for: id, class: 'label' });
    bindText(label, f.label);
    let input;
    if (f.type === 'enum') {
      input = h('select', { name: f.name, id });
      if (f.optional || f.default == null) {
        input.append(h('option', { value: '', 'data-i18n': 'not_answered', text: t('not_answered') }));
      }
      for (const o of f.options || []) {
        const opt = h('option', { value: o.value });
        opt.dataset.points = o.points ?? '';
        setOptionText(opt, o);
        input.append(opt);
      }
      input.value = f.default ?? '';
    } else if (f.type === 'date') {
      input = h('input', { type: 'date', name: f.name, id, autocomplete: f.name === 'birth_date' ? 'bday' : 'off' });
      if (f.minimum) input.min = f.minimum;
      if (f.maximum) input.max = f.maximum;
    } else {
      input = h('input', {
        type: 'text', name: f.name, id, autocomplete: 'off', spellcheck: 'false',
        inputmode: f.type === 'integer' ? 'numeric' : f.type === 'number' ? 'decimal' : null,
        placeholder: f.default != null && f.default !== '' ? String(f.default) : null,
      });
    }
    block.append(label);
    const wrap = h('div', { class: 'input-wrap' }, input);
    if (f.unit) wrap.append(bindText(h('span', { class: 'unit', 'aria-hidden': 'true' }), f.unit));
    block.append(wrap);
    if (help) block.append(help);
    block.append(err);
    describe(input, [help && help.id]);
    return block;
  }

  function setOptionText(opt, o) {
    // option text: label plus its points when the spec gives them
    const text = (lng) => (o.points != null && o.points !== 0
      ? t('points_option', { label: pick(o.label, lng), n: o.points }, lng)
      : pick(o.label, lng));
    bindText(opt, { zh: text('zh'), en: text('en') });
  }

  function renderOneOf(key, names) {
    const spec1 = oneOf[key];
    modes[key] = names[0];
    const fs = h('fieldset', { class: 'one-of', 'data-one-of': key });
    const legend = h('legend', { class: 'label' });
    legend.append(bindText(h('span'), spec1.label || byName.get(names[0]).label));
    fs.append(legend);
    const toggle = h('div', { class: 'choices toggle' });
    for (const n of names) {
      const input = h('input', { type: 'radio', name: `mode-${key}`, value: n, id: `mode-${key}-${n}` });
      input.checked = n === names[0];
      input.addEventListener('change', () => { if (input.checked) setMode(key, n, true); });
      toggle.append(h('label', { for: input.id, class: 'choice' }, input, bindText(h('span'), byName.get(n).label)));
    }
    fs.append(toggle);
    for (const n of names) {
      const block = renderField(byName.get(n));
      block.hidden = n !== names[0];
      fs.append(block);
    }
    return fs;
  }

  function setMode(key, name, fromUser = false) {
    modes[key] = name;
    for (const n of oneOf[key].fields) {
      const block = blocks.get(n);
      if (block) block.hidden = n !== name;
    }
    const radio = container.querySelector(`input[name="mode-${key}"][value="${name}"]`);
    if (radio) radio.checked = true;
    if (fromUser) { renderErrors(); onChange(name); }
  }

  function isActive(f) {
    return !(f.one_of && oneOf[f.one_of] && modes[f.one_of] !== f.name);
  }

  function controlOf(name) {
    return container.querySelector(`[name="${CSS.escape(name)}"]`);
  }

  /** The profile as entered: text as typed (trimmed), empty inputs and defaults omitted. */
  function getProfile() {
    const out = {};
    for (const f of fields) {
      if (!isActive(f)) continue;
      if (f.type === 'boolean' && f.optional) {
        const v = container.querySelector(`input[name="${f.name}"]:checked`)?.value ?? UNSET;
        if (v !== UNSET) out[f.name] = v === YES;
      } else if (f.type === 'boolean') {
        const checked = controlOf(f.name).checked;
        if (checked !== (f.default === true)) out[f.name] = checked;
      } else if (f.type === 'enum') {
        const v = controlOf(f.name).value;
        if (v !== '' && v !== f.default) out[f.name] = v;
      } else {
        const v = controlOf(f.name).value.trim();
        if (v !== '') out[f.name] = v;
      }
    }
    return out;
  }

  function reset() {
    for (const f of fields) {
      if (f.type === 'boolean' && f.optional) {
        const r = container.querySelector(`input[name="${f.name}"][value="${UNSET}"]`);
        if (r) r.checked = true;
      } else if (f.type === 'boolean') controlOf(f.name).checked = f.default === true;
      else if (f.type === 'enum') controlOf(f.name).value = f.default ?? '';
      else controlOf(f.name).value = '';
    }
    for (const key of Object.keys(modes)) setMode(key, oneOf[key].fields[0]);
    touched.clear();
  }

  /** Replace the form's values with `profile`; returns the keys that are not fields. */
  function setProfile(profile = {}, { notify = true } = {}) {
    reset();
    const unknown = [];
    for (const [name, value] of Object.entries(profile || {})) {
      const f = byName.get(name);
      if (!f) { unknown.push(name); continue; }
      if (f.one_of && oneOf[f.one_of]) setMode(f.one_of, name);
      if (f.type === 'boolean' && f.optional) {
        const v = value === true ? YES : value === false ? NO : UNSET;
        const r = container.querySelector(`input[name="${f.name}"][value="${v}"]`);
        if (r) r.checked = true;
      } else if (f.type === 'boolean') controlOf(name).checked = value === true || value === 'true';
      else if (f.type === 'enum') {
        const sel = controlOf(name);
        sel.value = value == null ? (f.default ?? '') : String(value);
        if (sel.value !== String(value ?? sel.value)) sel.value = f.default ?? '';
      } else controlOf(name).value = value == null ? '' : String(value);
      touched.add(name);
    }
    if (notify) onChange(null);
    return unknown;
  }

  // Errors: shown at the field (for one_of fields at the one in use) once the user has
  // touched it; all of them are also listed by the result panel.
  function targetOf(name) {
    const f = byName.get(name);
    if (f && f.one_of && oneOf[f.one_of]) return modes[f.one_of];
    return f ? name : null;
  }

  function isTouched(name) {
    const f = byName.get(name);
    if (f && f.one_of && oneOf[f.one_of]) return oneOf[f.one_of].fields.some((n) => touched.has(n));
    return touched.has(name);
  }

  function renderErrors() {
    const shown = new Map();
    for (const e of errors) {
      const target = targetOf(e.field);
      if (target && isTouched(e.field) && !shown.has(target)) shown.set(target, e);
    }
    for (const f of fields) {
      const err = document.getElementById(`err-${f.name}`);
      if (!err) continue;
      const e = shown.get(f.name);
      const block = blocks.get(f.name);
      const described = block.querySelector('fieldset.tri') || controlOf(f.name);
      const help = document.getElementById(`help-${f.name}`);
      if (e) {
        bindText(err, { zh: e.zh, en: e.en });
        err.hidden = false;
        block.classList.add('invalid');
        described.setAttribute('aria-invalid', 'true');
        describe(described, [err.id, help && help.id]);
      } else if (!err.hidden || block.classList.contains('invalid')) {
        err.hidden = true;
        err.textContent = '';
        delete err.dataset.zh; delete err.dataset.en;
        block.classList.remove('invalid');
        described.removeAttribute('aria-invalid');
        describe(described, [help && help.id]);
      }
    }
  }

  /** Show the engine's field errors ([] clears them). */
  function showErrors(list = []) {
    errors = list || [];
    renderErrors();
  }

  /** Where an error about `name` is (or would be) shown, for links from the result panel. */
  function focusField(name) {
    const target = targetOf(name);
    if (!target) return false;
    const block = blocks.get(target);
    const el = block && (block.querySelector('input:checked') || block.querySelector('input, select'));
    if (el) { el.focus(); block.scrollIntoView({ block: 'center' }); }
    return !!el;
  }

  const onEdit = (event) => {
    const name = event.target.name;
    if (!name || name.startsWith('mode-')) return;
    if (!byName.has(name)) return;
    touched.add(name);
    onChange(name);
  };
  container.addEventListener('input', onEdit);
  container.addEventListener('change', onEdit);

  return {
    getProfile,
    setProfile,
    reset,
    showErrors,
    focusField,
    fieldBlock: (name) => blocks.get(name),
    control: controlOf,
    field: (name) => byName.get(name),
    labelOf: (name) => byName.get(name)?.label,
  };
}
