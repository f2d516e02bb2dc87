// Starts the calculator's worker as early as the page can: a classic script in <head> runs
// while the HTML is still being parsed, long before the page's module graph has loaded, so
// the worker script is ready when the page has loaded and sends it "start" (engine-client.mjs).
// Messages and errors that arrive before
// engine-client.mjs takes the worker over are kept and replayed there.
(function () {
  try {
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") return;
    var worker = new Worker(new URL("./engine/worker.mjs", document.baseURI), { type: "module" });
    var early = [];
    worker.onmessage = function (event) { early.push(["message", event]); };
    worker.onerror = function (event) { event.preventDefault(); early.push(["error", event]); };
    window.__shpointsEarlyWorker = { worker: worker, early: early };
  } catch (err) {
    // engine-client.mjs tries again and reports the failure
  }
})();
