// The calculator's start-up snapshot, in one place for both sides: how the build stores Pyodide's
// memory snapshot (frontend/tools/make-snapshot.mjs, under Node.js) and how it is restored, by
// the worker (worker.mjs) and by the Pyodide case tests (tests/pyodide/run_cases.mjs) alike.
//
// Stored: Pyodide's header, and only the 4 KiB pages of memory that differ from the memory a
// freshly instantiated Pyodide has (its data segments, zeros after them). Of 31 MB, about 9 MB are
// stored: less to decompress and to pass between the browser's threads.
//
// Restored: the file is read as it arrives. Its header tells the snapshot's size at once, so
// Pyodide sizes its memory, compiles its WebAssembly and sets up its runtime while the rest
// downloads. Then Pyodide's own restore checks the snapshot's header (build id included) and the
// pages are written straight into Pyodide's memory, the others set to the fresh instance's:
// no 31 MB copy of the whole. This uses loadPyodide's private `_loadSnapshot`, its
// `createPyodideModule` option and the module's `API.restoreSnapshot`, as Pyodide 314 has them;
// tests/test_calculators_pyodide.py runs every case this way under Node.
//
// Layout, little-endian as WebAssembly is: a 20-byte header (magic "EGS3", size of Pyodide's
// snapshot, where the memory starts in it, where the fresh instance's memory turns to zeros,
// number of runs), the runs stored (offset and length in Pyodide's snapshot, u32 each), then their
// bytes in order. The first run starts at 0: Pyodide's header.
const MAGIC = 0x33534745; // "EGS3"
const PAGE = 4096;
const HEADER = 20;

// --- storing (the build) ---------------------------------------------------------------------

/** `snapshot` (Pyodide's makeMemorySnapshot()) without the pages `fresh` (a new instance's
 * memory, before anything ran) already has. */
export function store(snapshot, fresh) {
  const memoryStart = new DataView(snapshot.buffer, snapshot.byteOffset).getUint32(4, true); // Pyodide's header says
  let freshEnd = fresh.length;
  while (freshEnd > 0 && fresh[freshEnd - 1] === 0) freshEnd -= 1;
  const same = (start, end) => {
    if (start < memoryStart) return false; // Pyodide's own header and settings: always stored
    for (let at = start; at < end; at++) if (snapshot[at] !== (fresh[at - memoryStart] ?? 0)) return false;
    return true;
  };
  const runs = [];
  for (let start = 0; start < snapshot.length; start += PAGE) {
    const end = Math.min(start + PAGE, snapshot.length);
    if (same(start, end)) continue;
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === start) last[1] += end - start;
    else runs.push([start, end - start]);
  }
  const dataStart = HEADER + runs.length * 8;
  const out = new Uint8Array(dataStart + runs.reduce((sum, [, length]) => sum + length, 0));
  const view = new DataView(out.buffer);
  [MAGIC, snapshot.length, memoryStart, freshEnd, runs.length].forEach((value, i) => view.setUint32(i * 4, value, true));
  let at = dataStart;
  runs.forEach(([start, length], i) => {
    view.setUint32(HEADER + i * 8, start, true);
    view.setUint32(HEADER + i * 8 + 4, length, true);
    out.set(snapshot.subarray(start, start + length), at);
    at += length;
  });
  return out;
}

// --- reading ---------------------------------------------------------------------------------

/** The header of a stored snapshot, once `bytes` holds it (else null). */
function header(bytes) {
  if (bytes.length < HEADER) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error("not a calculator snapshot");
  const [size, memoryStart, freshEnd, count] = [4, 8, 12, 16].map((at) => view.getUint32(at, true));
  if (bytes.length < HEADER + count * 8) return null;
  const runs = Array.from({ length: count }, (_, i) => [view.getUint32(HEADER + i * 8, true), view.getUint32(HEADER + i * 8 + 4, true)]);
  if (!count || runs[0][0] !== 0 || runs[0][1] < memoryStart) throw new Error("calculator snapshot: no Pyodide header");
  const fileSize = HEADER + count * 8 + runs.reduce((sum, [, length]) => sum + length, 0);
  return { size, memoryStart, freshEnd, runs, fileSize };
}

/** Reads a stored snapshot from `responding` (a Response or a promise of one) as it arrives.
 * `head` resolves to its header as soon as that is in; `complete` to the whole file. */
