// Share links: the profile travels in the URL fragment, `#p=1.<base64url(UTF-8 JSON)>`.
//
// Only what getProfile() returns is encoded (it already leaves out empty inputs and
// defaults), so a typical link is a few dozen characters. "1." is the format version.
// The fragment (everything after #) is never sent to a server by the browser: opening the
// link does not reveal the inputs to this site's host. Anyone who gets the link can read
// them, though, so the page says so next to the button.
//
// Decoding never throws: a damaged, truncated or hand-edited fragment gives
// {error: {zh, en}} and the page shows that message above a usable form.

import { texts } from '../shared/i18n.mjs';

export const VERSION = 1;
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

/** The fragment payload (without "#p=") for `profile`. */
export function encodeProfile(profile) {
  const json = JSON.stringify(profile || {});
  return `${VERSION}.${toBase64Url(new TextEncoder().encode(json))}`;
}

/** A full share URL for `profile`, based on `href` (default: this page), without ?embed. */
export function shareUrl(profile, href = location.href) {
  const url = new URL(href);
  url.searchParams.delete('embed');
  url.hash = `${PREFIX}${encodeProfile(profile)}`;
  return url.href;
}

const ERR = { damaged: texts('share_damaged'), version: texts('share_version') };

/**
 * Decode a location.hash (with or without "#").
 * Returns null when it holds no share data, {profile} on success, {error: {zh, en}} otherwise.
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
  if (Number(m[1]) !== VERSION) return { error: ERR.version };
  let data;
  try {
    const bytes = fromBase64Url(m[2]);
    const json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    data = JSON.parse(json);
  } catch {
    return { error: ERR.damaged };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { error: ERR.damaged };
  const keys = Object.keys(data);
  if (keys.length > MAX_KEYS) return { error: ERR.damaged };
  const profile = {};
  for (const k of keys) {
    const v = data[k];
    const ok = v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
      || (typeof v === 'string' && v.length <= 200);
    if (!ok || k.length > 64) return { error: ERR.damaged };
    profile[k] = v;
  }
  return { profile };
}

/** Remove share data from the address bar (without reloading or adding a history entry). */
export function clearFragment() {
  if (!location.hash.replace(/^#/, '').startsWith(PREFIX)) return;
  try { history.replaceState(history.state, '', location.pathname + location.search); } catch { /* sandboxed */ }
}

export const messages = {
  unknown: (n) => texts('share_unknown', { n }),
  restored: texts('share_restored'),
};
