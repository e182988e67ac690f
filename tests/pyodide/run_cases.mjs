// Runs the calculator's test cases in real Pyodide under Node.js, as the browser will.
//
//   node tests/pyodide/run_cases.mjs CASES.json RULES.json [SNAPSHOT_DIR]
//
// CASES.json: [{"id": ..., "request": {...}}, ...]; RULES.json: the compiled rules
// (exchange_guide.model.rules.compile_rules). The calculators package is copied from this
// checkout into Pyodide's file system: no micropip, no network. With SNAPSHOT_DIR (the build's
// snapshot.bin and empty.zip, exchange_guide/pyodide_assets.py), Pyodide starts as the browser
// does: from the snapshot, whose package was imported at build time, restored by the browser's own
// code (frontend/assets/javascripts/calculator/snapshot.mjs). Prints one JSON object:
// {"python": ..., "pyodide": ..., "results": [{"id": ..., "outcome": {...}}, ...]}.
import { loadPyodide } from "pyodide";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import createPyodideModule from "pyodide/pyodide.asm.mjs";
import { restore } from "../../frontend/assets/javascripts/calculator/snapshot.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const PACKAGE = "calculators";
const TARGET = "/home/pyodide";

function pythonFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "__pycache__" ? [] : pythonFiles(full);
    return name.endsWith(".py") ? [full] : [];
  });
}

async function main() {
  const [casesPath, rulesPath, snapshotDir] = process.argv.slice(2);
  if (!casesPath || !rulesPath) {
    throw new Error("usage: node tests/pyodide/run_cases.mjs CASES.json RULES.json [SNAPSHOT_DIR]");
  }
  const cases = JSON.parse(readFileSync(casesPath, "utf8"));
  const rulesJson = readFileSync(rulesPath, "utf8");

  // Python's own output would spoil the JSON on stdout: send it to stderr.
  const output = { stdout: (line) => process.stderr.write(line + "\n"), stderr: (line) => process.stderr.write(line + "\n") };
  const pyodide = snapshotDir
    ? await restore(loadPyodide, createPyodideModule, new Response(readFileSync(path.join(snapshotDir, "snapshot.bin"))),
      { ...output, stdLibURL: path.join(snapshotDir, "empty.zip") })
    : await loadPyodide(output);
  for (const file of snapshotDir ? [] : pythonFiles(path.join(root, PACKAGE))) {
    const inside = path.posix.join(TARGET, path.relative(root, file).split(path.sep).join("/"));
    pyodide.FS.mkdirTree(path.posix.dirname(inside));
    pyodide.FS.writeFile(inside, readFileSync(file, "utf8"));
  }
  pyodide.runPython(`import sys\nif ${JSON.stringify(TARGET)} not in sys.path: sys.path.insert(0, ${JSON.stringify(TARGET)})`);
  const runJson = pyodide.runPython("from calculators.json_api import run_json\nrun_json");
  const results = cases.map((c) => ({ id: c.id, outcome: JSON.parse(runJson(JSON.stringify(c.request), rulesJson)) }));
  runJson.destroy();
  const python = pyodide.runPython("import sys\nsys.version.split()[0]");
  process.stdout.write(JSON.stringify({ python, pyodide: pyodide.version, results }) + "\n");
}

main().catch((error) => {
  process.stderr.write(`run_cases.mjs: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
