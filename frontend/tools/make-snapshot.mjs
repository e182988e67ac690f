// Makes the calculator's start-up files under Node.js, with the pinned Pyodide (called by
// exchange_guide/pyodide/assets.py during `make site`; the result is cached by a hash of its inputs):
//
//   node frontend/tools/make-snapshot.mjs PYODIDE_DIR CALCULATORS.json OUT_DIR
//
// OUT_DIR/stdlib.zip   the standard library modules the calculator uses (about 130 of Pyodide's
//                      700-odd), compiled (.pyc): no compiling at start-up.
// OUT_DIR/snapshot.bin Pyodide's memory after `import calculators`, made with that zip as the
//                      standard library: restoring it (loadPyodide's private _loadSnapshot) skips
//                      initialising Python, which is most of a normal start. Stored without the
//                      pages a fresh Pyodide instance already has in memory (its data segments, and
//                      zeros): frontend/assets/javascripts/calculator/snapshot.mjs.
//
// OUT_DIR/empty.zip    what the browser mounts as the standard library when it restores the
//                      snapshot: every module of stdlib.zip is imported in the snapshot already
//                      (checked here), so nothing is ever read from it, and 3 MB are not fetched.
//
// A snapshot loads only into the Pyodide build that made it: the browser falls back to a normal
// start with stdlib.zip when it must.
import { loadPyodide } from "pyodide";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import crypto from "node:crypto";
import { onInstantiated, pyodideHeader, receive, store, writeMemory } from "../assets/javascripts/calculator/snapshot.mjs";

const HOME = "/home/pyodide";
// Python's sys.executable (and the environment's `_`): under Node, Emscripten would take this
// script's absolute path, which the snapshot would then keep, so that two checkouts in two folders
// made different snapshots. The browser's own value instead, the same everywhere.
const SYS_EXECUTABLE = "./this.program";

// Everything the calculator does at run time, so that every module it needs is imported here:
// the package, `random` (the browser reseeds it), a JSON round trip, and a Python error (whose
// message imports the traceback machinery).
const WARM_UP = `
import sys, random
sys.path.insert(0, ${JSON.stringify(HOME)})
import calculators, calculators.json_api
calculators.run_json('{"home": "SE"}', '{"rule_sets": []}', None)
try:
    raise ValueError("warm-up")
except ValueError:
    import traceback
    traceback.format_exc()
`;

// The standard library modules loaded from the zip, each compiled to an unchecked hash-based .pyc
// (valid without its source), in a zip written the same way every time.
const COMPILE_STDLIB = `
import importlib.util, sys, zipfile, io
from importlib._bootstrap_external import _code_to_hash_pyc
ZIP = sys.path[[p.endswith('.zip') for p in sys.path].index(True)]
wanted = set()
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, '__spec__', None), 'origin', None) or ''
    if origin.startswith(ZIP + '/'):
        wanted.add(origin[len(ZIP) + 1:])
buffer = io.BytesIO()
with zipfile.ZipFile(ZIP) as source, zipfile.ZipFile(buffer, 'w', zipfile.ZIP_STORED) as target:
    for name in sorted(wanted):
        data = source.read(name)
        code = compile(data, ZIP + '/' + name, 'exec', dont_inherit=True)
        pyc = _code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
        target.writestr(zipfile.ZipInfo(name[:-3] + '.pyc', date_time=(1980, 1, 1, 0, 0, 0)), bytes(pyc))
len(wanted), buffer.getvalue()
`;

// Same inputs, same bytes: while the snapshot is made, Pyodide's clock (file times, time.time())
// stands still and its randomness (the hash secret, os.urandom, the seed of `random`) comes from
// a fixed sequence. Nothing else in the memory depends on the machine or the moment. The browser
// reseeds `random` after each restore (worker.mjs). The hash secret is the same in every restore
// anyway, fixed or not: it guards against crafted input flooding dicts, and the calculator only
// ever hashes the reader's own form.
function fixedClockAndRandomness() {
  const { now } = Date;
  const { random } = Math;
  const { randomFillSync } = crypto;
  const { getRandomValues } = globalThis.crypto;
  let state = 0x9e3779b9;
  const next = () => { state ^= state << 13; state ^= state >>> 17; state ^= state << 5; return state >>> 0; }; // xorshift32
  const monotonic = performance.now;
  let ticks = 0;
  Date.now = () => 946684800000; // 2000-01-01T00:00:00Z
  performance.now = () => (ticks += 1) / 1000; // runs on, a microsecond a reading
  Math.random = () => next() / 2 ** 32;
  crypto.randomFillSync = (view) => {
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    for (let i = 0; i < bytes.length; i++) bytes[i] = next() & 0xff;
    return view;
  };
  globalThis.crypto.getRandomValues = crypto.randomFillSync; // Pyodide asks either of them
  return () => {
    Date.now = now; performance.now = monotonic; Math.random = random; crypto.randomFillSync = randomFillSync; globalThis.crypto.getRandomValues = getRandomValues;
  };
}

