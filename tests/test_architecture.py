"""The direction of imports is the architecture: each room imports only the rooms below it.

    cli (exchange_guide/cli/: the command)
      -> publish (exchange_guide/publish/: build, MkDocs hooks, release; the only room that knows MkDocs)
        -> render (exchange_guide/render/: model -> Markdown/HTML, templates, no I/O),
           checks (exchange_guide/checks/: texts, terms, spelling, the fact register),
           pyodide (exchange_guide/pyodide/: Pyodide's files and the snapshot; nothing of ours)
          -> model (exchange_guide/model/: YAML with lines, schema, every file's validated model)
            -> calculators (the rules: standard library only, importing nothing of ours)

Rooms on the same level do not import each other.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Each room's level: a room imports only rooms of a lower level.
LEVEL = {"calculators": 0, "model": 1, "render": 2, "checks": 2, "pyodide": 2, "publish": 3, "cli": 4}
# What each room may import besides the standard library and the rooms below it.
THIRD_PARTY = {
    "calculators": set(),
    "model": {"yaml", "babel", "typing_extensions"},
    "render": {"jinja2", "babel"},
    "checks": {"libvoikko"},
    "pyodide": set(),
    "publish": {"mkdocs", "mkdocs_static_i18n", "brotli"},
    "cli": set(),
}


def _room(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] == "calculators":
        return "calculators"
    if parts[0] != "exchange_guide":
        return None
    if parts[1:] in ([], ["__main__"]):  # the package itself and `python -m exchange_guide`
        return "cli"
    return parts[1] if parts[1] in LEVEL else None


def _modules():
    for path in sorted([*ROOT.glob("calculators/*.py"), *ROOT.glob("exchange_guide/**/*.py")]):
        relative = path.relative_to(ROOT).with_suffix("")
        name = ".".join(relative.parts[:-1] if relative.name == "__init__" else relative.parts)
        yield name, path


def _imports(name: str, path: Path) -> list[tuple[int, str]]:
    """Every module `name` imports, relative imports resolved, with its line."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            # `from . import x` names modules, not attributes
            found += [(node.lineno, f"{module}.{alias.name}" if not node.module else module) for alias in node.names]
    return found


MODULES = dict(_modules())


def test_every_module_is_in_a_room():
    """A module outside the rooms (say exchange_guide/new.py) would escape the check."""
    outside = [name for name in MODULES if _room(name) is None]
    assert not outside


@pytest.mark.parametrize("name", MODULES)
def test_imports_only_go_downward(name):
    room = _room(name)
    wrong = []
    for line, imported in _imports(name, MODULES[name]):
        top = imported.split(".")[0]
        target = _room(imported)
        if target is not None:
            if target != room and LEVEL[target] >= LEVEL[room]:
                wrong.append(f"line {line}: {imported} ({target} is not below {room})")
        elif top not in sys.stdlib_module_names and top != "__future__" and top not in THIRD_PARTY[room]:
            wrong.append(f"line {line}: {imported} (not allowed in {room})")
    assert not wrong, f"{MODULES[name].relative_to(ROOT)}: " + "; ".join(wrong)


def test_the_check_can_fail():
    """The test above reads relative imports right: render's `from ..model import x` is the model."""
    assert _imports("exchange_guide.render.pages", ROOT / "exchange_guide/render/pages.py")
    assert _room("exchange_guide.render.localise") == "render" and _room("exchange_guide.publish.build") == "publish"
    imported = {
        module for _, module in _imports("exchange_guide.render.directory", ROOT / "exchange_guide/render/directory.py")
    }
    assert "exchange_guide.model.agencies" in imported and "exchange_guide.render.html" in imported
