// The timeline section (<details id="timeline"> under the plan: what follows the score),
// loaded on demand by app.mjs when the section is first opened or after the first total. It asks the engine
// (op `timeline`, latest wins) with the timeline's inputs, the last scored profile and the page
// language, and redraws on every new total, edit and language switch.
//
// Readiness signal (tests): #timeline[data-state] = "pending" | "ready" | "invalid" | "error";
// "invalid" means a field message is shown (the inputs are kept as typed).
// #timeline[data-filled] is there while any of its inputs has a value (print.css prints the
// section then, and only then).

import { latestChannel } from '../engine/engine-client.mjs';
import { lang, applyLang, t } from '../shared/i18n.mjs';
import { on, AFTER_STABLE_MS } from '../shared/events.mjs';
import { h } from '../shared/dom.mjs';
import { renderTimelineForm } from './timeline-form.mjs';
import { renderTimeline } from './timeline-view.mjs';

/** Mount on `section`; `profile()` gives the newest valid profile (or null). */
export function mountTimeline(engine, spec, section, profile) {
  const body = section.querySelector('.tl-body');
  const formRoot = h('form', { class: 'tl-form', novalidate: true, autocomplete: 'off' });
  formRoot.addEventListener('submit', (e) => e.preventDefault());
  const out = h('div', { class: 'tl-result', 'aria-live': 'polite' });
  body.replaceChildren(formRoot, out);
  const form = renderTimelineForm(spec.timeline, formRoot, () => { markFilled(); update(); });
  // What a share link may carry: the first group's inputs (the permit and the child), never
  // the 居转户 ones; named by the spec, like every field here.
  const firstGroup = spec.timeline.groups?.[0]?.id;
  const shareable = new Set(spec.timeline.fields.filter((f) => f.group === firstGroup).map((f) => f.name));
  const filled = () => Object.keys(form.values()).length > 0;
  function markFilled() {
    if (filled()) section.dataset.filled = ''; else delete section.dataset.filled;
  }
  markFilled();

  let wantUnlocks = false;
  function revealUnlocks() {
    const box = out.querySelector('#unlocks');
    if (!wantUnlocks || !box) return;
    wantUnlocks = false;
    box.open = true;
    box.scrollIntoView({ block: 'start' });
    box.querySelector('summary')?.focus();
  }

  const channel = latestChannel(engine, 'timeline', (payload, answer) => {
    if (answer.ok) {
      // a date the answer needs but was not given: say so at its field (the engine's words)
      const pts = answer.result.points;
      form.showErrors(pts.state === 'unknown' ? [{ field: 'permit_expiry', ...pts.message }] : []);
      renderTimeline(out, answer.result, spec.timeline);
      section.dataset.state = 'ready';
      revealUnlocks();
      return;
    }
    const errors = answer.errors || [];
    const mine = form.showErrors(errors);
    if (!mine.length) {
      out.replaceChildren(h('p', { class: 'tl-off', 'data-i18n': 'tl_fix_above', text: t('tl_fix_above') }));
    }
    section.dataset.state = 'invalid';
  }, (err) => {
    out.replaceChildren(h('p', { class: 'tl-failed', text: `${t('tl_failed')} ${err.message}` }));
    section.dataset.state = 'error';
  });

  function update() {
    section.dataset.state = 'pending';
    const p = profile();
    channel.submit({ timeline: form.values(), lang: lang(), ...(p ? { profile: p } : {}) });
  }

  // Asked for only while the section is open or has inputs (the printed summary includes a
  // filled timeline even when folded; an empty closed one is brought up to date when opened),
  // and after a new total has stayed unchanged a moment, so that typing in the form never
  // waits behind a timeline (it projects the profile like the plan does).
  let stale = true;
  let timer = null;
  const refresh = () => {
    clearTimeout(timer);
    timer = null;
    if (section.open || filled()) { stale = false; update(); } else stale = true;
  };
  on('result', () => { clearTimeout(timer); timer = setTimeout(refresh, AFTER_STABLE_MS); });
  on('lang', refresh);   // setLang has re-applied the section's strings
  section.addEventListener('toggle', () => { if (section.open && stale) refresh(); });
  applyLang(section);
  refresh();
  /** The form's control for `name` (timeline-form.mjs names each after its field). */
  const control = (name) => formRoot.querySelector(`[name="${CSS.escape(name)}"]`);

  return {
    update,
    /** Open "what meeting the standard gives" (the result's link), now or once it is drawn. */
    showUnlocks() { wantUnlocks = true; revealUnlocks(); },
    /** The inputs a share link may carry, as the engine takes them ({} when none is filled). */
    shareable() {
      return Object.fromEntries(Object.entries(form.values()).filter(([name]) => shareable.has(name)));
    },
    /**
     * Replace the shareable inputs with `values` (from a share link) and work the timeline out;
     * returns the names that are not shareable inputs (ignored). Set without an input event,
     * so nothing is saved on this device until its user edits the timeline (as for the form).
     */
    restore(values) {
      const given = Object.entries(values || {});
      const unknown = given.filter(([name]) => !shareable.has(name)).map(([name]) => name);
      // the inputs a link does not carry (the 居转户 answers) stay as they are
      const kept = Object.entries(form.values()).filter(([name]) => !shareable.has(name));
      const wanted = Object.fromEntries([...kept, ...given.filter(([name]) => shareable.has(name))]);
      form.set(wanted);
      // an option the select does not have is left empty, as the form's own restore does
      for (const [name, value] of given) {
        const el = shareable.has(name) ? control(name) : null;
        if (el && el.tagName === 'SELECT' && el.value !== String(value)) unknown.push(name);
      }
      markFilled();
      refresh();
      return unknown;
    },
  };
}
