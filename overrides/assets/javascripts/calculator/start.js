// Starts the calculator's worker as early as the page allows: overrides/calculator.html loads this
// module `async` in <head>, right after the preload hints for Pyodide's files, so Python starts
// while the page is still being read. page.js imports it (the same module, run once) for the worker.
//
// The worker's files come from the preload links: their addresses are made by the build
// (exchange_guide/pyodide_assets.py), with Pyodide's version and the snapshot's hash in them.
const href = (id) => document.getElementById(id).href;
const params = new URLSearchParams({
  pyodide: new URL(".", href("eg-pyodide-wasm")).href, snapshot: href("eg-snapshot"), stdlib: href("eg-stdlib"),
});
export const worker = new Worker(new URL(`./worker.mjs?${params}`, import.meta.url), { type: "module" });

// Messages that arrive before the page script listens ("ready" can) are kept for it.
const early = [];
let listener = (message) => early.push(message);
worker.onmessage = (event) => listener(event.data);

export function listen(handler) {
  listener = handler;
  early.splice(0).forEach(handler);
}
