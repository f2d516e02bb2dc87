// Query-string options and embed mode.
//
//   ?embed=1              inside an <iframe>: no header title or footer, compact layout, and
//                         the page posts its height to the parent on every size change:
//                         {type: "shpoints:resize", v: 1, height}. Nothing else is ever posted:
//                         no inputs, no score.
//   ?lang=zh|en           the page language (also outside embed mode)
//   ?theme=light|dark|auto colours; auto follows the device setting (default: light)

const params = new URLSearchParams(location.search);
const root = document.documentElement;

export const options = {
  embed: params.get('embed') === '1',
  lang: ['zh', 'en'].includes(params.get('lang')) ? params.get('lang') : null,
  theme: ['light', 'dark', 'auto'].includes(params.get('theme')) ? params.get('theme') : 'light',
};

/** Apply embed + theme at once (called at import time, before the form renders). */
function applyEarly() {
  root.dataset.theme = options.theme;
  if (options.embed) root.dataset.embed = '1';
}
applyEarly();

/** The document's content height in CSS pixels (not the viewport's: that would never shrink). */
export function contentHeight() {
  const body = document.body;
  const style = getComputedStyle(body);
  const rect = body.getBoundingClientRect();
  return Math.ceil(rect.height + parseFloat(style.marginTop || 0) + parseFloat(style.marginBottom || 0));
}

let lastSent = -1;
function postHeight() {
  const height = contentHeight();
  if (height === lastSent) return;
  lastSent = height;
  // Only the height: never inputs, results or anything typed.
  window.parent.postMessage({ type: 'shpoints:resize', v: 1, height }, '*');
}

/** Start posting the height to the parent frame (embed mode inside a frame only). */
export function startResizeReports() {
  if (!options.embed || window.parent === window) return false;
  let frame = 0;
  const schedule = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => { frame = 0; postHeight(); });
  };
  if ('ResizeObserver' in window) {
    new ResizeObserver(schedule).observe(document.body);
  } else {
    // Very old in-app browsers: poll instead.
    setInterval(postHeight, 500);
  }
  window.addEventListener('load', schedule);
  postHeight();
  return true;
}
