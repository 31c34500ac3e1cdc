// Gloss's service worker: keeps the app shell (static files, the offline page) so the
// installed app opens without a network. Pages and API answers are never cached: they
// always come from the server, for whoever is signed in.
"use strict";

const VERSION = {{ version | tojson }};
const CACHE = `gloss-shell-${VERSION}`;
const SHELL = {{ shell | tojson }};
const OFFLINE = {{ offline | tojson }};
const CACHED = new Set([...SHELL, OFFLINE]);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll([...CACHED].map((path) => new Request(path, { cache: "reload", credentials: "omit" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith("gloss-shell-") && key !== CACHE)
        .map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (CACHED.has(url.pathname) && !url.search && request.mode !== "navigate") {
    event.respondWith(caches.match(url.pathname).then((hit) => hit || fetch(request)));
  } else if (request.mode === "navigate") {
    // Straight to the network; only when there is none, the offline page.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)
      .then((hit) => hit || Response.error())));
  }
});
