/*
 * Shanghai residence-permit points calculator: iframe auto-height for the HOST page.
 *
 *   <iframe src="//YOUR-SITE/?embed=1&lang=zh" title="上海居住证积分计算器"
 *           style="width:100%;border:0" loading="lazy"></iframe>
 *   <script src="//YOUR-SITE/embed.js"></script>
 *
 * The calculator inside the iframe posts {type: "shpoints:resize", v: 1, height} whenever
 * its content changes size; this script sets that iframe's height. It accepts a message
 * only if it comes from one of this page's iframes (event.source) AND from the origin that
 * iframe's src points to, and only if it has exactly that shape. Several iframes work.
 * The messages never carry inputs or scores. No cookies, no requests, nothing else.
 */
(function () {
  'use strict';
  if (window.__shpointsEmbed) return;      // included twice: one listener is enough
  window.__shpointsEmbed = true;

  var MAX_HEIGHT = 100000;

  function originOf(frame) {
    try { return new URL(frame.getAttribute('src') || frame.src, document.baseURI).origin; } catch (e) { return null; }
  }

  function valid(data) {
    if (!data || typeof data !== 'object' || data.type !== 'shpoints:resize' || data.v !== 1) return false;
    var h = data.height;
    return typeof h === 'number' && isFinite(h) && h >= 0 && h <= MAX_HEIGHT;
  }

  window.addEventListener('message', function (event) {
    if (!valid(event.data) || !event.source) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      if (originOf(frame) !== event.origin) return;   // navigated elsewhere, or not ours
      var px = Math.ceil(event.data.height) + 'px';
      if (frame.style.height !== px) frame.style.height = px;
      frame.setAttribute('data-shpoints-height', String(Math.ceil(event.data.height)));
      return;
    }
  });
})();
