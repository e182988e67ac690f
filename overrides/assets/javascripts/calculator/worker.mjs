// The calculator's module worker: it owns Pyodide, so the page stays responsive while Python
// loads and runs. Every path is relative to this file, so the site works under any base path.
import { loadPyodide } from "../../pyodide/pyodide.mjs";

const assets = new URL("../../", import.meta.url);

async function fetchText(path) {
  const response = await fetch(new URL(path, assets));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
}

async function start() {
  const [pyodide, sources, rules, rates] = await Promise.all([
    loadPyodide({ indexURL: new URL("pyodide/", assets).href }),
    fetchText("data/calculators.json").then(JSON.parse),
    fetchText("data/rules.json"),
    fetchText("data/exchange_rates.json"),
  ]);
  // The same calculators package the tests run in CPython, written into Pyodide's file system.
  pyodide.FS.mkdirTree("/home/pyodide/calculators");
  for (const [name, source] of Object.entries(sources)) {
    pyodide.FS.writeFile(`/home/pyodide/calculators/${name}`, source);
  }
  pyodide.runPython("import sys\nsys.path.insert(0, '/home/pyodide')");
  const runJson = pyodide.pyimport("calculators").run_json;
  return (request) => JSON.parse(runJson(JSON.stringify(request), rules, rates));
}

const ready = start();
ready.then(
  () => postMessage({ type: "ready" }),
  (error) => postMessage({ type: "failed", message: String(error) }),
);

onmessage = async (event) => {
  const { id, request } = event.data;
  try {
    const estimate = await ready;
    const started = performance.now();
    const answer = estimate(request);
    postMessage({ type: "answer", id, answer, ms: performance.now() - started });
  } catch (error) {
    postMessage({ type: "failed", id, message: String(error) });
  }
};
