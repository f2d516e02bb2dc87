// Service worker: the whole build, precached, so the calculator works offline after one visit.
// build.py fills in the two constants below: the build id (a hash of every asset) names the
// cache, so a new release never mixes old and new files; the list is every asset of dist/.
const BUILD_ID = "dev";
const PRECACHE = [];

const PREFIX = "shpoints-";
const CACHE = PREFIX + BUILD_ID;
const scope = new URL(self.registration.scope);

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // cache: "reload" skips the HTTP cache, so the files are this build's, not a stale copy
    await cache.addAll(PRECACHE.map((path) => new Request(new URL(path, scope), { cache: "reload" })));
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

// The page offers "reload for the new version"; a click sends this.
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== scope.origin) return; // never touch other origins
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Pages are cached without their query (?embed=1&lang=en is the same file).
    const navigation = request.mode === "navigate";
    const hit = await cache.match(request, { ignoreSearch: navigation });
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
