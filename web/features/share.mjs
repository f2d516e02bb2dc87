// Share links: the profile travels in the URL fragment, `#p=<version>.<base64url(UTF-8 JSON)>`.
//
//   1.  the JSON is the profile: {"age": "32", ...}
//   2.  {"p": profile, "t": timeline}: the profile and the timeline's permit and child inputs,
//       which the sender chose to include. A link without them is still written as version 1,
//       so that it opens in every version of the page that reads links at all.
//
// Only what getProfile() returns is encoded (it already leaves out empty inputs and
// defaults), so a typical link is a few dozen characters.
// The fragment (everything after #) is never sent to a server by the browser: opening the
// link does not reveal the inputs to this site's host. Anyone who gets the link can read
// them, though, so the page says so next to the button.
//
// Decoding never throws: a damaged, truncated or hand-edited fragment gives
// {error: {zh, en}} and the page shows that message above a usable form.

import { texts } from '../shared/i18n.mjs';

const VERSIONS = new Set([1, 2]);   // every format ever written is read
const PREFIX = 'p=';
const MAX_FRAGMENT = 8000;       // far above any real profile; refuses pasted junk early
const MAX_KEYS = 100;

function toBase64Url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new Error('not base64url');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

const encode = (version, data) => `${version}.${toBase64Url(new TextEncoder().encode(JSON.stringify(data)))}`;

/** The fragment payload (without "#p=") for `profile`, and `timeline` when it has inputs. */
export function encodeProfile(profile, timeline = null) {
  if (timeline && Object.keys(timeline).length) return encode(2, { p: profile || {}, t: timeline });
  return encode(1, profile || {});
}

/** A full share URL for `profile` (and `timeline`), based on `href` (default: this page), without ?embed. */
export function shareUrl(profile, href = location.href, timeline = null) {
  const url = new URL(href);
  url.searchParams.delete('embed');
  url.hash = `${PREFIX}${encodeProfile(profile, timeline)}`;
  return url.href;
}

const ERR = { damaged: texts('share_damaged'), version: texts('share_version') };

/** `data` as a flat object of plain values (what a form holds), or null if it is not one. */
function flatValues(data) {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const keys = Object.keys(data);
  if (keys.length > MAX_KEYS) return null;
  const out = {};
  for (const k of keys) {
    const v = data[k];
    const ok = v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
      || (typeof v === 'string' && v.length <= 200);
    if (!ok || k.length > 64) return null;
    out[k] = v;
  }
  return out;
}

/**
 * Decode a location.hash (with or without "#").
 * Returns null when it holds no share data, {profile, timeline} on success (timeline null
 * when the link has none), {error: {zh, en}} otherwise.
 */
export function decodeFragment(hash) {
  const frag = String(hash ?? '').replace(/^#/, '');
  if (!frag.startsWith(PREFIX)) return null;
  let payload = frag.slice(PREFIX.length);
  try { payload = decodeURIComponent(payload); } catch { return { error: ERR.damaged }; }
  payload = payload.trim();
  if (payload.length > MAX_FRAGMENT) return { error: ERR.damaged };
  const m = /^(\d+)\.(.*)$/s.exec(payload);
  if (!m) return { error: ERR.damaged };
  const version = Number(m[1]);
  if (!VERSIONS.has(version)) return { error: ERR.version };
  let data;
  try {
    const bytes = fromBase64Url(m[2]);
    const json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    data = JSON.parse(json);
  } catch {
    return { error: ERR.damaged };
  }
  if (version === 1) {
    const profile = flatValues(data);
    return profile ? { profile, timeline: null } : { error: ERR.damaged };
  }
  // version 2: both parts must be sound; a link is restored whole or not at all
  const profile = data && typeof data === 'object' && !Array.isArray(data) ? flatValues(data.p) : null;
  const timeline = profile && data.t != null ? flatValues(data.t) : null;
  if (!profile || (data.t != null && !timeline)) return { error: ERR.damaged };
  return { profile, timeline: timeline && Object.keys(timeline).length ? timeline : null };
}

/** Remove share data from the address bar (without reloading or adding a history entry). */
export function clearFragment() {
  if (!location.hash.replace(/^#/, '').startsWith(PREFIX)) return;
  try { history.replaceState(history.state, '', location.pathname + location.search); } catch { /* sandboxed */ }
}

export const messages = {
  unknown: (n) => texts('share_unknown', { n }),
  restored: texts('share_restored'),
  restoredTimeline: texts('share_restored_timeline'),
};
