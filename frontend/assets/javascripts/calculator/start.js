// Starts the calculator's worker as early as the page allows: overrides/calculator.html loads this
// small classic script first thing in <head>, before the style sheets, so it runs the moment it
// arrives (a module, even `async`, waited 20–190 ms longer for the busy main thread) and Python
// starts while the page is still being read and laid out. page.js takes the worker from
// `egCalculatorStart` once it runs.
//
// The worker's files are the script element's data attributes, written by the build
// (exchange_guide/pyodide/assets.py) with Pyodide's version and the snapshot's hash in them.
"use strict";
(() => {
  document.documentElement.classList.add("eg-calculator-js"); // shows the form at once (guide.css)
  const script = /** @type {HTMLScriptElement} */ (document.currentScript);
  const address = (name) => new URL(script.dataset[name], document.baseURI).href;
  // data-sizes: what each file of the start weighs as sent, for the worker's progress figures.
  const params = new URLSearchParams({ pyodide: address("pyodide"), snapshot: address("snapshot"), stdlib: address("stdlib"),
    empty: address("empty"), sizes: script.dataset.sizes || "{}" });
  const worker = new Worker(new URL(`worker.mjs?${params}`, script.src), { type: "module" });

  // Messages that arrive before the page script listens ("ready" can) are kept for it.
  /** @type {CalculatorMessage[]} */
  const early = [];
  /** @type {(message: CalculatorMessage) => void} */
  let listener = (message) => {
    early.push(message);
  };
  worker.onmessage = (event) => listener(event.data);
  // A worker that cannot even load (its script missing or refused) says nothing: say it for it.
  worker.onerror = (event) => listener({ type: "failed", message: event.message || "the worker did not load" });

  window.egCalculatorStart = {
    worker,
    listen(handler) {
      listener = handler;
      early.splice(0).forEach(handler);
    },
  };
})();
