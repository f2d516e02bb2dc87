// Service worker: the whole build, precached, so the calculator works offline after one visit.
// build.py fills in the two constants below: the build id (a hash of every asset) names the
// cache, so a new release never mixes old and new files; the list is every asset of dist/.
//
// When the files are stored (the precache must not compete with the first score for the link):
//  - first visit (no older cache): nothing at install; the page posts {type: 'PRECACHE'}
//    after its first total, and only then is the rest fetched;
//  - a new release (an older cache exists): at install, before it takes over.
// Never twice: a file the page already downloaded is taken from the HTTP cache
// (cache: "force-cache"), an unchanged file from the older cache. Every file stored is
// checked against its sha256 in build.json; a stale or damaged copy is fetched again
// from the server (cache: "reload") and stored only if it then matches.
const BUILD_ID = "dev";
const PRECACHE = [];

const PREFIX = "shpoints-";
const CACHE = PREFIX + BUILD_ID;
const scope = new URL(self.registration.scope);

async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** This build's build.json (checked against BUILD_ID) and its {path: sha256}. */
async function buildInfo() {
  const res = await fetch(new URL("build.json", scope), { cache: "no-cache" });
  const body = await res.clone().json();
  if (body.build_id !== BUILD_ID) throw new Error(`build.json is build ${body.build_id}, not ${BUILD_ID}`);
  const hashes = {};
  for (const file of body.files) hashes[file.path] = file.sha256;
  hashes["./"] = hashes["index.html"];
  return { res, hashes };
}

/** A verified copy of `path`: from `older` caches, the HTTP cache, then the server. */
async function verifiedCopy(path, want, older) {
  const url = new URL(path, scope);
  const tries = [
    ...older.map((cache) => () => cache.match(url)),
    () => fetch(url, { cache: "force-cache" }),
    () => fetch(url, { cache: "reload" }),
  ];
  for (const attempt of tries) {
    const res = await attempt();
    if (!res || !res.ok) continue;
    const body = await res.arrayBuffer();
    if (await sha256(body) !== want) continue;   // stale or damaged: try the next source
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  }
  throw new Error(`${path}: no copy matches its sha256`);
}

let filling = null;
/** Store every PRECACHE entry that is not in this build's cache yet. */
function precache() {
  filling ||= (async () => {
    const cache = await caches.open(CACHE);
    const older = [];
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) older.push(await caches.open(name));
    }
    const { res, hashes } = await buildInfo();
    const have = new Set((await cache.keys()).map((r) => r.url));
    for (const path of PRECACHE) {   // one at a time: a phone's link has no bandwidth to spare
      const url = new URL(path, scope).href;
      if (have.has(url)) continue;
      if (path === "build.json") { await cache.put(url, res); continue; }
      if (!hashes[path]) throw new Error(`${path} is not in build.json`);
      await cache.put(url, await verifiedCopy(path, hashes[path], older));
    }
    for (const client of await self.clients.matchAll({ includeUncontrolled: true })) {
      client.postMessage({ type: "PRECACHED", build: BUILD_ID });
    }
  })();
  filling.catch(() => { filling = null; });   // a later PRECACHE message tries again
  return filling;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const update = (await caches.keys()).some((name) => name.startsWith(PREFIX) && name !== CACHE);
    if (update) await precache();   // a release replacing one that works offline: complete first
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  // The page offers "reload for the new version"; a click sends this.
  if (type === "SKIP_WAITING") self.skipWaiting();
  // The page's first total is on screen: the rest of the build may use the link now.
  if (type === "PRECACHE") event.waitUntil(precache().catch(() => {}));
});

// The runtime's WebAssembly (9.6 MB) is answered from the browser's HTTP cache when that
// holds the very file this build stored: Chromium keeps the machine code it compiled with
// the HTTP-cache entry (its WebAssembly code cache), so a repeat visit skips most of the
// compilation and runs the interpreter's optimised code at once; the copy in Cache Storage
// gets such code only after it has been compiled once itself (so the first repeat visit is
// about 0.5 s sooner on the bench's machine). "The very file": the same length,
// encoding and date as the stored copy, whose sha256 the precache checked; anything else,
// or no such entry (evicted, another browser), and the stored copy answers, as offline.
const CODE_CACHED = /\.wasm$/;
const SAME_FILE = ["content-length", "content-encoding", "last-modified"];

async function fromHttpCache(request, stored) {
  try {
    const res = await fetch(request, { cache: "only-if-cached", mode: "same-origin" });
    const same = res.ok && res.headers.has("content-length")
      && SAME_FILE.every((name) => res.headers.get(name) === stored.headers.get(name));
    return same ? res : null;
  } catch {
    return null;   // not in the HTTP cache (only-if-cached never asks the network)
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== scope.origin) return; // never touch other origins
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Pages are cached without their query (?embed=1&lang=en is the same file).
    const navigation = request.mode === "navigate";
    const hit = await cache.match(request, { ignoreSearch: navigation });
    if (hit && CODE_CACHED.test(url.pathname)) return (await fromHttpCache(request, hit)) || hit;
    if (hit) return hit;
    try {
      return await fetch(request);
    } catch (error) {
      if (navigation) {
        const page = await cache.match(new URL("./", scope));
        if (page) return page;
      }
      throw error;
    }
  })());
});
