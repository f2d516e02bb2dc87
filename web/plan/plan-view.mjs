// The plan under the result (<section id="plan">): the gap to the standard, when time alone
// gets there (with the projection chart), the ranked actions, what the projection assumes,
// and why deductions and vetoes cannot be planned away.
//
// It follows the score, but never gets in its way: a plan takes the worker 65–90 ms, and a
// score asked for meanwhile would wait behind it. So the plan is asked for (op `plan`, latest
// wins) only once the result has stayed the same for AFTER_STABLE_MS (shared/events.mjs); every 'result' event
// (shared/events.mjs) restarts that wait, and so does a newer input being scored (the
// 'score-state' event, "pending"), which also drops any plan answer still on its way. Meanwhile the
// shown plan is marked "updating". An input the engine refuses hides the plan.
//
// Readiness signal (tests): #plan[data-state] = "pending" | "ready" | "off" | "error";
// when "ready", #plan[data-total] is the total the plan was made for.

import { latestChannel } from '../engine/engine-client.mjs';
import { lang, pick, t } from '../shared/i18n.mjs';
import { on, AFTER_STABLE_MS } from '../shared/events.mjs';
import { projectionChart, describe, formatDate, formatMonths, reachIndex, horizonYears } from './chart.mjs';
import { h } from '../shared/dom.mjs';

const SHOWN = 5;   // actions shown before "more"



/**
 * Mount the plan view on `section` (default #plan). `engine` is the engine client
 * (startEngine); `spec` the form spec, for the labels of the fields an action also needs;
 * `first` the 'result' event that loaded this module (app.mjs), planned at once, or
 * `refused` when the newest input then was refused.
 */
