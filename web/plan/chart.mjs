// The projection chart: the total month by month over the plan's horizon (the plan JSON's
// `projection`), the standard line and the date it is reached, as inline SVG.
//
// Sized by its viewBox and `width: 100%` (web/plan/plan.css), so it fits a 375 px phone without
// scrolling; the text is sized in viewBox units chosen so it stays readable at that width.
// No style attributes (the page's CSP): colours and line styles come from classes.
// Accessible: role="img" with a <title>/<desc> that say the outcome in words, and a
// visually hidden table with the total year by year.

import { h } from '../shared/dom.mjs';
import { t } from '../shared/i18n.mjs';

const SVG = 'http://www.w3.org/2000/svg';
const W = 360;
const H = 252;
const M = { left: 38, right: 14, top: 40, bottom: 42 };
let uid = 0;


function svg(tag, attrs = {}, text = null) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, String(v));
  if (text != null) el.textContent = text;
  return el;
}

const html = (tag, attrs = {}, text = null) => h(tag, { ...attrs, text });

const parse = (iso) => { const [y, m, d] = iso.split('-').map(Number); return { y, m, d }; };

/** A date as the page language writes it: 2029年5月21日 / 21 May 2029. */
export function formatDate(iso, lng) {
  const { y, m, d } = parse(iso);
  if (lng === 'zh') return `${y}年${m}月${d}日`;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** A month count as years and months: 18 → 1 年 6 个月 / 1 year 6 months. */
export function formatMonths(n, lng) {
  const y = Math.floor(n / 12);
  const m = n % 12;
  if (lng === 'zh') return [y ? `${y} 年` : '', m || !y ? `${m} 个月` : ''].filter(Boolean).join(' ');
  const part = (k, one, many) => `${k} ${k === 1 ? one : many}`;
  return [y ? part(y, 'year', 'years') : '', m || !y ? part(m, 'month', 'months') : ''].filter(Boolean).join(' ');
}

function niceScale(maxValue) {
  const step = maxValue <= 180 ? 30 : maxValue <= 360 ? 60 : 100;
  return { step, top: Math.max(step * Math.ceil((maxValue * 1.08) / step), 150) };
}

/** The reach date's index in the projection (the plan's `reaches_standard_on`), -1 if none. */
export function reachIndex(plan) {
  return plan.reaches_standard_on ? plan.projection.findIndex((p) => p.date === plan.reaches_standard_on) : -1;
}

/** The projection's length in whole years (the plan's horizon, as the engine made it). */
export const horizonYears = (points) => Math.round((points.length - 1) / 12);

/** Words for the outcome (used for the SVG's description and by the plan view). */
export function describe(plan, lng) {
  const { projection: points, standard } = plan;
  const years = horizonYears(points);
  const first = points[0];
  const last = points[points.length - 1];
  const k = reachIndex(plan);
  const totals = points.map((p) => p.total);
  const parts = [t('chart_desc_now', { total: first.total }, lng)];
  if (k === 0) parts.push(t('chart_desc_reached_now', { n: standard }, lng));
  else if (k > 0) parts.push(t('chart_desc_reached', { n: standard, date: formatDate(points[k].date, lng), wait: formatMonths(k, lng) }, lng));
  else parts.push(t('chart_desc_never', { n: standard, years }, lng));
  if (k >= 0) {
    const drop = points.findIndex((p, i) => i > k && p.total < standard);
    if (drop > 0) parts.push(t('chart_desc_drops', { n: standard, date: formatDate(points[drop].date, lng) }, lng));
  }
  parts.push(t('chart_desc_end', { years, date: formatDate(last.date, lng), total: last.total, max: Math.max(...totals), min: Math.min(...totals) }, lng));
  return parts.join(lng === 'zh' ? '' : ' ');
}

/**
 * A <figure> with the chart of the plan's `projection` ([{date, total}], month 0 first)
 * against its `standard` and `reaches_standard_on`, in language `lng` ('zh' | 'en').
 */
export function projectionChart(plan, lng) {
  const { projection: points, standard } = plan;
  uid += 1;
  const id = `proj-${uid}`;
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const n = points.length - 1 || 1;
  const totals = points.map((p) => p.total);
  const { step, top } = niceScale(Math.max(standard, ...totals));
  const x = (i) => M.left + (i / n) * pw;
  const y = (v) => M.top + ph - (v / top) * ph;
  const r1 = (v) => Math.round(v * 10) / 10;
  const k = reachIndex(plan);

  const root = svg('svg', {
    viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-labelledby': `${id}-title ${id}-desc`,
    'data-reached': k >= 0 ? points[k].date : '', 'data-standard': standard,
  });
  root.append(svg('title', { id: `${id}-title` }, t('chart_title', { years: horizonYears(points) }, lng)));
  root.append(svg('desc', { id: `${id}-desc` }, describe(plan, lng)));

  // Horizontal grid + y labels.
  const grid = svg('g', { class: 'chart-grid', 'aria-hidden': 'true' });
  for (let v = 0; v <= top; v += step) {
    grid.append(svg('line', { x1: M.left, x2: W - M.right, y1: r1(y(v)), y2: r1(y(v)) }));
    if (v !== standard) grid.append(svg('text', { x: M.left - 6, y: r1(y(v) + 4), class: 'chart-tick chart-tick-y' }, String(v)));
  }
  root.append(grid);

  // X axis: a tick at each 1 January inside the range, every year labelled when there is
  // room (every other year otherwise).
  const start = parse(points[0].date);
  const monthsTo = (yy) => (yy - start.y) * 12 + (1 - start.m) - (start.d - 1) / 30.4;
  const axis = svg('g', { class: 'chart-axis', 'aria-hidden': 'true' });
  axis.append(svg('line', { x1: M.left, x2: W - M.right, y1: M.top + ph, y2: M.top + ph }));
  axis.append(svg('line', { x1: M.left, x2: M.left, y1: M.top, y2: M.top + ph }));
  const years = [];
  for (let yy = start.y + 1; monthsTo(yy) <= n; yy += 1) years.push(yy);
  const every = years.length > 6 ? 2 : 1;
  years.forEach((yy, i) => {
    const px = r1(x(monthsTo(yy)));
    axis.append(svg('line', { x1: px, x2: px, y1: M.top + ph, y2: M.top + ph + 5 }));
    if (i % every === (years.length - 1) % every) {
      axis.append(svg('text', { x: px, y: M.top + ph + 18, class: 'chart-tick chart-tick-x' }, String(yy)));
    }
  });
  axis.append(svg('text', { x: M.left + pw / 2, y: H - 4, class: 'chart-axis-title' }, t('chart_axis_x', {}, lng)));
  axis.append(svg('text', { x: 4, y: M.top - 10, class: 'chart-axis-title chart-axis-title-y' }, t('chart_axis_y', {}, lng)));
  root.append(axis);

  // The standard.
  const sy = r1(y(standard));
  const std = svg('g', { class: 'chart-standard', 'aria-hidden': 'true' });
  std.append(svg('line', { x1: M.left, x2: W - M.right, y1: sy, y2: sy }));
  std.append(svg('text', { x: M.left - 6, y: r1(sy + 4), class: 'chart-tick chart-tick-y chart-standard-tick' }, String(standard)));
  root.append(std);

  // The total: a step line (it changes only when a month adds points).
  let d = `M${r1(x(0))} ${r1(y(totals[0]))}`;
  for (let i = 1; i < totals.length; i += 1) {
    if (totals[i] !== totals[i - 1]) d += `H${r1(x(i))}V${r1(y(totals[i]))}`;
  }
  d += `H${r1(x(n))}`;
  root.append(svg('path', { d, class: 'chart-line', 'aria-hidden': 'true' }));

  // The date the standard is reached (or why it is not marked).
  const mark = svg('g', { class: 'chart-mark', 'aria-hidden': 'true' });
  if (k >= 0) {
    const px = r1(x(k));
    const py = r1(y(totals[k]));
    if (k > 0) mark.append(svg('line', { x1: px, x2: px, y1: M.top + ph, y2: py, class: 'chart-mark-rule' }));
    mark.append(svg('circle', { cx: px, cy: py, r: 5, class: 'chart-mark-dot' }));
    const label = k === 0
      ? t('chart_reached_now', { n: standard }, lng)
      : t('chart_reached', { n: standard, date: points[k].date.slice(0, 7), }, lng);
    const right = px > M.left + pw * 0.55;
    // Above the point, unless the point is near the top of the plot.
    const ly = py - 12 < M.top + 4 ? py + 20 : py - 12;
    mark.append(svg('text', { x: right ? px - 6 : px + 6, y: r1(ly), class: `chart-mark-label ${right ? 'chart-anchor-end' : ''}`.trim() }, label));
  } else {
    mark.append(svg('text', { x: M.left + 8, y: r1(Math.max(M.top + 12, sy - 22)), class: 'chart-mark-label chart-never' }, t('chart_never', { n: standard, years: horizonYears(points) }, lng)));
  }
  root.append(mark);

  // A legend above the plot (instead of labels on the lines, which could collide).
  const legend = svg('g', { class: 'chart-legend', 'aria-hidden': 'true' });
  const textWidth = (str) => [...str].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 11 : 6.2), 0);
  let lx = M.left;
  const entry = (sample, text) => {
    legend.append(sample(lx));
    legend.append(svg('text', { x: lx + 22, y: 14 }, text));
    lx += 22 + textWidth(text) + 14;
  };
  entry((x0) => svg('line', { x1: x0, x2: x0 + 16, y1: 10, y2: 10, class: 'chart-legend-line' }), t('total_label', {}, lng));
  entry((x0) => svg('line', { x1: x0, x2: x0 + 16, y1: 10, y2: 10, class: 'chart-standard-sample' }), t('standard', { n: standard }, lng));
  if (k >= 0) entry((x0) => svg('circle', { cx: x0 + 8, cy: 10, r: 4.5, class: 'chart-legend-dot' }), t('chart_legend_reached', { n: standard }, lng));
  root.append(legend);

  // The data, for screen readers: the total on the same day each year.
  const table = html('table');
  table.append(html('caption', {}, t('chart_table_caption', {}, lng)));
  const head = html('tr');
  head.append(html('th', { scope: 'col' }, t('chart_table_date', {}, lng)), html('th', { scope: 'col' }, t('total_label', {}, lng)));
  const thead = html('thead');
  thead.append(head);
  const tbody = html('tbody');
  for (let i = 0; i < points.length; i += 12) {
    const row = html('tr');
    row.append(html('th', { scope: 'row' }, formatDate(points[i].date, lng)), html('td', {}, String(points[i].total)));
    tbody.append(row);
  }
  table.append(thead, tbody);

  const figure = html('figure', { class: 'plan-chart' });
  const hidden = html('div', { class: 'sr-only' });   // a div: a table is never narrower than its content
  hidden.append(table);
  figure.append(root, hidden);
  return figure;
}
