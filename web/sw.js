// Fairlog's service worker: the app opens with no network. Registered by loader.js as
// `sw.js?v=<the release's wasm file name>`, so every release is a new worker with a cache of its
// own; activating it drops the caches of older releases. The API (/api/) is never cached.
const VERSION = new URL(self.location).searchParams.get("v") || "dev";
const CACHE = `fairlog-${VERSION}`;

async function precache() {
  const cache = await caches.open(CACHE);
  const index = await fetch("./", { cache: "no-store" });
  const html = await index.clone().text();
  await cache.put("./", index);
  // Every same-origin file the page names: css, loader, the hashed js and wasm (both parts), icon,
  // manifest.
  const urls = new Set();
  for (const m of html.matchAll(/(?:href|src|data-fairlog-js|data-fairlog-wasm|data-fairlog-rest)="([^"]+)"/g)) {
    const url = new URL(m[1], self.location);
    if (url.origin === self.location.origin && !url.pathname.startsWith("/api/")) urls.add(url.pathname);
  }
  await cache.addAll([...urls]);
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("fairlog-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (event.request.mode === "navigate") {
    // The page: the network when it answers (a new release), else the cached one.
    event.respondWith(fetch(event.request).catch(() => caches.match("./", { cacheName: CACHE })));
    return;
  }
  event.respondWith(
    caches.match(event.request, { cacheName: CACHE }).then((hit) => hit || fetch(event.request)),
  );
});
