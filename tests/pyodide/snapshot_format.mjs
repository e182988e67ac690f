// The snapshot file's format on made-up memory (tests/test_snapshot_format.py): what the build
// stores reads back to the same bytes, and a damaged file is refused with a reason.
//
//   node tests/pyodide/snapshot_format.mjs   prints one JSON object: {case: result, ...}
import { pyodideHeader, receive, store, writeMemory } from "../../frontend/assets/javascripts/calculator/snapshot.mjs";

const HEADER = 128; // as Pyodide's: magic, where memory starts, ..., padded
function madeUp() {
  const fresh = new Uint8Array(64 * 1024); // a "fresh instance": data up front, zeros after
  for (let i = 0; i < 5000; i++) fresh[i] = (i * 7) & 0xff;
  const snapshot = new Uint8Array(HEADER + 200 * 1024);
  new DataView(snapshot.buffer).setUint32(4, HEADER, true);
  snapshot.fill(9, 0, 4).fill(3, 8, HEADER);
  snapshot.set(fresh, HEADER);
  snapshot[HEADER + 10] ^= 1;                          // changed inside the data
  snapshot.fill(5, HEADER + 90_000, HEADER + 90_100);  // written where the fresh memory is zero
  snapshot[snapshot.length - 1] = 1;                   // the very last byte
  return { fresh, snapshot };
}

// The file in pieces of `size` bytes, as a network delivers it.
function inPieces(bytes, size) {
  let at = 0;
  return new Response(new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at += size));
    },
  }));
}

async function readBack(bytes, pieces, fresh, length) {
  const file = await receive(inPieces(bytes, pieces)).complete;
  const memory = new Uint8Array(length).fill(0xff);
  writeMemory(file, memory, fresh);
  return [...pyodideHeader(file), ...memory];
}

async function outcome(run) {
  try {
    return { ok: await run() };
  } catch (error) {
    return { error: String(error.message || error) };
  }
}

const { fresh, snapshot } = madeUp();
const stored = store(snapshot, fresh);
const same = (bytes) => bytes.length === snapshot.length && bytes.every((b, i) => b === snapshot[i]);
const results = {
  stored_bytes: stored.length,
  whole: await outcome(async () => same(await readBack(stored, 1 << 20, fresh, snapshot.length - HEADER))),
  in_small_pieces: await outcome(async () => same(await readBack(stored, 7, fresh, snapshot.length - HEADER))),
  size_known_early: await outcome(async () => (await receive(inPieces(stored, 40)).head).size),
  cut_short: await outcome(() => receive(inPieces(stored.slice(0, stored.length - 1), 4096)).complete),
  too_long: await outcome(() => receive(inPieces(new Uint8Array([...stored, 0]), 4096)).complete),
  not_a_snapshot: await outcome(() => receive(inPieces(new Uint8Array(64), 4096)).complete),
  http_error: await outcome(() => receive(new Response("gone", { status: 404 })).complete),
};
process.stdout.write(JSON.stringify(results) + "\n");
