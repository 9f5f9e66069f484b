// Keeps the diary usable offline: its page and assets are answered from a cache when the network is not there.
// Pages are network-first (always fresh when online); assets cache-first. Entries are queued by diary.js, not here.
const CACHE = "relief-diary-v1";
const ASSETS = ["/assets/css/relief.css", "/assets/js/relief.js", "/assets/js/diary.js"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
  } else if (url.pathname.startsWith("/diary/")) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          // Only the page itself: never a redirect to sign in or a refusal kept in its place.
          if (response.ok && !response.redirected) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        })
        .catch(() => caches.match(request)));
  }
});
