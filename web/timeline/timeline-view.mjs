// The timeline's answer (op `timeline`): the points' validity, what to do and when, the
// child's milestones with a verdict and its sources, what 120 unlocks (and does not), the
// 居转户 pre-check kept apart, and the .ics download (a Blob made in the page; no server).

import { t, bindText } from '../shared/i18n.mjs';
import { h } from '../shared/dom.mjs';
import { downloadBytes } from '../shared/download.mjs';

const text = (tag, attrs, value) => bindText(h(tag, attrs), value);
const chrome = (tag, attrs, key, vars) => h(tag, { ...attrs, 'data-i18n': vars ? null : key, text: t(key, vars) });

function sources(list) {
  const ul = h('ul', { class: 'tl-sources small' });
  for (const s of list) {
    const li = h('li', {}, text('span', {}, s.title), s.article ? h('span', { class: 'article', text: ` ${s.article}` }) : null);
    if (!s.official) li.append(' ', chrome('span', { class: 'tl-unofficial' }, 'tl_unofficial'));
    if (s.confirm_with) li.append(' ', text('span', { class: 'muted' }, s.confirm_with));
    ul.append(li);
  }
  return ul;
}

function milestone(m, verdicts) {
  const li = h('li', { class: `tl-milestone tl-${m.verdict}`, 'data-id': m.id, 'data-verdict': m.verdict },
    h('div', { class: 'tl-m-head' }, text('span', { class: 'tl-m-label' }, m.label),
      text('span', { class: `badge tl-badge tl-badge-${m.verdict}` }, verdicts[m.verdict])),
    h('p', { class: 'tl-m-dates muted small', text: `${m.start} – ${m.end}` }),
    text('p', { class: 'tl-m-reason' }, m.reason));
  if (!m.official) {
    li.append(h('p', { class: 'tl-m-office small' }, chrome('span', {}, 'tl_confirm_with'), ' ', text('span', {}, m.office)));
  }
  const more = h('details', { class: 'tl-more' }, chrome('summary', {}, 'tl_sources'), sources(m.sources));
  li.append(more);
  return li;
}

function download(result) {
  // the Blob is made when the button is used, not for every answer drawn
  const button = chrome('button', { type: 'button', class: 'button tl-ics' }, 'tl_ics');
  button.addEventListener('click', () => downloadBytes(result.ics, `shpoints-timeline-${result.on}.ics`, 'text/calendar;charset=utf-8'));
  return button;
}

/** Replace `root`'s content with the answer; `labels`: formspec.json's `timeline`
 * (what each verdict and each pre-check status is called). */
export function renderTimeline(root, result, labels) {
  const p = result.points;
  const out = [h('div', { class: `tl-status tl-status-${p.state}`, 'data-state': p.state },
    text('p', { class: 'tl-status-text' }, p.message), sources(p.sources))];

  if (result.actions.length) {
    const ol = h('ol', { class: 'tl-actions' });
    for (const a of result.actions) {
      ol.append(h('li', { class: a.overdue ? 'tl-overdue' : null, 'data-id': a.id },
        h('span', { class: 'tl-date', text: a.date }), ' ', text('span', {}, a.label)));
    }
    out.push(chrome('h3', {}, 'tl_actions'), ol);
  }

  out.push(chrome('h3', {}, 'tl_child'));
  if (result.child) {
    out.push(text('p', { class: 'muted small' }, result.child.rule));
    const ul = h('ul', { class: 'tl-milestones' });
    for (const m of result.child.milestones) ul.append(milestone(m, labels.verdicts));
    out.push(result.child.milestones.length ? ul : chrome('p', { class: 'muted' }, 'tl_no_milestones'));
  } else {
    out.push(chrome('p', { class: 'muted' }, 'tl_child_missing'));
  }
  out.push(h('p', {}, download(result)), ...result.notes.map((n) => text('p', { class: 'muted small' }, n)));

  const unlocks = h('details', { class: 'tl-unlocks', id: 'unlocks' }, chrome('summary', {}, 'tl_unlocks'));
  const ul = h('ul', {});
  for (const u of result.unlocks) {
    ul.append(h('li', { class: u.gives ? 'tl-gives' : 'tl-not-gives', 'data-id': u.id },
      chrome('strong', {}, u.gives ? 'tl_gives' : 'tl_not_gives'), ' ', text('span', {}, u.text), sources([u.source])));
  }
  unlocks.append(ul);
  out.push(unlocks);

  const s = result.settle;
  const settle = h('section', { class: 'tl-settle', 'aria-labelledby': 'tl-settle-heading', 'data-status': s.status },
    chrome('h3', { id: 'tl-settle-heading' }, 'tl_settle'), text('p', { class: 'tl-settle-separate' }, s.separate),
    text('p', { class: 'tl-settle-summary' }, s.summary));
  const checks = h('ul', { class: 'checks' });
  for (const c of s.checks) {
    checks.append(h('li', { 'data-id': c.id, 'data-status': c.status },
      text('span', { class: `badge tl-settle-${c.status}` }, labels.settle_statuses[c.status]), ' ', text('span', {}, c.label)));
  }
  const routes = h('ul', { class: 'tl-routes' });
  for (const r of s.shortened_routes) routes.append(text('li', {}, r.label));
  settle.append(checks, text('p', { class: 'muted small' }, s.shortened_note), routes, sources([s.source]));
  out.push(settle);
  root.replaceChildren(...out);
}

