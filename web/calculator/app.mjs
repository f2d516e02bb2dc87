// Wiring: start the engine and fetch the form spec in parallel, render the form at once,
// score live (latest wins), and expose window.shpoints and the module hooks.
//
// Readiness signals (for tests and the bench):
//   <html data-engine="loading|ready|failed">
//   #total[data-state]: "pending" while the newest input is being computed, "ready" when it
//   shows the result of the newest input, "invalid" when the newest input was refused
//   (field errors shown), "error" when the engine could not answer.
// Hooks for later features: getProfile(), setProfile(obj), whenFormReady(), and the
// document event "shpoints:result" with detail {profile, result}.

import { setLang, lang, t, setDefaults, specVars } from '../shared/i18n.mjs';
import { startEngine, latestChannel } from '../engine/engine-client.mjs';
import { emit, on } from '../shared/events.mjs';
import { lazy } from '../shared/lazy.mjs';
import { renderForm, PROFILE } from './form.mjs';
import { createResultView } from './result.mjs';
import { placeResult } from './placement.mjs';
import { initFeatures } from '../features/features.mjs';

const root = document.documentElement;
root.dataset.engine = 'loading';

let view = null;
let lastStatus = null;
const engine = startEngine((status) => {
  lastStatus = status;
  if (status.state === 'ready' || status.state === 'failed') root.dataset.engine = status.state;
  if (view) view.setEngineStatus(status);
  emit('engine-state', status);
});
const specPromise = fetch(new URL('./formspec.json', document.baseURI)).then((r) => {
  if (!r.ok) throw new Error(`formspec.json: HTTP ${r.status}`);
  return r.json();
});

let form = null;
let resolveTimeline;   // with mountTimelineLoader's {load(), open(), expand()} once the spec is there
const timelineReady = new Promise((resolve) => { resolveTimeline = resolve; });
let resolveForm;
const formReady = new Promise((resolve) => { resolveForm = resolve; });

/** Resolves with the form API once the form is on the page. */
export function whenFormReady() { return formReady; }
/** The profile as currently entered (empty inputs and defaults left out). */
export function getProfile() { return form ? form.getProfile() : {}; }
/** Fill the form with `profile` (replacing what was entered) and score it; returns unknown keys. */
export function setProfile(profile) { return form ? form.setProfile(profile) : null; }

window.shpoints = {
  /** Resolves when the engine is ready, rejects if it failed to start. */
  ready: engine.ready,
  /** The result JSON for `profile`; rejects with an Error whose .errors lists the field errors. */
  async score(profile) {
    await engine.ready;
    return engine.call('score', { profile });
  },
  /** The insurance-base tier: {monthly_base, on?, average?}. */
  async tier(request) {
    await engine.ready;
    return engine.call('tier', request);
  },
  getProfile,
  setProfile,
  whenFormReady,
};

// ------------------------------------------------------------------ language switch
const langButton = document.getElementById('lang-switch');
function applyLangButton() {
  langButton.lang = lang() === 'zh' ? 'en' : 'zh-CN';
}
langButton.addEventListener('click', () => {
  setLang(lang() === 'zh' ? 'en' : 'zh');
  applyLangButton();
  if (view) view.rerender();
  if (tier) tier.rerender();
});
document.getElementById('reload').addEventListener('click', () => location.reload());

// ------------------------------------------------------------------ form + live score
let tier = null;
let lastKey = null;
let channel = null;

function update() {
  const profile = form.getProfile();
  const key = JSON.stringify(profile);
  if (key === lastKey) return;
  lastKey = key;
  view.pending();
  channel.submit({ profile });
}

// Parts loaded on first use (dynamic import), prefetched once the engine is ready so the
// first use finds them loaded: the plan (with its chart) and the insurance-base helper.
const planView = lazy(() => import('../plan/plan-view.mjs'));
const tierHelper = lazy(() => import('../features/helper-tier.mjs'));
const timelineModule = lazy(() => import('../timeline/timeline.mjs'));

function mountLazyParts(spec) {
  // The tier helper's summary is part of the form (form.mjs PROFILE); its body loads when first opened.
  const box = document.getElementById('tier-helper');
  box?.addEventListener('toggle', () => {
    if (box.open && !tier) tierHelper().then((m) => { tier ??= m.mountTierHelper(engine, form, box); });
  });
  // The plan under the result, with the first result (or refusal): mounted with the newest
  // of them, so none that arrives while the module loads is lost.
  let latest = null;
  let mounted = false;
  const mountPlan = () => planView().then((m) => {
    if (mounted) return;
    mounted = true;
    offResult();
    offState();
    m.mountPlanView(engine, { spec, ...latest });
  });
  const offResult = on('result', (first) => { latest = { first }; mountPlan(); });
  const offState = on('score-state', ({ state }) => {
    if (state === 'invalid' || state === 'error') { latest = { refused: true }; mountPlan(); }
  });
  engine.ready.then(() => { planView(); tierHelper(); }, () => {});
  resolveTimeline(mountTimelineLoader(spec));
}

