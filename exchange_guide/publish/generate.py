"""Write the Markdown sources of the site: content/*.yml -> build/docs/, and the site's assets beside
them: the front end as it is (frontend/assets/ -> assets/), the rule data (assets/data/*.json) and
Pyodide (assets/pyodide/).

Pages are written as `<page>.<lang>.md` (the suffix layout mkdocs-static-i18n reads). Files are
written only when their text changed, so `mkdocs serve` does not see its own output as an edit.
Independent of MkDocs: another static site generator could read the same folder.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..model import Content
from ..model.pages import PAGES
from ..pyodide.assets import PyodideAssets, calculators_json
from ..render.pages import render_page

RULES_JSON = Path("assets") / "data" / "rules.json"
RATES_JSON = Path("assets") / "data" / "exchange_rates.json"
# The calculators package as {file name: source}, which the browser writes into Pyodide's file
# system: the browser runs the very code the tests run.
CALCULATORS_JSON = Path("assets") / "data" / "calculators.json"


def _write_if_changed(path: Path, text: str) -> None:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate_docs(content: Content, assets: Path, out: Path, pyodide: PyodideAssets) -> None:
    """`assets`: the front end's files, copied into the site's assets/ as they are."""
    out.mkdir(parents=True, exist_ok=True)
    wanted: dict[Path, str | Path] = {}
    for source in assets.rglob("*"):
        if source.is_file():
            wanted[Path("assets") / source.relative_to(assets)] = source
    for name in PAGES:
        for lang in content.languages:
            wanted[Path(f"{name}.{lang}.md")] = render_page(content, name, lang)
    wanted[RULES_JSON] = json.dumps(content.rules, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    wanted[RATES_JSON] = json.dumps(content.rates, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    wanted[CALCULATORS_JSON] = calculators_json()
    wanted.update(pyodide.files())  # Pyodide + start-up snapshot (exchange_guide/pyodide/assets.py)

    for relative, what in wanted.items():
        target = out / relative
        if isinstance(what, Path):
            if not target.exists() or target.read_bytes() != what.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(what, target)
        else:
            _write_if_changed(target, what)
    for stale in [
        p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".") and p.relative_to(out) not in wanted
    ]:
        stale.unlink()
