"""The guide offline: the service worker, written into the built site after MkDocs.

`sw.js` at the site's root is frontend/offline/sw.js with this release's manifest in it: every
file a reader may need, by group, each with a hash of its content. The groups (what the worker
caches when: frontend/offline/sw.js):

- `shared`: the theme's and the guide's scripts, style sheets and images, and the search's
  language support for the site's languages;
- `pages:<lang>`: every page of one language (its folder, or the root for the default language),
  its page-not-found page and its search index;
- `calculator`: the calculator's scripts, its rules and data, and the Pyodide files that its
  start needs (not Pyodide's stock standard library, which only the benchmark's plain page loads).

Source maps, the precompressed copies (.gz, .br), the sitemap and the workers themselves are not
in it. The manifest's hash is the release: any change to any file makes a new sw.js, which
browsers notice on the next visit. `sw-off.js`, the kill switch (docs/publishers.md), is written
beside it; with offline use turned off (content/site.yml `offline: false`) it is also `sw.js`, so
that browsers which have the worker remove it.

A plain worker of our own rather than Workbox: Workbox's precaching fills one cache with its
whole manifest at install, and a guidance page must fetch no Pyodide (nor five other languages'
pages); the groups, asked for when needed and carried over to the next release, would be our own
code around Workbox anyway, and its runtime would be more files in the site than this worker.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
SOURCES = PROJECT / "frontend" / "offline"
WORKER = "sw.js"
KILL_SWITCH = "sw-off.js"
PLACEHOLDER = "/* manifest */ null"

SKIPPED_SUFFIXES = (".gz", ".br", ".map")
SKIPPED_FILES = {WORKER, KILL_SWITCH, "sitemap.xml"}
# What the calculator's start needs from Pyodide's folder (assets/pyodide/<version>/): its
# scripts and WebAssembly, its lock file, and the files made by the build (the snapshot, the
# empty and the compiled standard library, for the fallback start).
CALCULATOR_PYODIDE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
CALCULATOR_MADE = ("snapshot-", "empty-", "stdlib-")
CALCULATOR_FOLDERS = ("assets/javascripts/calculator/", "assets/data/")


def manifest(site: Path, languages: list[str], default_language: str) -> dict:
    """{release, groups: {group: [path]}, files: {path: hash}} for the built `site`."""
    lunr = _search_languages(site, languages, default_language)
    groups: dict[str, list[str]] = {}
    files: dict[str, str] = {}
    for file in sorted(site.rglob("*")):
        relative = file.relative_to(site).as_posix()
        if not file.is_file() or file.name in SKIPPED_FILES or file.name.endswith(SKIPPED_SUFFIXES):
            continue
        group = _group(relative, languages, default_language, lunr)
        if group is None:
            continue
        path = (
            relative[: -len("index.html")] if relative == "index.html" or relative.endswith("/index.html") else relative
        )
        groups.setdefault(group, []).append(path)
        files[path] = hashlib.sha256(file.read_bytes()).hexdigest()[:16]
    release = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:16]
    return {"release": release, "groups": groups, "files": files}


def _group(path: str, languages: list[str], default_language: str, lunr: set[str]) -> str | None:
    name = path.rsplit("/", 1)[-1]
    if path.startswith("assets/pyodide/"):
        wanted = name in CALCULATOR_PYODIDE or name.startswith(CALCULATOR_MADE)
        return "calculator" if wanted else None
    if path.startswith(CALCULATOR_FOLDERS):
        return "calculator"
    if path.startswith("assets/javascripts/lunr/"):
        return "shared" if name in lunr else None
    if path.startswith("assets/"):
        return "shared"
    top = path.split("/", 1)[0]
    return f"pages:{top}" if top in languages and top != default_language else f"pages:{default_language}"


def _search_languages(site: Path, languages: list[str], default_language: str) -> set[str]:
    """The search's language files that the site's indexes use (Material loads them by the
    index's `lang`: lunr.<lang>.min.js, with the stemmer support, and lunr.multi for several)."""
    names = {"lunr.stemmer.support.min.js", "lunr.multi.min.js"}
    for lang in languages:
        index = site / ("" if lang == default_language else lang) / "search" / "search_index.json"
        if index.is_file():
            names |= {f"lunr.{code}.min.js" for code in json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]}
    return names


def write_service_worker(site: Path, languages: list[str], default_language: str, enabled: bool = True) -> dict | None:
    """Writes sw.js and sw-off.js into the built `site`; returns the manifest (None when offline
    use is off and sw.js is the kill switch)."""
    kill_switch = (SOURCES / KILL_SWITCH).read_text(encoding="utf-8")
    (site / KILL_SWITCH).write_text(kill_switch, encoding="utf-8")
    if not enabled:
        (site / WORKER).write_text(kill_switch, encoding="utf-8")
        return None
    found = manifest(site, languages, default_language)
    source = (SOURCES / WORKER).read_text(encoding="utf-8")
    assert source.count(PLACEHOLDER) == 1, f"{SOURCES / WORKER} lost its manifest placeholder"
    text = json.dumps(found, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    (site / WORKER).write_text(source.replace(PLACEHOLDER, text), encoding="utf-8")
    return found