// The timeline under the plan (web/timeline/): mounted when its section is first opened, one
// of the result card's links to it is followed, a share link brings its inputs, or the first
// total arrives. Returns load(): a promise of the mounted timeline's API (timeline.mjs).
function mountTimelineLoader(spec) {
  const section = document.getElementById('timeline');
  if (!section) return null;
  let lastProfile = null;
  let mounted = null;
  const load = () => (mounted ??= timelineModule()
    .then((m) => m.mountTimeline(engine, spec, section, () => lastProfile)));
  section.addEventListener('toggle', () => { if (section.open) load(); });
  on('result', ({ profile }) => { lastProfile = profile; load(); });
  document.getElementById('unlocks-link')?.addEventListener('click', (e) => {
    e.preventDefault();
    section.open = true;
    load().then((tl) => tl.showUnlocks());
  });
  // The result card's entry to the validity and the child's school dates: opens the section
  // and takes the focus there (its summary says what it is and that it is expanded). A link,
  // so it works as one before the modules load; its click keeps a share link's fragment.
  document.getElementById('timeline-entry')?.addEventListener('click', (e) => {
    e.preventDefault();
    openTimeline();
  });
  function openTimeline() {
    section.open = true;
    const summary = section.querySelector(':scope > summary');
    summary.focus({ preventScroll: true });
    section.scrollIntoView({ block: 'start' });
    return load();
  }
  const expand = () => { section.open = true; return load(); };
  return { load, expand };
}

async function main() {
  let spec;
  const fields = document.getElementById('form-fields');
  try {
    spec = await specPromise;
  } catch (err) {
    fields.replaceChildren(Object.assign(document.createElement('p'), { className: 'form-failed', textContent: `${t('form_failed')} (${err.message})` }));
    root.dataset.form = 'failed';
    resolveTimeline(null);
    return;
  }
  setDefaults(specVars(spec));
  emit('spec', { spec });
  const formEl = document.getElementById('profile-form');
  formEl.addEventListener('submit', (e) => e.preventDefault());
  form = renderForm(spec, fields, { ...PROFILE, onChange: () => update(), onShown: () => view && view.refresh() });
  view = createResultView(spec, form);
  if (lastStatus) view.setEngineStatus(lastStatus);
  channel = latestChannel(engine, 'score',
    ({ profile }, answer) => {
      if (answer.ok) {
        form.showErrors([]);
        view.showResult(answer.result, profile);
        emit('result', { profile, result: answer.result });
        // the same for a host page or a test (public hook; the app itself listens to events.mjs)
        document.dispatchEvent(new CustomEvent('shpoints:result', { detail: { profile, result: answer.result } }));
      } else {
        form.showErrors(answer.errors || []);
        view.showInvalid(answer.errors || []);
      }
    },
    (err) => view.showError(err.message));
  mountLazyParts(spec);
  placeResult(spec, fields);
  root.dataset.form = 'ready';
  resolveForm(form);
  update();
}

main();

// ------------------------------------------------------------------ small page behaviours
// The bottom bar (phones) repeats the total while the result card is out of view. A field
// that gets focus is never left under it: the page's scroll padding is the bar's height
// (kept in sync as the bar changes or hides), and a focused field below that line is
// brought up (browsers differ in whether focusing scrolls by the padding).
const bar = document.getElementById('mini');
const barHeight = () => (bar ? bar.getBoundingClientRect().height : 0);
if (bar && 'ResizeObserver' in window) {
  new ResizeObserver(() => root.style.setProperty('--bar-h', `${Math.ceil(barHeight())}px`)).observe(bar);
}
document.addEventListener('focusin', (event) => {
  const el = event.target;
  if (!el.matches || !el.matches('input, select, textarea') || !el.closest('form')) return;   // a form's controls only
  requestAnimationFrame(() => {
    const bottom = (window.visualViewport ? window.visualViewport.height : window.innerHeight) - barHeight();
    const box = (el.closest('.select-box, .input-wrap') || el).getBoundingClientRect();
    if (box.bottom > bottom || box.top < 0) (el.closest('.select-box, .input-wrap') || el).scrollIntoView({ block: 'nearest' });
  });
});
const resultCard = document.getElementById('result');
if ('IntersectionObserver' in window) {
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) document.body.classList.toggle('result-visible', e.isIntersecting);
  }, { threshold: 0.15 });
  io.observe(resultCard);
}

/** Bring the result card to the top of the screen (the total, then the breakdown under it),
 * and the focus to its heading when `focus`; never touches the address bar (it may hold a
 * share link). A card already in view at the top (the wide layout's column) stays put. */
function showResult({ focus = true } = {}) {
  const top = resultCard.getBoundingClientRect().top;
  if (top < 0 || top > innerHeight / 3) resultCard.scrollIntoView({ block: 'start' });
  if (focus) document.getElementById('result-heading').focus({ preventScroll: true });
}
// One tap on the bar: the card with the breakdown. (Its href="#result" is the same without
// scripts, but would replace a share link's #p=... in the address bar.)
document.getElementById('mini')?.addEventListener('click', (e) => {
  e.preventDefault();
  showResult();
});

// Offline use (service worker, registered once the engine has loaded), share links, saved
// inputs, embed mode, print: web/features/features.mjs. `timeline` lets a share link carry and
// restore the timeline's inputs; `showResult` is where an opened share link lands.
initFeatures({
  whenFormReady, getProfile, setProfile, engineReady: engine.ready,
  showResult: () => showResult({ focus: false }),
  timeline: {
    /** The mounted timeline's API, mounting it if needed (null without a spec). */
    async api() { const tl = await timelineReady; return tl ? tl.load() : null; },
    /** Unfold the section (where it is; no scrolling, the focus stays). */
    async expand() { const tl = await timelineReady; return tl ? tl.expand() : null; },
  },
});
