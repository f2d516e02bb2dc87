// THE form renderer, for every input model the spec exports (the profile: formspec.json's
// groups and fields; the timeline's: its `timeline` part). Sections, fields, their order,
// labels, help, units, options and their points all come from the spec; nothing here
// states a rule. The build runs this same module under Node (sitebuild/prerender.mjs) to
// write the profile's form into index.html, so the form is there at first paint; in the
// browser renderForm() adopts that markup (listeners on the existing elements) instead of
// drawing it again, so nothing moves and nothing typed before the scripts ran is lost.
//
// Errors stay quiet until asked: a field shows the engine's message once the user has left
// it (blur or change), or at once when what is typed cannot be read at all; a required
// field nobody has touched is never flagged. Dates are text boxes that keep what is typed
// (the engine reads every spelling and explains a bad one); the platform's date picker is an
// optional button beside them.

import { t, pick, bindText, bindAttr } from '../shared/i18n.mjs';
import { h } from '../shared/dom.mjs';


const YES = 'yes', NO = 'no', UNSET = '';
// Errors shown while the user is still typing: what is typed can never become valid by
// typing more (letters in a number, a day that does not exist). The others (a number out of
// range, a date half typed) wait until the user leaves the field.
const AT_ONCE = new Set(['int_parsing', 'float_parsing', 'number_unit', 'int_from_float', 'date_impossible',
  'choice_unknown', 'bool_parsing']);
// Errors that only say a required field is still empty: never shown before it is touched.
const EMPTY = new Set(['missing', 'age_missing']);

/**
 * What the profile's form has besides its fields: the insurance-base helper's summary after
 * the field it helps with (its body loads when first opened: features/helper-tier.mjs).
 * The build's prerender and the page use the same, so the adopted markup has it too.
 */
export const PROFILE = {
  after: (name) => (name === 'insurance_base'
    ? h('details', { class: 'tier-helper', id: 'tier-helper', 'data-field': name },
      h('summary', { 'data-i18n': 'tier_summary', text: t('tier_summary') }))
    : null),
};

/** A short fingerprint of what the form is drawn from: markup made from another spec is not adopted. */
export function formSignature(spec, prefix = '') {
  const text = prefix + JSON.stringify([spec.groups, spec.fields, spec.one_of]);
  let x = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    x ^= text.charCodeAt(i);
    x = Math.imul(x, 0x01000193) >>> 0;
  }
  return x.toString(36);
}

function ids(prefix) {
  return {
    group: (g) => `${prefix}g-${g}`,
    control: (n) => `${prefix}f-${n}`,
    help: (n) => `${prefix}help-${n}`,
    error: (n) => `${prefix}err-${n}`,
    picker: (n) => `${prefix}pick-${n}`,
    mode: (key, n) => `${prefix}mode-${key}-${n}`,
  };
}

function fieldsOf(spec) {
  const fields = spec.fields || [];
  const groupIds = (spec.groups || []).map((g) => g.id);
  for (const f of fields) if (!groupIds.includes(f.group)) groupIds.push(f.group);
  return { fields, groupIds, byName: new Map(fields.map((f) => [f.name, f])), oneOf: spec.one_of || {} };
}

/** The text of an option in the native list: its label and, where the spec gives them, its points. */
function optionText(o) {
  const text = (lng) => (o.points != null
    ? t('points_option', { label: pick(o.label, lng), n: o.points }, lng)
    : pick(o.label, lng));
  return { zh: text('zh'), en: text('en') };
}

const pointsText = (n) => ({ zh: t('points', { n }, 'zh'), en: t('points', { n }, 'en') });
const notAnswered = () => ({ zh: t('not_answered', {}, 'zh'), en: t('not_answered', {}, 'en') });

/**
 * Draw `spec` into `container` (replacing what is there). Used by the build's prerender and
 * by renderForm when there is nothing to adopt. `after(name)` may return an element to put
 * after a field's block (the profile's tier helper).
 */
