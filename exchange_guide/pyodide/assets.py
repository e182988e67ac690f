"""The calculator's Python for the browser: Pyodide's files, and a start-up snapshot made at build time.

Everything goes under `assets/pyodide/<Pyodide version>/`, so an upgrade moves to a new folder
and a browser never runs new pages with old Pyodide files it was told to keep for a year.

Besides the npm package's files, three are made here (by `frontend/tools/make-snapshot.mjs` under Node.js,
with the pinned Pyodide) and named by a hash of everything they depend on: `stdlib-<hash>.zip`, the
compiled standard library modules the calculator uses, `snapshot-<hash>.bin`, Pyodide's memory
after `import calculators`, and `empty-<hash>.zip`, the empty standard library a restored snapshot
is given (its modules are all in it). Restoring the snapshot answers in a fraction of a normal start.
Making them takes a few seconds and compressing the snapshot much longer (precompress.py), so
they are cached in build/ and remade only when an input changes: the Pyodide files, the
`calculators` package, the maker script or the snapshot's file format (snapshot.mjs). The rules and
rates are not in the snapshot: an editor's change to content/ must not cost a new snapshot.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
CALCULATORS = PROJECT / "calculators"
MAKER = PROJECT / "frontend" / "tools" / "make-snapshot.mjs"
FORMAT = PROJECT / "frontend" / "assets" / "javascripts" / "calculator" / "snapshot.mjs"  # the file's layout
CACHE = PROJECT / "build" / "pyodide-snapshot"
KEEP = 3  # cached snapshots kept (other branches' builds), newest first

# The parts of the npm package that the browser loads (no package wheels are needed).
# python_stdlib.zip is Pyodide's stock standard library, for anyone starting Pyodide the
# ordinary way from these files (the benchmark's plain page does); the calculator uses its own.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# What the snapshot depends on in the package: those files, and its version (package.json).
PACKAGE_FILES = (*PYODIDE_FILES, "package.json")
# The files make-snapshot.mjs makes; in the site as <stem>-<digest><suffix> (snapshot-….bin).
MADE_FILES = ("snapshot.bin", "stdlib.zip", "empty.zip")


class PyodideAssetsError(Exception):
    """The calculator's Python files cannot be provided: node_modules/pyodide or Node.js is missing,
    or the snapshot could not be made."""


@dataclass(frozen=True)
class PyodideAssets:
    version: str
    digest: str  # of every input of the snapshot and the stdlib zip
    package: Path  # node_modules/pyodide

    @property
    def folder(self) -> str:
        return f"assets/pyodide/{self.version}"

    @property
    def urls(self) -> dict[str, str]:
        """Site-relative paths, for the calculator page's template (which hands them to the worker)."""
        named = {
            Path(name).stem: f"{self.folder}/{Path(name).stem}-{self.digest}{Path(name).suffix}" for name in MADE_FILES
        }
        return {"folder": f"{self.folder}/", **named}

    def made(self) -> Path:
        """The folder with the MADE_FILES, made first if it is not cached."""
        return _made(self)

    def files(self) -> dict[Path, Path]:
        """{path in the site: file to copy}, making the snapshot first if it is not cached."""
        made = self.made()
        urls = self.urls
        return {
            **{Path(self.folder) / name: self.package / name for name in PYODIDE_FILES},
            **{Path(urls[Path(name).stem]): made / name for name in MADE_FILES},
        }


def calculators_json() -> str:
    """The calculators package as {file name: source}: what the browser and the snapshot load."""
    sources = {path.name: path.read_text(encoding="utf-8") for path in sorted(CALCULATORS.glob("*.py"))}
    return json.dumps(sources, ensure_ascii=False, sort_keys=True) + "\n"


@functools.lru_cache(maxsize=8)
def _digest(stamps: tuple) -> str:
    """A hash of the contents of the inputs in `stamps` ((path, size, mtime) each: the cache key)."""
    hasher = hashlib.sha256()
    for path, _size, _mtime in stamps:
        hasher.update(Path(path).name.encode() + b"\0" + Path(path).read_bytes())
    return hasher.hexdigest()[:16]


def pyodide_assets(node_modules: Path) -> PyodideAssets:
    package = node_modules / "pyodide"
    missing = [name for name in PACKAGE_FILES if not (package / name).is_file()]
    if missing:
        raise PyodideAssetsError(f"Pyodide is not installed ({package} lacks {', '.join(missing)}): run `npm ci`")
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    # Everything the made files depend on; hashed again only when one of them changes.
    inputs = [package / name for name in PACKAGE_FILES] + [MAKER, FORMAT, *sorted(CALCULATORS.glob("*.py"))]
    stamps = tuple((str(p), stat.st_size, stat.st_mtime_ns) for p in inputs for stat in [p.stat()])
    return PyodideAssets(version, _digest(stamps), package)


def _made(assets: PyodideAssets) -> Path:
    """build/pyodide-snapshot/<digest>/ with the MADE_FILES, made if missing."""
    target = CACHE / assets.digest
    if all((target / name).is_file() for name in MADE_FILES):
        os.utime(target)  # recently used: kept by the pruning below
        return target
    node = shutil.which("node")
    if node is None:
        raise PyodideAssetsError(
            "Node.js is not installed: the build needs `node` to make the calculator's start-up snapshot with Pyodide"
        )
    CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{assets.digest}.", dir=CACHE))
    try:
        (work / "calculators.json").write_text(calculators_json(), encoding="utf-8")
        done = subprocess.run(
            [node, str(MAKER), str(assets.package), str(work / "calculators.json"), str(work)],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0:
            raise PyodideAssetsError(f"could not make the calculator's start-up snapshot:\n{done.stderr[-3000:]}")
        (work / "calculators.json").unlink()
        shutil.rmtree(target, ignore_errors=True)
        os.replace(work, target)  # whole or not at all: an interrupted build leaves no half snapshot
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for old in sorted(
        (p for p in CACHE.iterdir() if p.is_dir() and "." not in p.name), key=lambda p: p.stat().st_mtime, reverse=True
    )[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)
    return target
