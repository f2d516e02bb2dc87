// Test-only (never shipped): served by the engine tests' server as the first script of every
// page, before boot.js, so it sees everything the app does. Engines whose driver has no
// console or request events (WebKitGTK's WebDriver) are checked through what it records:
//   __e2e.errors    uncaught errors, unhandled rejections, console.error calls
//   __e2e.foreign   resources fetched from another origin (PerformanceObserver)
//   __e2e.downloads {name, href, text} for every <a download> the page clicks (not followed)
(function () {
  var h = window.__e2e = { errors: [], foreign: [], downloads: [] };
  // the page's own origin, and the one this file came from (a host page embedding the site)
  var allowed = [location.origin];
  try { allowed.push(new URL(document.currentScript.src).origin); } catch (err) { /* no src */ }
  function text(x) { return x && (x.stack || x.message) || String(x); }
  addEventListener('error', function (e) {
    var el = e.target;
    h.errors.push(el && el !== window ? 'failed to load ' + (el.src || el.href || el.tagName) : 'uncaught: ' + (e.message || text(e.error)));
  }, true);
  addEventListener('unhandledrejection', function (e) { h.errors.push('unhandled rejection: ' + text(e.reason)); });
  var consoleError = console.error;
  console.error = function () {
    h.errors.push('console error: ' + Array.prototype.map.call(arguments, text).join(' '));
    return consoleError.apply(console, arguments);
  };
  try {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (entry) {
        if (/^(data|blob):/.test(entry.name)) return;
        try { if (allowed.indexOf(new URL(entry.name).origin) < 0) h.foreign.push(entry.name); } catch (err) { /* not a URL */ }
      });
    }).observe({ type: 'resource', buffered: true });
  } catch (err) { h.errors.push('PerformanceObserver unavailable: ' + text(err)); }
  var blobs = {};
  var createObjectURL = URL.createObjectURL;
  URL.createObjectURL = function (blob) { var url = createObjectURL.call(URL, blob); blobs[url] = blob; return url; };
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest && e.target.closest('a[download]');
    if (!a) return;
    e.preventDefault();
    var entry = { name: a.download, href: a.href, text: null };
    h.downloads.push(entry);
    var blob = blobs[a.href];
    if (!blob) { h.errors.push('download of an unknown URL: ' + a.href); return; }
    blob.arrayBuffer().then(function (buf) {
      var bytes = new Uint8Array(buf), bin = '';
      for (var i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
      entry.base64 = btoa(bin);
    });
  }, true);
})();
