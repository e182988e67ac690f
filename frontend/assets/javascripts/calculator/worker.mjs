// The calculator's module worker: it owns Pyodide, so the page stays responsive while Python
// loads and runs. start.js gives it the addresses of Pyodide's files (their names carry Pyodide's
// version and the snapshot's hash); the rules and the package's sources are relative to this file.
//
// Start-up: restore the memory snapshot that the build made after `import calculators`
// (frontend/tools/make-snapshot.mjs), compiling Pyodide while it downloads (snapshot.mjs). It is
// Pyodide's private API and loads only into the build that made it, so if the restore fails for
// any reason the worker starts Pyodide the ordinary way, with the compiled standard library the
// snapshot was made with, and the reader sees no difference but the time.
const files = new URL(import.meta.url).searchParams;
const indexURL = files.get("pyodide");
const assets = new URL("../../", import.meta.url);

// --- download progress: the page's line "Loading the calculator: 2.1 of 5.4 MB" (progress.js) ---
// The build gives the size of each file the start downloads as it may be sent: plain, and its
// Brotli and gzip copies (start.js: data-sizes). The first response's Content-Encoding tells which
// the server sends; the bytes counted as they arrive are decoded ones, so each file counts in
// proportion. Pyodide's scripts, imported rather than fetched, count once they are in.
const sizes = JSON.parse(files.get("sizes") || "{}");
const arrived = new Map(); // file name -> share of it received, 0 to 1
let encoding = "identity";
let lastReport = 0;
const nameOf = (url) => new URL(url, location.href).pathname.split("/").pop();
function report(force = false) {
  if (!force && performance.now() - lastReport < 100) return;
  lastReport = performance.now();
  const sent = (name) => sizes[name][encoding] ?? sizes[name].identity;
  const total = Object.keys(sizes).reduce((sum, name) => sum + sent(name), 0);
  const done = Object.keys(sizes).reduce((sum, name) => sum + (arrived.get(name) ?? 0) * sent(name), 0);
  postMessage({ type: "progress", done: Math.round(done), total });
}
function count(name, response) {
  if (response.headers.get("Content-Encoding")) encoding = response.headers.get("Content-Encoding");
  const reader = response.clone().body.getReader();
  let bytes = 0;
  (async () => {
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      bytes += part.value.length;
      arrived.set(name, Math.min(1, bytes / sizes[name].identity));
      report();
    }
    arrived.set(name, 1);
    report(true);
  })().catch(() => {});
}

// --- Pyodide's files from the offline cache, read here ---
// On a returning visit the service worker holds Pyodide's files (frontend/offline/sw.js). This
// worker reads them from its cache itself rather than asking the service worker, behind which
// Pyodide's small scripts waited for the two 9 MB files (traced: 100 ms for an 18 KB script). A
// returning visit answers 50–100 ms sooner so (medians of 8 visits each way). Only the files of
// Pyodide's folder: its name carries Pyodide's version and the build's own files there carry
// their hash, so an address there is the same file in every release's cache. The rules and the
// scripts, whose addresses stay while their content changes, come through the service worker,
// which serves the page's own release. Only this guide's caches are read (sw.js names them so).
const offlineCaches = `eg-offline ${new URL("../../../", import.meta.url).href} `;
const ourCaches = (async () => {
  const names = (await caches.keys()).filter((name) => name.startsWith(offlineCaches));
  return Promise.all(names.map((name) => caches.open(name)));
})().catch(() => []); // no caches here (a page not served over HTTPS, a private window that refuses)
async function fromOfflineCache(url) {
  if (!url.startsWith(indexURL)) return undefined;
  for (const cache of await ourCaches) {
    const response = await cache.match(url).catch(() => undefined);
    if (response) return response;
  }
  return undefined;
}

