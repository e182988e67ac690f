// Starts the calculator's worker as early as the page allows: overrides/calculator.html loads this
// module `async` first thing in <head>, so Python starts while the page is still being read and
// laid out. page.js imports it (the same module, run once) to talk to the worker.
//
// The worker's files are the script element's data attributes, written by the build
// (exchange_guide/pyodide_assets.py) with Pyodide's version and the snapshot's hash in them.
const script = document.getElementById("eg-calculator-start");
const address = (name) => new URL(script.dataset[name], document.baseURI).href;
const params = new URLSearchParams({ pyodide: address("pyodide"), snapshot: address("snapshot"), stdlib: address("stdlib") });
export const worker = new Worker(new URL(`./worker.mjs?${params}`, import.meta.url), { type: "module" });

// Messages that arrive before the page script listens ("ready" can) are kept for it.
const early = [];
let listener = (message) => early.push(message);
worker.onmessage = (event) => listener(event.data);

export function listen(handler) {
  listener = handler;
  early.splice(0).forEach(handler);
}
