// The timeline section (<details id="timeline"> under the plan: what follows the score),
// loaded on demand by app.mjs when the section is first opened or after the first total. It asks the engine
// (op `timeline`, latest wins) with the timeline's inputs, the last scored profile and the page
// language, and redraws on every new total, edit and language switch.
//
// Readiness signal (tests): #timeline[data-state] = "pending" | "ready" | "invalid" | "error";
// "invalid" means a field message is shown (the inputs are kept as typed).

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
  const form = renderTimelineForm(spec.timeline, formRoot, () => update());

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

  // Asked for only while the section is open (a closed section is brought up to date when
  // opened), and after a new total has stayed unchanged a moment, so that typing in the form
  // never waits behind a timeline (it projects the profile like the plan does).
  let stale = true;
  let timer = null;
  const refresh = () => {
    clearTimeout(timer);
    timer = null;
    if (section.open) { stale = false; update(); } else stale = true;
  };
  on('result', () => { clearTimeout(timer); timer = setTimeout(refresh, AFTER_STABLE_MS); });
  on('lang', refresh);   // setLang has re-applied the section's strings
  section.addEventListener('toggle', () => { if (section.open && stale) refresh(); });
  applyLang(section);
  refresh();
  return {
    update,
    /** Open "what meeting the standard gives" (the result's link), now or once it is drawn. */
    showUnlocks() { wantUnlocks = true; revealUnlocks(); },
  };
}
