// The plan under the result (<section id="plan">): the gap to the standard, when time alone
// gets there (with the projection chart), the ranked actions, what the projection assumes,
// and why deductions and vetoes cannot be planned away.
//
// It follows the score, but never gets in its way: a plan takes the worker 65–90 ms, and a
// score asked for meanwhile would wait behind it. So the plan is asked for (op `plan`, latest
// wins) only once the result has stayed the same for PLAN_DELAY ms; every "shpoints:result"
// event (app.mjs) restarts that wait, and so does a newer input being scored (#total
// data-state "pending"), which also drops any plan answer still on its way. Meanwhile the
// shown plan is marked "updating". An input the engine refuses hides the plan.
//
// Readiness signal (tests): #plan[data-state] = "pending" | "ready" | "off" | "error";
// when "ready", #plan[data-total] is the total the plan was made for.

import { latestChannel } from '../engine/engine-client.mjs';
import { lang, pick, onLangChange, fill } from '../shared/i18n.mjs';
import { projectionChart, describe, formatDate, formatMonths } from './chart.mjs';
import { h } from '../shared/dom.mjs';

const SHOWN = 5;   // actions shown before "more"
const PLAN_DELAY = 300;   // ms the result must stay unchanged before the plan is asked for

const T = {
  heading: { zh: '怎样达到 {n} 分', en: 'How to reach {n}' },
  heading_met: { zh: '今后的积分', en: 'Your points from here' },
  loading: { zh: '正在计算达标计划…', en: 'Working out the plan…' },
  updating: { zh: '正在更新…', en: 'Updating…' },
  gap: { zh: '还差 {gap} 分', en: '{gap} points short' },
  gap_sub: { zh: '现在 {total} 分，标准分 {n} 分。', en: 'Now {total}; the standard is {n}.' },
  met: { zh: '已达到标准分', en: 'Meets the standard' },
  met_sub: { zh: '现在 {total} 分，超出标准分 {over} 分。', en: 'Now {total}, {over} above the standard.' },
  vetoed: { zh: '一票否决：任何加分都不能达标', en: 'Vetoed: no points can reach the standard' },
  when: { zh: '只要照常缴纳社保、其他情况不变，预计 {date} 达到 {n} 分（{wait}后）。', en: 'Paying social insurance as now, with nothing else changing, you reach {n} on {date} (in {wait}).' },
  never: { zh: '只靠时间，未来 10 年内达不到 {n} 分（10 年后 {end} 分）。需要下面的做法。', en: 'Time alone does not get you to {n} within 10 years ({end} after 10 years). It takes one of the actions below.' },
  drops: { zh: '注意：按现状推算，{date} 起会降到 {n} 分以下（{why}）。', en: 'Note: as things stand the total falls below {n} from {date} ({why}).' },
  why_age: { zh: '年龄分随年龄减少', en: 'age points go down with age' },
  why_other: { zh: '见下方图表', en: 'see the chart below' },
  actions: { zh: '能加分的做法', en: 'What would add points' },
  actions_more_met: { zh: '还能加分的做法（{n} 项）', en: 'What would add more points ({n})' },
  actions_intro: { zh: '按“能否单独达标、需要多久、加多少分”排序；分数是在今天的总分上实际能增加的分数（已考虑“只取最高一项”和封顶）。', en: 'Ranked by: closes the gap on its own, time it takes, points. Points are what the total actually gains today (the one-of rules and caps applied).' },
  none: { zh: '按现有信息，没有找到能加分的做法。', en: 'With what you entered, no action adds points.' },
  more: { zh: '其余 {n} 项', en: '{n} more' },
  points: { zh: '+{n} 分', en: '+{n} pts' },
  closes: { zh: '单独即可达标', en: 'Closes the gap alone' },
  not_closes: { zh: '单独不够', en: 'Not enough alone' },
  takes: { zh: '需时：最多 {t}', en: 'Takes: up to {t}' },
  takes_status: { zh: '需时：取决于何时取得', en: 'Takes: as soon as you obtain it' },
  also: { zh: '还需要：', en: 'Also needs: ' },
  explanations: { zh: '扣分和否决', en: 'Deductions and vetoes' },
  assumptions: { zh: '推算基于这些假设', en: 'What the projection assumes' },
  off: { zh: '先修改上面标出的内容，才能计算达标计划。', en: 'Fix the marked entries above to see the plan.' },
  failed: { zh: '达标计划计算出错：{m}', en: 'The plan could not be worked out: {m}' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
};

const tr = (key, vars = {}) => fill(T[key][lang()] ?? T[key].zh, vars);


/**
 * Mount the plan view on `section` (default #plan). `engine` is the engine client
 * (startEngine); `spec` the form spec, for the labels of the fields an action also needs.
 */
export function mountPlanView(engine, { spec = null, section = document.getElementById('plan') } = {}) {
  if (!section) return null;
  const total = document.getElementById('total');
  let shown = null;       // {profile, plan} on screen
  let wantedKey = null;   // the profile the newest request is for
  let failure = null;
  let timer = null;       // the delayed plan request (PLAN_DELAY)

  section.setAttribute('aria-labelledby', 'plan-heading');
  section.dataset.state = 'off';

  const field = (name) => (spec?.fields || []).find((f) => f.name === name);
  function valueText(name, value) {
    if (value === true) return tr('yes');
    if (value === false) return tr('no');
    const opt = (field(name)?.options || []).find((o) => o.value === value);
    return opt ? pick(opt.label) : String(value);
  }

  function setState(state) {
    section.dataset.state = state;
    if (state === 'pending') section.setAttribute('aria-busy', 'true');
    else section.removeAttribute('aria-busy');
    // A shown plan that is being redone says so beside its heading.
    let note = section.querySelector(':scope > .plan-updating');
    if (state === 'pending' && shown) {
      if (!note) {
        note = h('p', { class: 'plan-updating muted small', text: tr('updating') });
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
      meta.append(h('span', { class: `badge ${a.closes_gap ? 'badge-closes' : 'badge-partial'}`, text: a.closes_gap ? tr('closes') : tr('not_closes') }), ' ');
    }
    meta.append(h('span', { class: 'pa-time', text: a.months == null ? tr('takes_status') : tr('takes', { t: formatMonths(a.months, lang()) }) }));
    meta.append(' ', h('span', { class: 'article', text: a.article }));
    const li = h('li', { class: `plan-action${a.closes_gap ? ' closes' : ''}`, 'data-id': a.id },
      h('div', { class: 'pa-head' },
        h('span', { class: 'pa-label', text: pick(a.label) }),
        h('span', { class: 'pa-points', text: tr('points', { n: a.points }) })),
      meta);
    const also = Object.entries(a.also || {});
    if (also.length) {
      li.append(h('p', { class: 'pa-also' }, tr('also'),
        also.map(([name, value]) => `${pick(field(name)?.label) || name}：${valueText(name, value)}`).join(lang() === 'zh' ? '；' : '; ')));
    }
    return li;
  }

  function actionsBlock(plan) {
    const list = plan.actions || [];
    const block = h('section', { class: 'plan-actions-box', 'aria-labelledby': 'plan-actions-heading' });
    if (plan.disqualified) return null;
    if (!list.length) {
      block.append(h('h3', { id: 'plan-actions-heading', text: tr('actions') }), h('p', { class: 'muted', text: tr('none') }));
      return block;
    }
    const intro = h('p', { class: 'muted small', text: tr('actions_intro') });
    if (plan.meets_standard) {
      const details = h('details', { class: 'plan-more' },
        h('summary', { id: 'plan-actions-heading', text: tr('actions_more_met', { n: list.length }) }),
        intro, h('ol', { class: 'plan-actions' }, list.map((a) => actionItem(a, plan))));
      block.append(details);
      return block;
    }
    block.append(h('h3', { id: 'plan-actions-heading', text: tr('actions') }), intro,
      h('ol', { class: 'plan-actions' }, list.slice(0, SHOWN).map((a) => actionItem(a, plan))));
    if (list.length > SHOWN) {
      block.append(h('details', { class: 'plan-more' },
        h('summary', { text: tr('more', { n: list.length - SHOWN }) }),
        h('ol', { class: 'plan-actions', start: String(SHOWN + 1) }, list.slice(SHOWN).map((a) => actionItem(a, plan)))));
    }
    return block;
  }

  function render() {
    const heading = h('h2', { id: 'plan-heading' });
    if (failure) {
      heading.textContent = tr('heading', { n: 120 });
      section.replaceChildren(heading, h('p', { class: 'plan-failed', role: 'alert', text: tr('failed', { m: failure }) }));
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
    heading.textContent = plan.meets_standard ? tr('heading_met') : tr('heading', { n });

    const status = h('div', { class: `plan-status plan-status-${plan.disqualified ? 'vetoed' : plan.meets_standard ? 'met' : 'below'}` });
    if (plan.disqualified) {
      status.append(h('p', { class: 'plan-gap', text: tr('vetoed') }));
    } else if (plan.meets_standard) {
      status.append(h('p', { class: 'plan-gap', text: tr('met') }),
        h('p', { class: 'plan-sub', text: tr('met_sub', { total: plan.total, over: plan.total - n }) }));
    } else {
      status.append(h('p', { class: 'plan-gap', text: tr('gap', { gap: plan.gap }) }),
        h('p', { class: 'plan-sub', text: tr('gap_sub', { total: plan.total, n }) }));
    }

    const parts = [heading, status];
    if (!plan.disqualified && points.length) {
      const k = points.findIndex((p) => p.total >= n);
      const when = h('p', { class: 'plan-when' });
      if (k > 0) when.textContent = tr('when', { n, date: formatDate(points[k].date, lang()), wait: formatMonths(k, lang()) });
      else if (k < 0) when.textContent = tr('never', { n, end: points[points.length - 1].total });
      if (when.textContent) parts.push(when);
      if (k >= 0) {
        const drop = points.findIndex((p, i) => i > k && p.total < n);
        if (drop > 0) {
          const ageFell = (points[drop].items?.age ?? 0) < (points[drop - 1].items?.age ?? 0);
          parts.push(h('p', { class: 'plan-warn', text: tr('drops', { n, date: formatDate(points[drop].date, lang()), why: ageFell ? tr('why_age') : tr('why_other') }) }));
        }
      }
      parts.push(projectionChart(points, n, lang()));
    }
    if (plan.explanations?.length) {
      parts.push(h('section', { class: 'plan-explanations', 'aria-labelledby': 'plan-expl-heading' },
        h('h3', { id: 'plan-expl-heading', text: tr('explanations') }),
        h('ul', {}, plan.explanations.map((e) => h('li', { text: pick(e) })))));
    }
    const actions = actionsBlock(plan);
    if (actions) parts.push(actions);
    if (plan.assumptions?.length && !plan.disqualified) {
      parts.push(h('details', { class: 'plan-assumptions' },
        h('summary', { text: tr('assumptions') }),
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
  function onScoreState() {
    const state = total?.dataset.state;
    if (state === 'pending') {
      stopWaiting();
      channel.cancel();
      if (section.dataset.state !== 'off' || shown) setState('pending');
    } else if (state === 'invalid' || state === 'error') {
      stopWaiting();
      channel.cancel();
      wantedKey = null;
      shown = null;
      failure = null;
      section.replaceChildren(h('p', { class: 'plan-off muted', text: tr('off') }));
      setState('off');
    }
  }
  if (total) new MutationObserver(onScoreState).observe(total, { attributes: true, attributeFilter: ['data-state'] });

  document.addEventListener('shpoints:result', (event) => {
    const { profile } = event.detail || {};
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
    if (!shown) section.replaceChildren(h('p', { class: 'plan-loading muted', text: tr('loading') }));
    setState('pending');
    stopWaiting();
    channel.cancel();     // an answer for an older input, if any, is not shown
    timer = setTimeout(() => {
      timer = null;
      if (wantedKey === key) channel.submit({ profile });
    }, PLAN_DELAY);
  });

  onLangChange(() => {
    const was = section.dataset.state;
    if (shown || failure) {
      render();
      if (was === 'pending') setState('pending');   // still waiting for the newest plan
    } else if (was === 'off' && section.firstChild) {
      section.replaceChildren(h('p', { class: 'plan-off muted', text: tr('off') }));
    } else if (was === 'pending' && section.querySelector('.plan-loading')) {
      section.replaceChildren(h('p', { class: 'plan-loading muted', text: tr('loading') }));
    }
  });

  return { get shown() { return shown; }, describe: (lng = lang()) => (shown ? describe(shown.plan.projection, shown.plan.standard, lng) : '') };
}
