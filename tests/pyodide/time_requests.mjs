// Times calculators.json_api in real Pyodide under Node.js, as the browser's worker calls it
// (tests/bench_json_api.py --pyodide runs it).
//
//   node tests/pyodide/time_requests.mjs REQUESTS.json RULES.json RATES.json [REPEATS [FOLDER]]
//
// REQUESTS.json: {name: request JSON text, ...}. The calculators package is copied from FOLDER
// (default: this checkout) into Pyodide's file system (as run_cases.mjs does). Prints one JSON object:
// {"pyodide": ..., "times": {name: [ms, ...], ...}}; each request is answered once untimed first.
import { loadPyodide } from "pyodide";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const TARGET = "/home/pyodide";

function pythonFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "__pycache__" ? [] : pythonFiles(full);
    return name.endsWith(".py") ? [full] : [];
  });
}

async function main() {
  const [requestsPath, rulesPath, ratesPath, repeatsText, folder] = process.argv.slice(2);
  if (!requestsPath || !rulesPath || !ratesPath) {
    throw new Error("usage: node tests/pyodide/time_requests.mjs REQUESTS.json RULES.json RATES.json [REPEATS]");
  }
  const repeats = Number(repeatsText || 7);
  const requests = JSON.parse(readFileSync(requestsPath, "utf8"));
  const output = { stdout: (line) => process.stderr.write(line + "\n"), stderr: (line) => process.stderr.write(line + "\n") };
  const pyodide = await loadPyodide(output);
  const from = folder || root;
  for (const file of pythonFiles(path.join(from, "calculators"))) {
    const inside = path.posix.join(TARGET, path.relative(from, file).split(path.sep).join("/"));
    pyodide.FS.mkdirTree(path.posix.dirname(inside));
    pyodide.FS.writeFile(inside, readFileSync(file, "utf8"));
  }
  pyodide.runPython(`import sys\nif ${JSON.stringify(TARGET)} not in sys.path: sys.path.insert(0, ${JSON.stringify(TARGET)})`);
  const answerer = pyodide.runPython("from calculators.json_api import answerer\nanswerer");
  const answer = answerer(readFileSync(rulesPath, "utf8"), readFileSync(ratesPath, "utf8"));
  const times = {};
  const answers = {};
  for (const [name, request] of Object.entries(requests)) {
    try {
      answers[name] = answer(request); // untimed: the first call fills caches
    } catch (error) {
      answers[name] = `raised: ${error.message.split("\n").slice(-2).join(" ")}`;
      continue;
    }
    times[name] = [];
    for (let run = 0; run < repeats; run += 1) {
      const started = performance.now();
      answer(request);
      times[name].push(performance.now() - started);
    }
  }
  answer.destroy();
  answerer.destroy();
  process.stdout.write(JSON.stringify({ pyodide: pyodide.version, times, answers }) + "\n");
}

main().catch((error) => {
  process.stderr.write(`time_requests.mjs: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