// Every fetch of this worker, Pyodide's included, is counted. Pyodide's WebAssembly is asked for
// here at once, not when Pyodide's script has loaded: Pyodide's own fetch of it gets this one.
const plainFetch = globalThis.fetch.bind(globalThis);
const wasmURL = new URL("pyodide.asm.wasm", indexURL).href;
let earlyWasm = null;
earlyWasm = trackedFetch(wasmURL);
function trackedFetch(resource, options) {
  const url = resource instanceof Request ? resource.url : new URL(resource, location.href).href;
  if (url === wasmURL && earlyWasm) {
    const early = earlyWasm;
    earlyWasm = null;
    return early;
  }
  const response = fromOfflineCache(url).then((cached) => cached ?? plainFetch(resource, options));
  const name = nameOf(url);
  if (Object.hasOwn(sizes, name)) response.then((r) => r.ok && count(name, r), () => {});
  return response;
}
globalThis.fetch = trackedFetch;
const imported = (url) => (module) => {
  if (Object.hasOwn(sizes, nameOf(url))) arrived.set(nameOf(url), 1);
  report(true);
  return module;
};

// Everything is asked for at once, before the first await: the handler at the end must be set
// before then too, or the page's first message could come before anyone listens.
const snapshot = fetch(files.get("snapshot"));
const pyodideURL = new URL("pyodide.mjs", indexURL).href; // its address comes from the page
const asmURL = new URL("pyodide.asm.mjs", indexURL).href;
const pyodideModule = import(pyodideURL).then(imported(pyodideURL));
const asmModule = import(asmURL).then(imported(asmURL));
const snapshotModule = import("./snapshot.mjs");
const data = Promise.all([fetchText("data/rules.json"), fetchText("data/exchange_rates.json")]);
// Each is handled where it is used, which may be after it fails: no "uncaught" warning meanwhile.
for (const promise of [snapshot, earlyWasm, pyodideModule, asmModule, snapshotModule, data]) promise.catch(() => {});

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}
function fetchText(path) {
  return fetchOk(new URL(path, assets)).then((response) => response.text());
}

function entryPoint(pyodide) {
  return pyodide.pyimport("calculators.json_api").answerer;
}

async function fromSnapshot() {
  const [{ loadPyodide }, { restore }] = await Promise.all([pyodideModule, snapshotModule]);
  const createPyodideModule = asmModule.then((module) => module.default);
  // Every module the snapshot needs from the standard library is in it already: an empty zip stands
  // in for the library (frontend/tools/make-snapshot.mjs checks that nothing would be read).
  const pyodide = await restore(loadPyodide, createPyodideModule, snapshot, { indexURL, stdLibURL: files.get("empty") });
  // Every restore starts from the same memory: without a new seed, `random` would repeat itself.
  // (Called, not run as source: Pyodide would compile a line of Python for it.)
  const random = pyodide.pyimport("random");
  random.seed();
  random.destroy();
  return entryPoint(pyodide);
}

async function normalStart() {
  const { loadPyodide } = await pyodideModule;
  const [pyodide, sources] = await Promise.all([
    loadPyodide({ indexURL, stdLibURL: files.get("stdlib") }),
    fetchText("data/calculators.json").then(JSON.parse),
  ]);
  // The same calculators package the tests run in CPython, written into Pyodide's file system.
  pyodide.FS.mkdirTree("/home/pyodide/calculators");
  for (const [name, source] of Object.entries(sources)) {
    pyodide.FS.writeFile(`/home/pyodide/calculators/${name}`, source);
  }
  pyodide.runPython("import sys\nsys.path.insert(0, '/home/pyodide')");
  return entryPoint(pyodide);
}

async function start() {
  let answerer;
  let how = "snapshot";
  try {
    answerer = await fromSnapshot();
  } catch (error) {
    console.warn("calculator: the start-up snapshot did not load, starting Python normally:", String(error));
    how = "normal";
    answerer = await normalStart();
  }
  // The rules and rates are read by Python once (calculators/json_api.py): each recalculation
  // passes only the request.
  const [rules, rates] = await data;
  const answer = answerer(rules, rates);
  answerer.destroy();
  return { how, estimate: (request) => JSON.parse(answer(JSON.stringify(request))) };
}

const ready = start();
ready.then(
  ({ how }) => postMessage({ type: "ready", how }),
  (error) => postMessage({ type: "failed", message: String(error) }),
);

onmessage = async (event) => {
  const { id, request } = event.data;
  try {
    const { estimate } = await ready;
    postMessage({ type: "answer", id, answer: estimate(request) });
  } catch (error) {
    postMessage({ type: "failed", id, message: String(error) });
  }
};
