// The profile's form, drawn at build time by the page's own renderer (web/calculator/form.mjs,
// drawForm) so that index.html has it at first paint; the browser adopts that markup.
// form.mjs builds elements through web/shared/dom.mjs (document.createElement and a few
// properties), so a small DOM is enough here: this file is that DOM and a serializer, not
// a second template.
//
//   node sitebuild/prerender.mjs <dist>        rewrites <dist>/index.html in place
//
// What it writes into index.html: the form inside <div id="form-fields">, and the page's
// own strings that quote the spec ({standard}: data-i18n elements left empty in web/),
// both in Chinese, the page's default language (the English switch swaps the texts).

import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const VOID = new Set(['input', 'br', 'img', 'meta', 'link', 'hr']);
const escapeText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const kebab = (k) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

class Text {
  constructor(data) { this.data = String(data); this.parentNode = null; }
  get textContent() { return this.data; }
  html() { return escapeText(this.data); }
}

class Element {
  constructor(tag) {
    this.tagName = tag.toUpperCase();
    this.attrs = new Map();
    this.childNodes = [];
    this.parentNode = null;
    const self = this;
    this.dataset = new Proxy({}, {
      get: (_, k) => (typeof k === 'string' ? self.getAttribute(`data-${kebab(k)}`) ?? undefined : undefined),
      set: (_, k, v) => { self.setAttribute(`data-${kebab(k)}`, String(v)); return true; },
      deleteProperty: (_, k) => { self.removeAttribute(`data-${kebab(k)}`); return true; },
    });
    this.classList = {
      add: (...c) => { const s = new Set(this.classes()); c.forEach((x) => s.add(x)); this.className = [...s].join(' '); },
      remove: (...c) => { this.className = this.classes().filter((x) => !c.includes(x)).join(' '); },
      contains: (c) => this.classes().includes(c),
      toggle: (c, on = !this.classList.contains(c)) => { if (on) this.classList.add(c); else this.classList.remove(c); return on; },
    };
  }

  classes() { return (this.getAttribute('class') || '').split(/\s+/).filter(Boolean); }
  get className() { return this.getAttribute('class') || ''; }
  set className(v) { this.setAttribute('class', v); }
  get id() { return this.getAttribute('id') || ''; }
  set id(v) { this.setAttribute('id', v); }
  get hidden() { return this.attrs.has('hidden'); }
  set hidden(v) { if (v) this.setAttribute('hidden', ''); else this.removeAttribute('hidden'); }
  get checked() { return this.attrs.has('checked'); }
  set checked(v) { if (v) this.setAttribute('checked', ''); else this.removeAttribute('checked'); }
  get value() {
    if (this.tagName === 'SELECT') {
      const options = this.all().filter((e) => e.tagName === 'OPTION');
      const chosen = options.find((o) => o.attrs.has('selected')) || options[0];
      return chosen ? chosen.getAttribute('value') ?? chosen.textContent : '';
    }
    return this.getAttribute('value') ?? '';
  }
  set value(v) {
    if (this.tagName === 'SELECT') {
      for (const o of this.all().filter((e) => e.tagName === 'OPTION')) {
        if (o.getAttribute('value') === String(v)) o.setAttribute('selected', ''); else o.removeAttribute('selected');
      }
    } else this.setAttribute('value', String(v));
  }

  setAttribute(k, v) { this.attrs.set(k, String(v)); }
  getAttribute(k) { return this.attrs.has(k) ? this.attrs.get(k) : null; }
  removeAttribute(k) { this.attrs.delete(k); }

  adopt(node) {
    const child = typeof node === 'string' || typeof node === 'number' ? new Text(node) : node;
    if (child.parentNode) child.parentNode.childNodes = child.parentNode.childNodes.filter((c) => c !== child);
    child.parentNode = this;
    return child;
  }
  append(...nodes) { for (const n of nodes) this.childNodes.push(this.adopt(n)); }
  replaceChildren(...nodes) { this.childNodes = []; this.append(...nodes); }

  get textContent() { return this.childNodes.map((c) => c.textContent).join(''); }
  set textContent(v) { this.childNodes = []; if (v !== '' && v != null) this.append(String(v)); }

  all() {
    const out = [];
    const walk = (el) => { for (const c of el.childNodes) if (c instanceof Element) { out.push(c); walk(c); } };
    walk(this);
    return out;
  }

  /** Compound selectors only (tag, #id, .class, [attr] and [attr="v"]): what form.mjs asks at build time. */
  matches(selector) {
    const parts = selector.match(/^([a-z]+)?((?:#[\w-]+|\.[\w-]+|\[[\w-]+(?:="[^"]*")?\])*)$/i);
    if (!parts) throw new Error(`prerender DOM: unsupported selector ${selector}`);
    if (parts[1] && parts[1].toUpperCase() !== this.tagName) return false;
    for (const [, kind, name, value] of parts[2].matchAll(/([#.]|\[)([\w-]+)(?:="([^"]*)")?\]?/g)) {
      if (kind === '#' && this.id !== name) return false;
      if (kind === '.' && !this.classes().includes(name)) return false;
      if (kind === '[' && (!this.attrs.has(name) || (value !== undefined && this.attrs.get(name) !== value))) return false;
    }
    return true;
  }
  querySelectorAll(selector) { return this.all().filter((e) => e.matches(selector)); }
  querySelector(selector) { return this.querySelectorAll(selector)[0] || null; }

  html() {
    const tag = this.tagName.toLowerCase();
    const attrs = [...this.attrs].map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${escapeAttr(v)}"`)).join('');
    if (VOID.has(tag)) return `<${tag}${attrs}>`;
    return `<${tag}${attrs}>${this.childNodes.map((c) => c.html()).join('')}</${tag}>`;
  }
  get innerHTML() { return this.childNodes.map((c) => c.html()).join(''); }
}

globalThis.document = {
  createElement: (tag) => new Element(tag),
  querySelectorAll: () => [],
  documentElement: new Element('html'),
};

const dist = resolve(process.argv[2]);
const spec = JSON.parse(readFileSync(join(dist, 'formspec.json'), 'utf8'));
const form = await import(pathToFileURL(join(dist, 'calculator', 'form.mjs')).href);
const i18n = await import(pathToFileURL(join(dist, 'shared', 'i18n.mjs')).href);

const container = new Element('div');
form.drawForm(spec, container, form.PROFILE);
const page = join(dist, 'index.html');
let html = readFileSync(page, 'utf8');

const slot = /<div id="form-fields">[\s\S]*?<\/div>(?=\s*<\/form>)/;
if (!slot.test(html)) throw new Error('index.html: no <div id="form-fields">…</div> inside the form to draw into');
html = html.replace(slot, () => `<div id="form-fields" data-form="${container.dataset.form}">${container.innerHTML}</div>`);

// the page's own strings that quote the spec, filled as setDefaults() would fill them
const vars = i18n.specVars(spec);
html = html.replace(/(<(\w+)\b[^>]*\bdata-i18n="(\w+)"[^>]*>)(<\/\2>)/g,
  (all, open, tag, key, close) => `${open}${escapeText(i18n.t(key, vars, 'zh'))}${close}`);
writeFileSync(page, html);
console.log(`prerendered the form into index.html (${container.innerHTML.length} characters, signature ${container.dataset.form})`);
