"""Write the Markdown sources of the site: content/*.yml -> build/docs/, and the site's assets beside
them: the front end as it is (frontend/assets/ -> assets/), the rule data (assets/data/*.json) and
Pyodide (assets/pyodide/).

Pages are written as `<page>.<lang>.md` (the suffix layout mkdocs-static-i18n reads). Files are
written only when their text changed, so `mkdocs serve` does not see its own output as an edit.
Independent of MkDocs: another static site generator could read the same folder.

Only what the commit holds is published: of the front end, the files git tracks; a symbolic link
there, or a file git does not know of (neither added nor ignored), stops the build with its name
(outside a git checkout every regular file is taken). In the output folder, anything that is not
written here, links included, is removed: MkDocs would publish whatever it finds there.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from ..model import Content, ContentError
from ..model.pages import PAGES
from ..pyodide.assets import PyodideAssets, calculators_json
from ..render.pages import render_page
from .build import git

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


def _git_files(assets: Path, *options: str) -> set[Path] | None:
    """The files under `assets` that `git ls-files OPTIONS` lists; None outside a git checkout."""
    listed = git(assets, "ls-files", "-z", *options, "--", ".")
    return None if listed is None else {assets / name for name in listed.split("\0") if name}


def front_end_files(assets: Path) -> list[Path]:
    """The front end's files to publish, or ContentError naming a link or a file git does not know."""
    tracked, unknown = _git_files(assets), _git_files(assets, "--others", "--exclude-standard")
    problems, found = [], []
    for folder, folders, names in os.walk(assets):  # links to folders are not followed
        for path in (Path(folder) / name for name in [*folders, *names]):
            if path.is_symlink():
                problems.append((path, "a symbolic link: the site takes only files that are in the commit"))
            elif unknown is not None and path in unknown:
                problems.append((path, "not in git: `git add` it, or remove it, to build"))
            elif path.is_file() and (tracked is None or path in tracked):
                found.append(path)
    if problems:
        (path, problem), more = problems[0], len(problems) - 1
        shown = path.relative_to(assets.parent.parent).as_posix()  # frontend/assets/...
        raise ContentError(shown, None, None, problem + (f" (and {more} more such)" if more else ""))
    return sorted(found)


def _remove_unwanted(out: Path, wanted) -> None:
    """Every file in `out` that this build did not write, and every link (MkDocs follows them)."""
    for folder, folders, names in os.walk(out, topdown=False):
        for path in (Path(folder) / name for name in [*names, *folders]):
            if path.is_symlink() or (
                path.is_file() and not path.name.startswith(".") and path.relative_to(out) not in wanted
            ):
                path.unlink()


def generate_docs(content: Content, assets: Path, out: Path, pyodide: PyodideAssets) -> None:
    """`assets`: the front end's files, copied into the site's assets/ as they are."""
    out.mkdir(parents=True, exist_ok=True)
    wanted: dict[Path, str | Path] = {}
    for source in front_end_files(assets):
        wanted[Path("assets") / source.relative_to(assets)] = source
    for name in PAGES:
        for lang in content.languages:
            wanted[Path(f"{name}.{lang}.md")] = render_page(content, name, lang)
    wanted[RULES_JSON] = json.dumps(content.rules, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    wanted[RATES_JSON] = json.dumps(content.rates, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    wanted[CALCULATORS_JSON] = calculators_json()
    wanted.update(pyodide.files())  # Pyodide + start-up snapshot (exchange_guide/pyodide/assets.py)

    _remove_unwanted(out, wanted)
    for relative, what in wanted.items():
        target = out / relative
        if isinstance(what, Path):
            if not target.exists() or target.read_bytes() != what.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(what, target)
        else:
            _write_if_changed(target, what)
