// The calculator's module worker: it owns Pyodide, so the page stays responsive while Python
// loads and runs. start.js gives it the addresses of Pyodide's files (their names carry Pyodide's
// version and the snapshot's hash); the rules and the package's sources are relative to this file.
//
// Start-up: restore the memory snapshot that the build made after `import calculators`
// (exchange_guide/pyodide_snapshot.mjs). It is Pyodide's private API and loads only into the build
// that made it, so if the restore fails for any reason the worker starts Pyodide the ordinary way,
// with the same compiled standard library, and the reader sees no difference but the time.
const files = new URL(import.meta.url).searchParams;
const indexURL = files.get("pyodide");
const assets = new URL("../../", import.meta.url);
// Imported, not a static import: its address comes from the page. The handler below must be set
// before the first await, or the page's first message could come before anyone listens.
const pyodideModule = import(new URL("pyodide.mjs", indexURL).href);
const sparseModule = import("./sparse.mjs"); // the snapshot's file format, shared with the build

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}
const fetchText = (path) => fetchOk(new URL(path, assets)).then((response) => response.text());

function entryPoint(pyodide) {
  const runJson = pyodide.pyimport("calculators.json_api").run_json;
  // One call, to know the package answers before the worker says it is ready.
  JSON.parse(runJson('{"home": "SE"}', '{"rule_sets": []}'));
  return runJson;
}

async function fromSnapshot() {
  // A promise: the snapshot downloads alongside the WebAssembly and the standard library.
  const snapshot = Promise.all([fetchOk(files.get("snapshot")).then((response) => response.arrayBuffer()), sparseModule])
    .then(([stored, { expand }]) => expand(stored)); // the build stores it without its blocks of zeros
  snapshot.catch(() => {}); // handled by loadPyodide, which may not be listening yet
  const { loadPyodide } = await pyodideModule;
  const pyodide = await loadPyodide({ indexURL, stdLibURL: files.get("stdlib"), _loadSnapshot: snapshot });
  // Every restore starts from the same memory: without a new seed, `random` would repeat itself.
  pyodide.runPython("import random; random.seed()");
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
  const data = Promise.all([fetchText("data/rules.json"), fetchText("data/exchange_rates.json")]);
  let runJson;
  let how = "snapshot";
  try {
    runJson = await fromSnapshot();
  } catch (error) {
    console.warn("calculator: the start-up snapshot did not load, starting Python normally:", String(error));
    how = "normal";
    runJson = await normalStart();
  }
  const [rules, rates] = await data;
  return { how, estimate: (request) => JSON.parse(runJson(JSON.stringify(request), rules, rates)) };
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
