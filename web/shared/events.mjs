// The app's one event source: modules tell each other what happened here, never through
// DOM attributes (the data-state attributes are test signals only; nothing reads them).
//
//   'spec'         {spec}               formspec.json has loaded
//   'lang'         {lang}               the page language changed
//   'engine-state' {state, stage, ...}  the engine is loading, ready or failed
//   'score-state'  {state}              'pending' (a newer input is being scored),
//                                       'invalid' (refused) or 'error' (no answer)
//   'result'       {profile, result}    the newest input's result is on screen

// How long a result must stay unchanged before the heavier answers that follow it (the
// plan, the timeline) are asked for: while the user types, the worker scores first.
export const AFTER_STABLE_MS = 300;

const target = new EventTarget();

/** Announce `type` with `detail` to every listener. */
export function emit(type, detail = {}) {
  target.dispatchEvent(new CustomEvent(type, { detail }));
}

/** Call `fn(detail)` on every `type` event; returns a function that stops listening. */
export function on(type, fn) {
  const listener = (event) => fn(event.detail);
  target.addEventListener(type, listener);
  return () => target.removeEventListener(type, listener);
}
