// A module loaded on first use: `const plan = lazy(() => import('../plan/plan-view.mjs'))`;
// `plan()` starts the download once and always returns the same promise, so calling it
// early (once the engine is ready) prefetches the module and a later call finds it loaded.

export function lazy(load) {
  let promise = null;
  return () => (promise ??= load());
}
