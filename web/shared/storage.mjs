// Saved inputs: the profile and the timeline's inputs survive a reload on the same device
// (localStorage; this module owns every key the site stores). Nothing leaves the device. Where storage is unavailable (private mode, a sandboxed or
// third-party iframe with storage blocked, a full quota) everything silently works without it.

const PREFIX = 'shpoints:';
const KEY = `${PREFIX}profile:v1`;
const TIMELINE_KEY = `${PREFIX}timeline:v1`;

let probed;
/** localStorage if it can actually be written, otherwise null (never throws). */
export function store() {
  if (probed !== undefined) return probed;
  probed = null;
  try {
    const s = window.localStorage;
    const k = `${PREFIX}probe`;
    s.setItem(k, '1');
    s.removeItem(k);
    probed = s;
  } catch { /* SecurityError, quota, disabled */ }
  return probed;
}

export function available() { return store() !== null; }

/** The saved profile, or null (nothing saved, unreadable, or storage unavailable). */
export function loadProfile() {
  const s = store();
  if (!s) return null;
  try {
    const raw = s.getItem(KEY);
    if (!raw) return null;
    const data = JSON.parse(raw);
    const profile = data && data.v === 1 ? data.profile : null;
    return profile && typeof profile === 'object' && !Array.isArray(profile) ? profile : null;
  } catch {
    return null;
  }
}

export function saveProfile(profile) {
  const s = store();
  if (!s) return false;
  try {
    if (!profile || Object.keys(profile).length === 0) s.removeItem(KEY);
    else s.setItem(KEY, JSON.stringify({ v: 1, saved: new Date().toISOString().slice(0, 10), profile }));
    return true;
  } catch {
    return false;
  }
}

/** The timeline's saved inputs ({} when none): text as typed, kept even when not valid. */
export function loadTimeline() {
  const s = store();
  if (!s) return {};
  try {
    const data = JSON.parse(s.getItem(TIMELINE_KEY) || 'null');
    const values = data && data.v === 1 ? data.values : null;
    return values && typeof values === 'object' && !Array.isArray(values) ? values : {};
  } catch {
    return {};
  }
}

export function saveTimeline(values) {
  const s = store();
  if (!s) return false;
  try {
    if (values && Object.keys(values).length) s.setItem(TIMELINE_KEY, JSON.stringify({ v: 1, values }));
    else s.removeItem(TIMELINE_KEY);
    return true;
  } catch {
    return false;   // full or blocked: keep working without it
  }
}

/** Remove everything this site stored on the device (all "shpoints:" keys). */
export function clearAll() {
  const s = store();
  if (!s) return;
  try {
    const keys = [];
    for (let i = 0; i < s.length; i += 1) {
      const k = s.key(i);
      if (k && k.startsWith(PREFIX)) keys.push(k);
    }
    for (const k of keys) s.removeItem(k);
  } catch { /* ignore */ }
}

/** A saver that writes `read()` at most every `ms` milliseconds; flush() writes now. */
export function debouncedSaver(read, ms = 400) {
  let timer = 0;
  const flush = () => {
    if (!timer) return;
    clearTimeout(timer);
    timer = 0;
    saveProfile(read());
  };
  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => { timer = 0; saveProfile(read()); }, ms);
    },
    flush,
    cancel() { clearTimeout(timer); timer = 0; },
  };
}