export function drawForm(spec, container, { prefix = '', after = () => null } = {}) {
  const { fields, groupIds, byName, oneOf } = fieldsOf(spec);
  const id = ids(prefix);
  const groupSpec = (gid) => (spec.groups || []).find((g) => g.id === gid) || { id: gid, label: { zh: gid, en: gid } };

  function describe(el, list) {
    el.setAttribute('aria-describedby', list.filter(Boolean).join(' '));
  }

  function helpFor(f) {
    return f.help ? bindText(h('p', { class: 'help', id: id.help(f.name) }), f.help) : null;
  }

  // The message sits in a polite live region that is always in the page, so its appearance
  // is read out once (the message itself is not an alert as well: that would be read twice).
  function errorSlot(f) {
    return h('div', { class: 'err-slot', 'aria-live': 'polite' },
      h('p', { class: 'field-error', id: id.error(f.name), hidden: true }));
  }

  function selectBox(f, input) {
    // The closed select shows its choice on up to two lines with the points apart, so a
    // long option (a title, an insurance tier) is never cut before its points at 375 px.
    // The native select lies over it (transparent) and stays the control people use.
    const shown = h('span', { class: 'select-shown', 'aria-hidden': 'true' },
      h('span', { class: 'select-label' }), h('span', { class: 'select-points' }));
    return h('div', { class: 'select-box' }, input, shown);
  }

  function renderField(f) {
    const cid = id.control(f.name);
    const block = h('div', { class: `field field-${f.type || 'text'}${f.main ? ' field-main' : ''}`, 'data-field': f.name });
    // asked once the field it depends on is answered (the spec's shown_with); not at first
    block.hidden = !!f.shown_with;
    const help = helpFor(f);
    const err = errorSlot(f);

    if (f.type === 'boolean' && f.optional) {
      // yes / no / not answered (null): a radio group
      const fs = h('fieldset', { class: 'tri' });
      fs.append(bindText(h('legend', { class: 'label' }), f.label));
      const row = h('div', { class: 'choices' });
      for (const [value, key] of [[YES, 'yes'], [NO, 'no'], [UNSET, 'unknown']]) {
        const input = h('input', { type: 'radio', name: f.name, value, id: `${cid}-${key}`, checked: value === UNSET });
        row.append(h('label', { for: `${cid}-${key}`, class: 'choice' }, input, h('span', { 'data-i18n': key, text: t(key) })));
      }
      fs.append(row);
      if (help) fs.append(help);
      fs.append(err);
      describe(fs, [help && help.id]);
      block.append(fs);
      return block;
    }

    if (f.type === 'boolean') {
      const input = h('input', { type: 'checkbox', name: f.name, id: cid, checked: f.default === true });
      block.append(h('label', { for: cid, class: 'check' }, input, bindText(h('span', { class: 'label' }), f.label)));
      if (help) block.append(help);
      block.append(err);
      describe(input, [help && help.id]);
      return block;
    }

    const label = bindText(h('label', { for: cid, class: 'label' }), f.label);
    let control;
    let input;
    if (f.type === 'enum') {
      input = h('select', { name: f.name, id: cid });
      if (f.optional || f.default == null) input.append(bindText(h('option', { value: '' }), notAnswered()));
      for (const o of f.options || []) {
        const opt = bindText(h('option', { value: o.value }), optionText(o));
        if (o.value === (f.default ?? '')) opt.setAttribute('selected', '');
        input.append(opt);
      }
      control = selectBox(f, input);
    } else if (f.type === 'date') {
      // text as typed (2027-04-10, 2027/4/10, 2027.4.10, 2027年4月10日): the engine reads it.
      // The decimal keypad has the digits and a separator on every phone.
      input = h('input', {
        type: 'text', name: f.name, id: cid, inputmode: 'decimal', spellcheck: 'false',
        autocomplete: f.name === 'birth_date' ? 'bday' : 'off',
      });
      bindAttr(input, 'placeholder', {
        zh: t('date_placeholder', { example: f.example ?? '' }, 'zh'),
        en: t('date_placeholder', { example: f.example ?? '' }, 'en'),
      });
      const pickLabel = { zh: t('date_pick', { label: f.label.zh }, 'zh'), en: t('date_pick', { label: f.label.en }, 'en') };
      const picker = h('input', { type: 'date', class: 'date-picker', id: id.picker(f.name), tabindex: '-1', 'aria-hidden': 'true' });
      bindAttr(picker, 'aria-label', pickLabel);
      const button = h('button', { type: 'button', class: 'date-pick-button', 'data-picks': f.name },
        h('span', { class: 'date-pick-icon', 'aria-hidden': 'true' }));
      bindAttr(button, 'aria-label', pickLabel);
      control = h('div', { class: 'input-wrap input-date' }, input, h('span', { class: 'date-pick' }, picker, button));
    } else {
      input = h('input', {
        type: 'text', name: f.name, id: cid, autocomplete: 'off', spellcheck: 'false',
        inputmode: f.type === 'integer' ? 'numeric' : f.type === 'number' ? 'decimal' : null,
        placeholder: f.default != null && f.default !== '' ? String(f.default) : null,
      });
      control = h('div', { class: 'input-wrap' }, input);
      if (f.unit) control.append(bindText(h('span', { class: 'unit', 'aria-hidden': 'true' }), f.unit));
    }
    block.append(label, control);
    if (help) block.append(help);
    block.append(err);
    describe(input, [help && help.id]);
    return block;
  }

  function renderOneOf(key, names) {
    const spec1 = oneOf[key];
    const fs = h('fieldset', { class: 'one-of', 'data-one-of': key });
    fs.append(h('legend', { class: 'label' }, bindText(h('span'), spec1.label || byName.get(names[0]).label)));
    const toggle = h('div', { class: 'choices toggle' });
    for (const n of names) {
      const input = h('input', { type: 'radio', name: `mode-${key}`, value: n, id: id.mode(key, n), checked: n === names[0] });
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

  container.replaceChildren();
  for (const gid of groupIds) {
    const g = groupSpec(gid);
    const section = h('section', { class: `group group-${gid}`, 'aria-labelledby': id.group(gid), 'data-group': gid });
    const heading = h('h3', { id: id.group(gid) }, bindText(h('span'), g.label));
    if (g.article) heading.append(' ', h('span', { class: 'article', text: g.article }));
    section.append(heading);
    if (g.help) section.append(bindText(h('p', { class: 'group-help' }), g.help));
    const rendered = new Set();
    for (const f of fields.filter((x) => x.group === gid)) {
      if (rendered.has(f.name)) continue;
      let part;
      if (f.one_of && oneOf[f.one_of]) {
        const names = (oneOf[f.one_of].fields || []).filter((n) => byName.has(n));
        names.forEach((n) => rendered.add(n));
        part = renderOneOf(f.one_of, names);
      } else {
        rendered.add(f.name);
        part = renderField(f);
      }
      section.append(part);
      for (const n of f.one_of && oneOf[f.one_of] ? oneOf[f.one_of].fields : [f.name]) {
        const extra = after(n);
        if (extra) section.append(extra);
      }
    }
    container.append(section);
  }
  // every select shows its default choice
  for (const f of fields) if (f.type === 'enum') showChoice(container.querySelector(`#${id.control(f.name)}`), f);
  container.dataset.form = formSignature(spec, prefix);
  return container;
}

/** Write the chosen option of `select` into its two-line display. */
function showChoice(select, f) {
  const box = select && select.parentNode;
  if (!box || !box.classList.contains('select-box')) return;
  const o = (f.options || []).find((x) => x.value === select.value);
  bindText(box.querySelector('.select-label'), o ? o.label : notAnswered());
  const points = box.querySelector('.select-points');
  if (o && o.points != null) bindText(points, pointsText(o.points));
  else { points.textContent = ''; delete points.dataset.zh; delete points.dataset.en; }
}

/**
 * The form in `container`: adopts the build's markup when it was made from this spec,
 * draws it otherwise. `onChange(name)` is called on every edit; `onShown()` when the
 * errors shown at the fields change without a new answer (the user left a field).
 * Options: `prefix` for ids (a second form on the page), `quiet` (false: every error is
 * shown at once), `after` (see drawForm).
 * Returns the form API.
 */
export function renderForm(spec, container, {
  onChange = () => {}, onShown = () => {}, prefix = '', quiet = true, after = () => null,
} = {}) {
  const { fields, byName, oneOf } = fieldsOf(spec);
  const id = ids(prefix);
  const adopted = container.dataset.form === formSignature(spec, prefix);
  if (!adopted) drawForm(spec, container, { prefix, after });
  container.dataset.adopted = adopted ? 'yes' : 'no';

  const modes = {};            // one_of key -> chosen field name
  const touched = new Set();   // fields the user (or setProfile) has given a value
  const left = new Set();      // fields whose messages may show: the user has left them
  const blocks = new Map();    // field name -> its .field element
  let errors = [];
  let shownKey = '';

  const byId = (x) => container.querySelector(`#${x}`);
  for (const f of fields) blocks.set(f.name, container.querySelector(`.field[data-field="${f.name}"]`));

  function controlOf(name) {
    return container.querySelector(`[name="${name}"]`);
  }

  function setMode(key, name, fromUser = false) {
    modes[key] = name;
    for (const n of oneOf[key].fields) {
      const block = blocks.get(n);
      if (block) block.hidden = n !== name;
    }
    const radio = byId(id.mode(key, name));
    if (radio) radio.checked = true;
    if (fromUser) { renderErrors(); onChange(name); }
  }
  // what the markup says (a mode switched before the scripts ran is honoured)
  for (const key of Object.keys(oneOf)) {
    const checked = container.querySelector(`input[name="mode-${key}"]:checked`);
    setMode(key, checked ? checked.value : oneOf[key].fields[0]);
  }

  function isActive(f) {
    if (f.shown_with && !asked(f)) return false;
    return !(f.one_of && oneOf[f.one_of] && modes[f.one_of] !== f.name);
  }

  /** Whether a field asked only after another (shown_with) is asked now. */
  function asked(f) {
    const other = byName.get(f.shown_with);
    return !other || !isDefault(other, valueOf(other));
  }

  function syncAsked() {
    for (const f of fields) if (f.shown_with) blocks.get(f.name).hidden = !asked(f);
  }

  function syncChoice(name) {
    const f = byName.get(name);
    if (f && f.type === 'enum') showChoice(controlOf(name), f);
  }

  /** The value as entered: text as typed (trimmed), '' for empty, booleans as true/false/null. */
  function valueOf(f) {
    if (f.type === 'boolean' && f.optional) {
      const v = container.querySelector(`input[name="${f.name}"]:checked`)?.value ?? UNSET;
      return v === UNSET ? null : v === YES;
    }
    if (f.type === 'boolean') return controlOf(f.name).checked;
    return controlOf(f.name).value.trim();
  }

  const isDefault = (f, v) => (f.type === 'boolean' && f.optional ? v === null
    : f.type === 'boolean' ? v === (f.default === true)
      : f.type === 'enum' ? v === '' || v === f.default : v === '');

  /** The profile as entered: text as typed (trimmed), empty inputs and defaults omitted. */
  function getProfile() {
    const out = {};
    for (const f of fields) {
      if (!isActive(f)) continue;
      const v = valueOf(f);
      if (!isDefault(f, v)) out[f.name] = v;
    }
    return out;
  }

  function reset() {
    for (const f of fields) {
      if (f.type === 'boolean' && f.optional) {
        const r = byId(`${id.control(f.name)}-unknown`);
        if (r) r.checked = true;
      } else if (f.type === 'boolean') controlOf(f.name).checked = f.default === true;
      else if (f.type === 'enum') { controlOf(f.name).value = f.default ?? ''; syncChoice(f.name); } else controlOf(f.name).value = '';
    }
    for (const key of Object.keys(modes)) setMode(key, oneOf[key].fields[0]);
    syncAsked();
    touched.clear();
    left.clear();
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
        const v = value === true || value === 'true' ? 'yes' : value === false || value === 'false' ? 'no' : 'unknown';
        const r = byId(`${id.control(f.name)}-${v}`);
        if (r) r.checked = true;
      } else if (f.type === 'boolean') controlOf(name).checked = value === true || value === 'true';
      else if (f.type === 'enum') {
        const sel = controlOf(name);
        sel.value = value == null ? (f.default ?? '') : String(value);
        if (sel.value !== String(value ?? sel.value)) sel.value = f.default ?? '';
        syncChoice(name);
      } else controlOf(name).value = value == null ? '' : String(value);
      // entered before (a saved form, a link): its message may show at once
      touched.add(name);
      left.add(name);
    }
    syncAsked();
    if (notify) onChange(null);
    return unknown;
  }

  // ---------------------------------------------------------------- errors
  function targetOf(name) {
    const f = byName.get(name);
    if (f && f.one_of && oneOf[f.one_of]) return modes[f.one_of];
    return f ? name : null;
  }

  const inGroup = (name, set) => {
    const f = byName.get(name);
    return f && f.one_of && oneOf[f.one_of] ? oneOf[f.one_of].fields.some((n) => set.has(n)) : set.has(name);
  };

  /** Whether error `e` shows at its field now. */
  function visible(e) {
    const target = targetOf(e.field);
    if (!target) return false;
    if (!quiet || inGroup(e.field, left)) return true;
    if (!inGroup(e.field, touched)) return !EMPTY.has(e.type);   // caused by another field: say so
    return AT_ONCE.has(e.type) || never(e, target);
  }

  // A number out of range that more typing cannot bring back: above the maximum (more
  // digits only make it larger), or below the minimum with a minus sign typed first.
  function never(e, target) {
    if (e.type === 'less_than_equal' || e.type === 'less_than') return true;
    const control = controlOf(target);
    return (e.type === 'greater_than_equal' || e.type === 'greater_than')
      && !!control && /^\s*[-−－]/.test(control.value);
  }

  const order = (name) => fields.findIndex((f) => f.name === name);

  function renderErrors() {
    const shown = new Map();
    for (const e of errors) {
      const target = targetOf(e.field);
      if (target && visible(e) && !shown.has(target)) shown.set(target, e);
    }
    for (const f of fields) {
      const err = byId(id.error(f.name));
      if (!err) continue;
      const e = shown.get(f.name);
      const block = blocks.get(f.name);
      const described = block.querySelector('fieldset.tri') || controlOf(f.name);
      const help = byId(id.help(f.name));
      if (e) {
        if (err.dataset.zh !== e.zh || err.dataset.en !== e.en || err.hidden) {
          bindText(err, { zh: e.zh, en: e.en });
          err.hidden = false;
        }
        block.classList.add('invalid');
        described.setAttribute('aria-invalid', 'true');
        described.setAttribute('aria-describedby', [err.id, help && help.id].filter(Boolean).join(' '));
      } else if (!err.hidden || block.classList.contains('invalid')) {
        err.hidden = true;
        err.textContent = '';
        delete err.dataset.zh; delete err.dataset.en;
        block.classList.remove('invalid');
        described.removeAttribute('aria-invalid');
        described.setAttribute('aria-describedby', help ? help.id : '');
      }
    }
    const key = [...shown.keys()].join(' ');
    const changed = key !== shownKey;
    shownKey = key;
    return changed;
  }

  /** Show the engine's field errors ([] clears them). */
  function showErrors(list = []) {
    errors = list || [];
    renderErrors();
    return errors.map((e) => e.field).filter((n) => byName.has(n));
  }

  /**
   * What the errors mean for the page: `first` is the field to fix first (form order) among
   * those shown, or null; `start` is true when the only problem is the required age
   * nobody has touched yet (the page invites rather than scolds).
   */
  function summary(list = errors) {
    const shown = list.filter(visible).map((e) => targetOf(e.field));
    shown.sort((a, b) => order(a) - order(b));
    const start = list.length > 0 && !shown.length
      && list.every((e) => EMPTY.has(e.type) && !inGroup(e.field, touched));
    const firstAny = list.map((e) => targetOf(e.field)).filter(Boolean).sort((a, b) => order(a) - order(b))[0] || null;
    const first = shown[0] || (start ? null : firstAny);
    return { first, label: first ? byName.get(first).label : null, start };
  }

  /** Focus the field an error is about (links from the result panel). */
  function focusField(name) {
    const target = targetOf(name);
    if (!target) return false;
    const block = blocks.get(target);
    const el = block && (block.querySelector('input:checked') || block.querySelector('input:not(.date-picker), select'));
    if (el) { el.focus(); block.scrollIntoView({ block: 'center' }); }
    return !!el;
  }

  // ---------------------------------------------------------------- events (delegated)
  const fieldName = (el) => (el && el.name && byName.has(el.name) ? el.name : null);
  const leave = (name) => {
    if (!name || left.has(name)) return;
    left.add(name);
    if (renderErrors()) onShown();
  };

  container.addEventListener('input', (event) => {
    const el = event.target;
    if (el.classList && el.classList.contains('date-picker')) return;
    const name = fieldName(el);
    if (!name) return;
    touched.add(name);
    onChange(name);
  });
  container.addEventListener('change', (event) => {
    const el = event.target;
    if (el.classList && el.classList.contains('date-picker')) {
      // a picked date fills the text box as YYYY-MM-DD, like typing it would
      const box = controlOf(el.id.slice(id.picker('').length));
      if (box && el.value) {
        box.value = el.value;
        box.dispatchEvent(new Event('input', { bubbles: true }));
        box.dispatchEvent(new Event('change', { bubbles: true }));
      }
      return;
    }
    if (el.name && el.name.startsWith('mode-')) {
      const key = el.name.slice('mode-'.length);
      if (el.checked && oneOf[key]) setMode(key, el.value, true);
      return;
    }
    const name = fieldName(el);
    if (!name) return;
    touched.add(name);
    syncChoice(name);
    syncAsked();
    onChange(name);
    leave(name);
  });
  container.addEventListener('focusout', (event) => {
    const name = fieldName(event.target);
    // moving between the radios of one field is not leaving it
    if (name && !(event.relatedTarget && event.relatedTarget.name === name)) leave(name);
  });
  container.addEventListener('click', (event) => {
    const button = event.target.closest && event.target.closest('.date-pick-button');
    if (!button) return;
    const name = button.dataset.picks;
    const picker = byId(id.picker(name));
    const box = controlOf(name);
    if (!picker || !box) return;
    picker.value = box.value.trim();   // the picker opens on the date typed, when it is YYYY-MM-DD
    try {
      picker.showPicker();
    } catch {
      // no showPicker (older engines): the date control itself takes the next tap
      button.parentNode.classList.add('pick-direct');
      picker.removeAttribute('tabindex');
      picker.focus();
    }
  });

  // What was typed before the scripts ran (adopted markup) counts as the user's own entry.
  if (adopted) {
    for (const f of fields) {
      if (!isDefault(f, valueOf(f))) { touched.add(f.name); left.add(f.name); }
      syncChoice(f.name);
    }
    syncAsked();
  }

  return {
    getProfile,
    setProfile,
    reset,
    showErrors,
    summary,
    focusField,
    fieldBlock: (name) => blocks.get(name),
    control: controlOf,
    field: (name) => byName.get(name),
    labelOf: (name) => byName.get(name)?.label,
  };
}
