"""The build's Pyodide files: named by what they depend on, made once, and a clear error when
they cannot be made (exchange_guide/pyodide/assets.py)."""

import shutil
from pathlib import Path

import pytest

from exchange_guide.pyodide import assets as assets_module
from exchange_guide.pyodide.assets import PyodideAssetsError, pyodide_assets

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"


@pytest.fixture
def package_copy(tmp_path, monkeypatch) -> Path:
    """A private copy of the calculators package that the build reads instead."""
    copy = tmp_path / "calculators"
    shutil.copytree(ROOT / "calculators", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(assets_module, "CALCULATORS", copy)
    return copy


@pytest.mark.pyodide  # reads node_modules/pyodide
def test_the_name_changes_with_the_package_and_not_with_content(package_copy):
    before = pyodide_assets(NODE_MODULES)
    assert before.urls["snapshot"] == f"assets/pyodide/{before.version}/snapshot-{before.digest}.bin"
    assert pyodide_assets(NODE_MODULES).digest == before.digest  # the same inputs, the same name
    rules = package_copy / "rules.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    after = pyodide_assets(NODE_MODULES)
    assert after.digest != before.digest and after.urls["stdlib"].endswith(f"stdlib-{after.digest}.zip")


@pytest.mark.pyodide  # reads node_modules/pyodide
def test_a_cached_snapshot_is_not_made_again(monkeypatch):
    assets = pyodide_assets(NODE_MODULES)
    made = assets.made()  # made by this session's build already, or now
    monkeypatch.setattr(shutil, "which", lambda name: None)  # no Node.js: making would fail
    assert assets.made() == made
    files = assets.files()
    assert files[Path(assets.urls["snapshot"])] == made / "snapshot.bin"


@pytest.mark.pyodide  # reads node_modules/pyodide
def test_without_node_the_build_says_what_is_missing(package_copy, tmp_path, monkeypatch):
    (package_copy / "rules.py").write_text("# a package never built before\n", encoding="utf-8")
    monkeypatch.setattr(assets_module, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(PyodideAssetsError, match=r"Node\.js is not installed"):
        pyodide_assets(NODE_MODULES).files()
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").iterdir())


def test_without_pyodide_the_build_says_run_npm_ci(tmp_path):
    with pytest.raises(PyodideAssetsError, match="run `npm ci`"):
        pyodide_assets(tmp_path / "node_modules")


@pytest.mark.pyodide
def test_the_snapshot_is_the_same_from_any_folder(tmp_path, monkeypatch):
    # A release is the same bytes on any machine (README, "Publishing"): the snapshot made afresh
    # (another clock, other randomness) in two checkouts in folders of different lengths equals the
    # one this session's build made here.
    assets = pyodide_assets(NODE_MODULES)
    made = assets.made()
    maker = assets_module.MAKER.relative_to(ROOT)
    for folder in ("a", "a-checkout-in-a-folder-with-a-much-longer-name"):
        checkout = tmp_path / folder
        shutil.copytree(ROOT / "frontend", checkout / "frontend", ignore=shutil.ignore_patterns("node_modules"))
        (checkout / "node_modules").symlink_to(NODE_MODULES)
        monkeypatch.setattr(assets_module, "MAKER", checkout / maker)
        monkeypatch.setattr(assets_module, "CACHE", checkout / "build" / "pyodide-snapshot")
        again = assets.made()
        assert again.is_relative_to(checkout)
        for name in assets_module.MADE_FILES:
            assert (again / name).read_bytes() == (made / name).read_bytes(), f"{name} made in {folder}/"