// The modules of the zip on sys.path (zipimport's own listing of it) that are not in sys.modules:
// one expression, so that it leaves no name behind in the snapshot's __main__.
const NOT_IMPORTED = `
(lambda sys, zipimport: ', '.join(sorted(
    {name[:-4].replace('/', '.').removesuffix('.__init__')
     for archive in sys.path if archive.endswith('.zip')
     for name in zipimport._zip_directory_cache[archive] if name.endswith('.pyc')}
    - set(sys.modules))))(__import__('sys'), __import__('zipimport'))
`;
// A zip file with nothing in it: its end-of-central-directory record alone.
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

function writePackage(pyodide, sources) {
  pyodide.FS.mkdirTree(`${HOME}/calculators`);
  for (const [name, source] of Object.entries(sources)) {
    pyodide.FS.writeFile(`${HOME}/calculators/${name}`, source);
  }
}

async function main() {
  const [pyodideDir, sourcesPath, outDir] = process.argv.slice(2);
  if (!outDir) throw new Error("usage: node frontend/tools/make-snapshot.mjs PYODIDE_DIR CALCULATORS.json OUT_DIR");
  const sources = JSON.parse(readFileSync(sourcesPath, "utf8"));
  const indexURL = path.resolve(pyodideDir) + path.sep;
  mkdirSync(outDir, { recursive: true });
  const quiet = { stdout: () => {}, stderr: (line) => process.stderr.write(line + "\n") };

  // 1. A stock start with the full stdlib: find and compile the modules the calculator uses.
  const stock = await loadPyodide({ indexURL, _sysExecutable: SYS_EXECUTABLE, ...quiet });
  writePackage(stock, sources);
  stock.runPython(WARM_UP);
  const found = stock.runPython(COMPILE_STDLIB);
  const [count, zipBytes] = found.toJs();
  found.destroy();
  const stdlib = path.join(outDir, "stdlib.zip");
  writeFileSync(stdlib, zipBytes);

  // 2. A start with that zip, the same steps, and a snapshot of the memory. No JavaScript object
  // may stay referenced from Python (the snapshot cannot hold one): runPython only, nothing kept.
  // The memory the new instance had before Python started is what the browser's will have too:
  // the pages still equal to it are left out of the file.
  const { default: createPyodideModule } = await import(new URL("pyodide.asm.mjs", pathToFileURL(indexURL)).href);
  let before;
  const restoreClock = fixedClockAndRandomness();
  const made = await loadPyodide({
    indexURL, stdLibURL: stdlib, _makeSnapshot: true, _sysExecutable: SYS_EXECUTABLE,
    createPyodideModule: onInstantiated(createPyodideModule, (instance) => {
      before = new Uint8Array(instance.exports.memory.buffer).slice();
    }),
  });
  writePackage(made, sources);
  made.runPython(WARM_UP);
  const notImported = made.runPython(NOT_IMPORTED);
  if (notImported) throw new Error(`stdlib.zip has modules the snapshot has not imported: ${notImported}`);
  const snapshot = made.makeMemorySnapshot();
  restoreClock();
  const stored = store(snapshot, before);
  writeFileSync(path.join(outDir, "snapshot.bin"), stored);
  writeFileSync(path.join(outDir, "empty.zip"), EMPTY_ZIP);

  // 3. The file reads back, as the browser reads it, to the very snapshot.
  const file = await receive(new Response(stored)).complete;
  const header = pyodideHeader(file);
  const memory = new Uint8Array(snapshot.length - header.length).fill(0xff); // not zeros: every byte must be written
  writeMemory(file, memory, before);
  if (Buffer.compare(header, snapshot.subarray(0, header.length)) !== 0 || Buffer.compare(memory, snapshot.subarray(header.length)) !== 0) {
    throw new Error("the stored snapshot does not read back to the original");
  }
  process.stdout.write(JSON.stringify({ modules: count, stdlib: zipBytes.length, memory: snapshot.length,
                                        snapshot: stored.length }) + "\n");
}

main().catch((error) => {
  process.stderr.write(`snapshot.mjs: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
