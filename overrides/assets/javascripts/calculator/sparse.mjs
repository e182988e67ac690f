// The calculator snapshot's file format, in one place for both sides: the build stores Pyodide's
// memory snapshot without its blocks of zeros (exchange_guide/pyodide_snapshot.mjs, under Node.js)
// and the worker puts the memory back together (worker.mjs). 31 MB of memory, 13 MB not zero:
// less to decompress and to pass between the browser's threads.
//
// Layout, little-endian as WebAssembly is: a 16-byte header (magic "EGS1", memory length, block
// size, number of blocks kept), the indexes of the blocks kept (u32 each, padded to 16 bytes),
// then those blocks in order (the last block of memory may be short).
const MAGIC = 0x31534745; // "EGS1"
const BLOCK = 65536;
const indexBytes = (count) => Math.ceil((count * 4) / 16) * 16;

export function sparse(memory) {
  const kept = [];
  for (let start = 0; start < memory.length; start += BLOCK) {
    if (memory.subarray(start, start + BLOCK).some((byte) => byte !== 0)) kept.push(start / BLOCK);
  }
  const blocks = kept.map((block) => memory.subarray(block * BLOCK, (block + 1) * BLOCK));
  const out = new Uint8Array(16 + indexBytes(kept.length) + blocks.reduce((sum, b) => sum + b.length, 0));
  const view = new DataView(out.buffer);
  [MAGIC, memory.length, BLOCK, kept.length].forEach((value, i) => view.setUint32(i * 4, value, true));
  kept.forEach((block, i) => view.setUint32(16 + i * 4, block, true));
  let at = 16 + indexBytes(kept.length);
  for (const block of blocks) {
    out.set(block, at);
    at += block.length;
  }
  return out;
}

export function expand(buffer) {
  const view = new DataView(buffer.buffer ?? buffer, buffer.byteOffset ?? 0, buffer.byteLength);
  if (view.byteLength < 16 || view.getUint32(0, true) !== MAGIC) throw new Error("not a calculator snapshot");
  const [length, block, count] = [4, 8, 12].map((at) => view.getUint32(at, true));
  const memory = new Uint8Array(length);
  let at = 16 + indexBytes(count);
  for (let i = 0; i < count; i++) {
    const start = view.getUint32(16 + i * 4, true) * block;
    const size = Math.min(block, length - start);
    memory.set(new Uint8Array(view.buffer, view.byteOffset + at, size), start);
    at += size;
  }
  if (at !== view.byteLength) throw new Error("calculator snapshot: wrong length");
  return memory;
}
