// The guide's service worker: the guide offline after one visit, and the calculator ready before
// it is opened. The build writes it into the site's root as sw.js (exchange_guide/publish/offline.py),
// with the release's manifest in place of `null` below: every file of the site by group, each
// with a hash of its content. offline.js registers it and says which groups a reader needs:
// "shared" (the theme and the guide's scripts) and "pages:<lang>" (every page of the reader's
// language, the directory and the search index) on every visit; "calculator" (its scripts, rules,
// Pyodide and the snapshot) when the reader shows an interest in the calculator, never on a
// guidance page by itself.
//
// A release, a cache: named by the site's address (several guides may share a host) and the
// release (a hash of the manifest). A new release's worker fills its own cache whole before it
// takes over (install): with the groups the old release had, copying the files that did not
// change (Pyodide: megabytes not fetched again) and fetching the rest, each checked against its
// hash, so that a server caught half-way through an update makes the install fail rather than
// mix two releases. It takes over only when no page of the old release is open any more (no
// skipWaiting): a page and everything it loads later come from one release. Old caches go then.
"use strict";

/** @type {{release: string, groups: Object<string, string[]>, files: Object<string, string>}} */
const MANIFEST = /* manifest */ null;

const SCOPE = self.registration.scope; // the site's root, ending in "/"
// The calculator's worker reads Pyodide's files from these caches itself, by this name (worker.mjs).
const PREFIX = `eg-offline ${SCOPE} `;
const CACHE = PREFIX + MANIFEST.release;
// Kept in each release's cache beside the files: their hashes and the groups it holds.
const STATE = new URL("__offline/state", SCOPE).href;
const PARALLEL = 4; // files fetched at once while filling a cache

self.addEventListener("install", (event) => event.waitUntil(install()));

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// A page asks for groups (offline.js); the answer tells it when they are all in the cache.
self.addEventListener("message", (event) => {
  const asked = Array.isArray(event.data?.groups) ? event.data.groups : [];
  const groups = asked.filter((group) => Object.hasOwn(MANIFEST.groups, group));
  const done = queue(() => fill(groups)).then(
    () => ({ ok: true }),
    (error) => ({ ok: false, error: String(error) }),
  );
  event.waitUntil(done.then((answer) => event.source?.postMessage({ type: "eg-offline", groups, ...answer })));
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  const path = pathOf(request.url);
  if (!Object.hasOwn(MANIFEST.files, path)) return; // not the site's: the browser fetches it as usual
  event.respondWith(respond(request, path));
});

/** The path of an address in the manifest: relative to the root, without query or fragment;
 * a page by its folder ("faq/", not "faq/index.html"). */
function pathOf(address) {
  const url = new URL(address);
  const path = decodeURIComponent(url.pathname).slice(new URL(SCOPE).pathname.length);
  return path === "index.html" || path.endsWith("/index.html") ? path.slice(0, -"index.html".length) : path;
}

async function respond(request, path) {
  const cached = await caches.match(new URL(path, SCOPE).href, { cacheName: CACHE });
  if (!cached) return fetch(request);
  // A page or script keeps the address it was asked for (a permalink's query; the calculator's
  // worker reads its settings from its own address): a response without one gets the request's.
  return cached.url === request.url ? cached : new Response(cached.body, cached);
}

async function install() {
  const previous = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const cache = await caches.open(name);
    const state = await readState(cache);
    if (state) previous.push({ cache, state });
  }
  const groups = new Set(previous.flatMap(({ state }) => state.groups));
  await fill([...groups].filter((group) => Object.hasOwn(MANIFEST.groups, group)), previous);
}

// One filling at a time: two pages asking at once would fetch the same files twice.
let tail = Promise.resolve();
function queue(task) {
  const run = tail.then(task);
  tail = run.catch(() => {});
  return run;
}

/** Puts every file of `groups` into this release's cache: from an older release's cache where
 * it is the same file, else from the server. A group counts as held only once all its files are in. */
async function fill(groups, previous = []) {
  const cache = await caches.open(CACHE);
  const state = (await readState(cache)) ?? { files: MANIFEST.files, groups: [] };
  for (const group of groups) {
    if (state.groups.includes(group)) continue;
    const paths = [...MANIFEST.groups[group]];
    const worker = async () => {
      for (let path = paths.shift(); path !== undefined; path = paths.shift()) {
        const url = new URL(path, SCOPE).href;
        if (await cache.match(url)) continue;
        await cache.put(url, (await fromOlder(url, path, previous)) ?? (await download(path)));
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    state.groups.push(group);
    await cache.put(STATE, Response.json(state));
  }
}

async function fromOlder(url, path, previous) {
  for (const { cache, state } of previous) {
    if (state.files[path] !== MANIFEST.files[path]) continue;
    const response = await cache.match(url);
    if (response) return response;
  }
  return null;
}

/** The file from the server (asked again, not taken from the HTTP cache unchecked: a 304 when
 * unchanged), refused unless it is this release's. */
async function download(path) {
  const response = await fetch(new URL(path, SCOPE), { cache: "no-cache", priority: "low" });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const digest = await crypto.subtle.digest("SHA-256", await response.clone().arrayBuffer());
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
  if (!hex.startsWith(MANIFEST.files[path])) throw new Error(`${path}: the server has another release's file`);
  return response;
}

async function readState(cache) {
  const response = await cache.match(STATE);
  return response ? response.json() : null;
}