export function mountPlanView(engine, { spec, first = null, refused = false, section = document.getElementById('plan') } = {}) {
  if (!section) return null;
  let shown = null;       // {profile, plan} on screen
  let wantedKey = null;   // the profile the newest request is for
  let failure = null;
  let timer = null;       // the delayed plan request (AFTER_STABLE_MS)

  section.setAttribute('aria-labelledby', 'plan-heading');
  let current = 'off';     // the view's state; #plan[data-state] repeats it for the tests
  section.dataset.state = current;

  const field = (name) => (spec?.fields || []).find((f) => f.name === name);
  function valueText(name, value) {
    if (value === true) return t('yes');
    if (value === false) return t('no');
    const opt = (field(name)?.options || []).find((o) => o.value === value);
    return opt ? pick(opt.label) : String(value);
  }

  function setState(state) {
    current = state;
    section.dataset.state = state;
    if (state === 'pending') section.setAttribute('aria-busy', 'true');
    else section.removeAttribute('aria-busy');
    // A shown plan that is being redone says so beside its heading.
    let note = section.querySelector(':scope > .plan-updating');
    if (state === 'pending' && shown) {
      if (!note) {
        note = h('p', { class: 'plan-updating muted small', text: t('plan_updating') });
        const heading = section.querySelector(':scope > h2');
        if (heading) heading.after(note); else section.prepend(note);
      }
    } else if (note) note.remove();
  }

  function stopWaiting() {
    if (timer != null) clearTimeout(timer);
    timer = null;
  }

  const channel = latestChannel(engine, 'plan',
    ({ profile }, answer) => {
      if (JSON.stringify(profile) !== wantedKey) return;   // belt and braces: never show another input's plan
      if (answer.ok) {
        shown = { profile, plan: answer.result };
        failure = null;
        render();
      } else if ((answer.errors || []).some((e) => e.field)) {
        shown = null;       // the input was refused (the result panel shows why)
        render();
        setState('off');
      } else {
        failure = (answer.errors || []).map((e) => pick(e)).join(' ') || 'refused';
        shown = null;
        render();
      }
    },
    (err) => {
      failure = err.message;
      shown = null;
      render();
    });

  function actionItem(a, plan) {
    const meta = h('p', { class: 'pa-meta' });
    if (!plan.meets_standard) {
      meta.append(h('span', { class: `badge ${a.closes_gap ? 'badge-closes' : 'badge-partial'}`, text: a.closes_gap ? t('plan_closes') : t('plan_not_closes') }), ' ');
    }
    meta.append(h('span', { class: 'pa-time', text: a.months == null ? t('plan_takes_status') : t('plan_takes', { t: formatMonths(a.months, lang()) }) }));
    meta.append(' ', h('span', { class: 'article', text: a.article }));
    const li = h('li', { class: `plan-action${a.closes_gap ? ' closes' : ''}`, 'data-id': a.id },
      h('div', { class: 'pa-head' },
        h('span', { class: 'pa-label', text: pick(a.label) }),
        h('span', { class: 'pa-points', text: t('plan_points', { n: a.points }) })),
      meta);
    const also = Object.entries(a.also || {});
    if (also.length) {
      li.append(h('p', { class: 'pa-also' }, t('plan_also'),
        also.map(([name, value]) => `${pick(field(name)?.label) || name}：${valueText(name, value)}`).join(lang() === 'zh' ? '；' : '; ')));
    }
    return li;
  }

  function actionsBlock(plan) {
    const list = plan.actions || [];
    const block = h('section', { class: 'plan-actions-box', 'aria-labelledby': 'plan-actions-heading' });
    if (plan.disqualified) return null;
    if (!list.length) {
      block.append(h('h3', { id: 'plan-actions-heading', text: t('plan_actions') }), h('p', { class: 'muted', text: t('plan_none') }));
      return block;
    }
    const intro = h('p', { class: 'muted small', text: t('plan_actions_intro') });
    if (plan.meets_standard) {
      const details = h('details', { class: 'plan-more' },
        h('summary', { id: 'plan-actions-heading', text: t('plan_actions_more_met', { n: list.length }) }),
        intro, h('ol', { class: 'plan-actions' }, list.map((a) => actionItem(a, plan))));
      block.append(details);
      return block;
    }
    block.append(h('h3', { id: 'plan-actions-heading', text: t('plan_actions') }), intro,
      h('ol', { class: 'plan-actions' }, list.slice(0, SHOWN).map((a) => actionItem(a, plan))));
    if (list.length > SHOWN) {
      block.append(h('details', { class: 'plan-more' },
        h('summary', { text: t('plan_more', { n: list.length - SHOWN }) }),
        h('ol', { class: 'plan-actions', start: String(SHOWN + 1) }, list.slice(SHOWN).map((a) => actionItem(a, plan)))));
    }
    return block;
  }

  function render() {
    const heading = h('h2', { id: 'plan-heading' });
    if (failure) {
      heading.textContent = t('plan_heading', { n: spec.standard });
      section.replaceChildren(heading, h('p', { class: 'plan-failed', role: 'alert', text: t('plan_failed', { m: failure }) }));
      setState('error');
      return;
    }
    if (!shown) {
      section.replaceChildren();
      return;
    }
    const { plan } = shown;
    const n = plan.standard;
    const points = plan.projection || [];
    heading.textContent = plan.meets_standard ? t('plan_heading_met') : t('plan_heading', { n });

    const status = h('div', { class: `plan-status plan-status-${plan.disqualified ? 'vetoed' : plan.meets_standard ? 'met' : 'below'}` });
    if (plan.disqualified) {
      status.append(h('p', { class: 'plan-gap', text: t('plan_vetoed') }));
    } else if (plan.meets_standard) {
      status.append(h('p', { class: 'plan-gap', text: t('plan_met') }),
        h('p', { class: 'plan-sub', text: t('plan_met_sub', { total: plan.total, over: plan.total - n }) }));
    } else {
      status.append(h('p', { class: 'plan-gap', text: t('plan_gap', { gap: plan.gap }) }),
        h('p', { class: 'plan-sub', text: t('plan_gap_sub', { total: plan.total, n }) }));
    }

    const parts = [heading, status];
    // pending_figures: the plan used last year's average wage; the new figures are not published yet
    if (plan.notes?.length) {
      parts.push(h('ul', { class: 'plan-notes' },
        plan.notes.map((n) => h('li', { class: `note note-${n.kind}`, 'data-note-kind': n.kind, text: pick(n) }))));
    }
    if (!plan.disqualified && points.length) {
      const k = reachIndex(plan);
      const when = h('p', { class: 'plan-when' });
      if (k > 0) when.textContent = t('plan_when', { n, date: formatDate(points[k].date, lang()), wait: formatMonths(k, lang()) });
      else if (k < 0) when.textContent = t('plan_never', { n, years: horizonYears(points), end: points[points.length - 1].total });
      if (when.textContent) parts.push(when);
      if (k >= 0) {
        const drop = points.findIndex((p, i) => i > k && p.total < n);
        if (drop > 0) {
          const ageFell = (points[drop].items?.age ?? 0) < (points[drop - 1].items?.age ?? 0);
          parts.push(h('p', { class: 'plan-warn', text: t('plan_drops', { n, date: formatDate(points[drop].date, lang()), why: ageFell ? t('plan_why_age') : t('plan_why_other') }) }));
        }
      }
      parts.push(projectionChart(plan, lang()));
    }
    if (plan.explanations?.length) {
      parts.push(h('section', { class: 'plan-explanations', 'aria-labelledby': 'plan-expl-heading' },
        h('h3', { id: 'plan-expl-heading', text: t('plan_explanations') }),
        h('ul', {}, plan.explanations.map((e) => h('li', { text: pick(e) })))));
    }
    const actions = actionsBlock(plan);
    if (actions) parts.push(actions);
    if (plan.assumptions?.length && !plan.disqualified) {
      parts.push(h('details', { class: 'plan-assumptions' },
        h('summary', { text: t('plan_assumptions') }),
        h('ul', {}, plan.assumptions.map((a) => h('li', { text: pick(a) })))));
    }
    // A short summary for the live region of the score is the result panel's job; the plan
    // keeps its outcome in words in the chart description.
    section.replaceChildren(...parts);
    section.dataset.total = String(plan.total);
    section.dataset.reaches = plan.reaches_standard_on || '';
    setState('ready');
  }

  // A newer input is being scored, or the input was refused: the shown plan is stale.
  function onScoreState({ state }) {
    if (state === 'pending') {
      stopWaiting();
      channel.cancel();
      if (current !== 'off' || shown) setState('pending');
    } else if (state === 'invalid' || state === 'error') {
      stopWaiting();
      channel.cancel();
      wantedKey = null;
      shown = null;
      failure = null;
      section.replaceChildren(h('p', { class: 'plan-off muted', text: t('plan_off') }));
      setState('off');
    }
  }
  on('score-state', onScoreState);
  if (refused) onScoreState({ state: 'invalid' });

  function onResult({ profile }) {
    if (!profile) return;
    const key = JSON.stringify(profile);
    if (shown && key === JSON.stringify(shown.profile) && !failure) {
      // Back to the input whose plan is on screen (e.g. an edit undone): nothing to ask.
      stopWaiting();
      channel.cancel();
      wantedKey = key;
      setState('ready');
      return;
    }
    wantedKey = key;
    failure = null;
    if (!shown) section.replaceChildren(h('p', { class: 'plan-loading muted', text: t('plan_loading') }));
    setState('pending');
    stopWaiting();
    channel.cancel();     // an answer for an older input, if any, is not shown
    timer = setTimeout(() => {
      timer = null;
      if (wantedKey === key) channel.submit({ profile });
    }, AFTER_STABLE_MS);
  }
  on('result', onResult);
  if (first) onResult(first);

  on('lang', () => {
    const was = current;
    if (shown || failure) {
      render();
      if (was === 'pending') setState('pending');   // still waiting for the newest plan
    } else if (was === 'off' && section.firstChild) {
      section.replaceChildren(h('p', { class: 'plan-off muted', text: t('plan_off') }));
    } else if (was === 'pending' && section.querySelector('.plan-loading')) {
      section.replaceChildren(h('p', { class: 'plan-loading muted', text: t('plan_loading') }));
    }
  });

  return { get shown() { return shown; }, describe: (lng = lang()) => (shown ? describe(shown.plan, lng) : '') };
}
