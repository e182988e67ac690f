"""The direction of imports is the architecture: each room imports only the rooms below it.

    glue (exchange_guide/*.py: MkDocs hooks, build, CLI)
      -> render (exchange_guide/render/: model -> Markdown/HTML, templates, no I/O)
        -> model (exchange_guide/model/: YAML with lines, schema, every file's validated model)
          -> calculators (the rules: standard library only, importing nothing of ours)
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ORDER = ("calculators", "model", "render", "glue")
# What each room may import besides the standard library and the rooms below it.
THIRD_PARTY = {"calculators": set(), "model": {"yaml", "babel"}, "render": {"jinja2"}, "glue": {"mkdocs", "mkdocs_static_i18n", "brotli"}}


def _room(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] == "calculators":
        return "calculators"
    if parts[0] != "exchange_guide":
        return None
    return parts[1] if len(parts) > 2 and parts[1] in ("model", "render") else "glue"


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
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            # `from . import x` names modules, not attributes
            found += [(node.lineno, f"{module}.{alias.name}" if not node.module else module) for alias in node.names]
    return found


MODULES = dict(_modules())


def test_every_room_has_modules():
    rooms = {_room(name) for name in MODULES}
    assert rooms == set(ORDER)


@pytest.mark.parametrize("name", MODULES)
def test_imports_only_go_downward(name):
    room = _room(name)
    wrong = []
    for line, imported in _imports(name, MODULES[name]):
        top = imported.split(".")[0]
        target = _room(imported)
        if target is not None:
            if ORDER.index(target) > ORDER.index(room):
                wrong.append(f"line {line}: {imported} ({target} is above {room})")
        elif top not in sys.stdlib_module_names and top != "__future__" and top not in THIRD_PARTY[room]:
            wrong.append(f"line {line}: {imported} (not allowed in {room})")
    assert not wrong, f"{MODULES[name].relative_to(ROOT)}: " + "; ".join(wrong)


def test_the_check_can_fail():
    """The test above reads relative imports right: render's `from ..model import x` is the model."""
    assert _imports("exchange_guide.render.pages", ROOT / "exchange_guide/render/pages.py")
    assert _room("exchange_guide.render.localise") == "render" and _room("exchange_guide.build") == "glue"
    imported = {module for _, module in _imports("exchange_guide.render.directory", ROOT / "exchange_guide/render/directory.py")}
    assert "exchange_guide.model.directory" in imported and "exchange_guide.render.html" in imported
