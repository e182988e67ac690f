"""Precompressed copies of the built site's larger files: `<file>.gz`, and `<file>.br` with Brotli.

A web server sends them as they are (nginx `gzip_static`, `brotli_static`), so the biggest
file, Pyodide's 9.6 MB WebAssembly, goes out as about 2.7 MB without compressing on every
request. Best-quality Brotli is slow (about 35 s for that file), so results are cached by
content hash under build/: a build compresses only what changed, and afterwards the cache keeps
only what that build used (so it does not grow with every version of every page).
"""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

import brotli

SUFFIXES = {
    ".html",
    ".css",
    ".js",
    ".mjs",
    ".json",
    ".wasm",
    ".svg",
    ".xml",
    ".txt",
    ".map",
    ".bin",
    ".zip",
}  # .bin, .zip: the Pyodide snapshot and stdlib
MIN_SIZE = 1024  # smaller files gain nothing worth a second request path
MIN_SAVING = 0.05  # keep a compressed copy only if it is at least 5 % smaller


def _compressors():
    return {
        ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0),  # mtime 0: reproducible
        ".br": lambda data: brotli.compress(data, quality=11),
    }


def precompress(site: Path, cache: Path) -> int:
    """Write .gz and .br beside every compressible file in `site`; returns how many were written."""
    cache.mkdir(parents=True, exist_ok=True)
    written, used = 0, set()
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in SUFFIXES or path.stat().st_size < MIN_SIZE:
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        for suffix, compress in _compressors().items():
            cached = cache / f"{digest}{suffix}"
            used.add(cached.name)
            packed = _cached(cached, lambda compress=compress, data=data: compress(data), len(data))
            if packed:
                path.with_name(path.name + suffix).write_bytes(packed)
                written += 1
    for stale in cache.iterdir():
        if stale.name not in used and ".partial-" not in stale.name:  # (another build's, being written)
            stale.unlink(missing_ok=True)
    return written


def sizes(path: Path, cache: Path) -> dict[str, int]:
    """What sending `path` costs, by Content-Encoding: {"identity": bytes, "br": bytes, "gzip": bytes},
    for the copies precompress() writes beside it (the same cache: made once for both)."""
    data = path.read_bytes()
    found = {"identity": len(data)}
    if path.suffix not in SUFFIXES or len(data) < MIN_SIZE:
        return found
    cache.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()
    for suffix, compress in _compressors().items():
        packed = _cached(cache / f"{digest}{suffix}", lambda compress=compress: compress(data), len(data))
        if packed:
            found[{".gz": "gzip", ".br": "br"}[suffix]] = len(packed)
    return found


def _cached(cached: Path, compress, size: int) -> bytes:
    """The compressed bytes from the cache, made and stored first if missing; b"" means "not
    worth it". Stored by rename, so another build never reads half a file."""
    try:
        return cached.read_bytes()
    except FileNotFoundError:
        pass
    packed = compress()
    if len(packed) > size * (1 - MIN_SAVING):
        packed = b""
    partial = cached.with_name(f"{cached.name}.partial-{os.getpid()}")
    partial.write_bytes(packed)
    partial.replace(cached)
    return packed