export function receive(responding) {
  let known;
  const head = new Promise((resolve, reject) => { known = { resolve, reject }; });
  const complete = (async () => {
    const response = await responding;
    if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
    const reader = response.body.getReader();
    let start = new Uint8Array(0); // the bytes before the header is whole
    let file = null;
    let at = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!file) {
        start = concat(start, value);
        const found = header(start);
        if (!found) continue;
        known.resolve(found);
        file = new Uint8Array(found.fileSize);
        if (start.length > file.length) throw new Error("calculator snapshot: too long");
        file.set(start);
        at = start.length;
        continue;
      }
      if (at + value.length > file.length) throw new Error("calculator snapshot: too long");
      file.set(value, at);
      at += value.length;
    }
    if (!file || at !== file.length) throw new Error("calculator snapshot: cut short");
    return file;
  })();
  complete.catch((error) => known.reject(error));
  head.catch(() => {}); // a failure is reported through `complete` too: one is enough to handle
  return { head, complete };
}

function concat(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Pyodide's own header of the stored snapshot `file` (a copy: Pyodide reads it as 32-bit words). */
export function pyodideHeader(file) {
  const { memoryStart, runs } = header(file);
  const at = HEADER + runs.length * 8;
  return file.slice(at, at + memoryStart);
}

/** Writes the stored snapshot `file` into `memory` (the WebAssembly memory, as bytes): the
 * stored pages, and everywhere else `fresh` (the fresh instance's memory up to freshEnd), then zeros. */
export function writeMemory(file, memory, fresh) {
  const { size, memoryStart, freshEnd, runs } = header(file);
  let from = HEADER + runs.length * 8; // where the next run's bytes are in the file
  let done = 0; // memory up to here is written
  const gap = (end) => {
    if (end <= done) return;
    const copied = Math.min(end, freshEnd);
    if (copied > done) memory.set(fresh.subarray(done, copied), done);
    memory.fill(0, Math.max(done, copied), end);
    done = end;
  };
  for (const [start, length] of runs) {
    const skip = Math.max(0, memoryStart - start); // Pyodide's header is not memory
    gap(start + skip - memoryStart);
    memory.set(file.subarray(from + skip, from + length), start + skip - memoryStart);
    done = start + length - memoryStart;
    from += length;
  }
  gap(Math.min(memory.length, size - memoryStart)); // as Pyodide's restore: the snapshot's length
}

// --- restoring (the worker, the Pyodide tests) ------------------------------------------------

/** loadPyodide's `createPyodideModule` (pyodide.asm.mjs's default export, or a promise of it),
 * calling `instantiated(instance)` as soon as the WebAssembly instance exists, before anything
 * runs in it; Pyodide goes on when the promise that returns resolves. */
export function onInstantiated(createPyodideModule, instantiated) {
  return async (settings) => {
    const instantiate = settings.instantiateWasm;
    settings.instantiateWasm = (imports, success) => instantiate(imports, (instance, module) => {
      Promise.resolve(instantiated(instance)).then(() => success(instance, module), () => {});
    });
    return (await createPyodideModule)(settings);
  };
}

/** Pyodide restored from the stored snapshot in `responding` (a Response or a promise of one),
 * set up while it downloads. `createPyodideModule` is pyodide.asm.mjs's default export, or a
 * promise of it: Pyodide starts fetching its WebAssembly before that script is in. Rejects when
 * the snapshot fails to download or Pyodide refuses it (another build: "Snapshot build id mismatch"). */
export function restore(loadPyodide, createPyodideModule, responding, options) {
  const { head, complete } = receive(responding);
  let fresh;
  const started = onInstantiated(createPyodideModule, async (instance) => {
    const { freshEnd } = await head;
    fresh = new Uint8Array(instance.exports.memory.buffer).slice(0, freshEnd);
  });
  const pyodide = loadPyodide({
    ...options,
    // Pyodide only takes the size from this, to size its memory: restoreSnapshot below fills it.
    _loadSnapshot: head.then(({ size }) => new Uint8Array(size)),
    createPyodideModule: async (settings) => {
      const module = await started(settings);
      const file = await complete;
      const pyodideRestore = module.API.restoreSnapshot;
      module.API.restoreSnapshot = () => {
        // Pyodide's own restore, given its header only: it checks the build id, reads its
        // settings, and copies no memory (there is none after the header).
        const settingsRead = pyodideRestore(pyodideHeader(file));
        writeMemory(file, module.HEAP8, fresh);
        return settingsRead;
      };
      return module;
    },
  });
  // A download that fails after Pyodide has started would leave it waiting: the failure wins.
  return Promise.race([pyodide, complete.then(() => pyodide)]);
}
