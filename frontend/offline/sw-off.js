// The kill switch: removes the guide's service worker and its caches from a reader's browser.
// The build writes it into the site's root as sw-off.js, and as sw.js too when the publisher has
// turned offline use off (content/site.yml: `offline: false`). A publisher who must take the
// service worker away without a new build copies sw-off.js over sw.js (docs/publishers.md):
// a browser asks for sw.js again whenever a reader opens a page of the guide, finds this one,
// and it takes over at once, deletes the guide's caches, unregisters itself and reloads the
// guide's open pages from the server.
"use strict";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      await self.clients.claim(); // so that it may reload the open pages
      const prefix = `eg-offline ${self.registration.scope} `;
      for (const name of await caches.keys()) if (name.startsWith(prefix)) await caches.delete(name);
      await self.registration.unregister();
      for (const client of await self.clients.matchAll({ type: "window" })) client.navigate(client.url);
    })(),
  );
});
