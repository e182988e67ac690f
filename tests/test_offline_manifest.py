"""The service worker's manifest (exchange_guide/publish/offline.py) on a small site of files made
here: which file goes in which group, the release's hash, and the publisher's switch. The worker in
browsers: tests/test_offline.py and tests/test_engines.py."""

import json

import pytest
from content_edits import errors_of, set_offline

from exchange_guide.publish.offline import KILL_SWITCH, PLACEHOLDER, SOURCES, WORKER, manifest, write_service_worker

LANGUAGES = ["sv", "fi", "en"]
FILES = {
    "index.html": "<p>start</p>",
    "faq/index.html": "<p>faq</p>",
    "404.html": "<p>404</p>",
    "search/search_index.json": json.dumps({"config": {"lang": ["sv"]}, "docs": []}),
    "fi/index.html": "<p>alku</p>",
    "fi/faq/index.html": "<p>ukk</p>",
    "fi/search/search_index.json": json.dumps({"config": {"lang": ["fi"]}, "docs": []}),
    "en/calculator/index.html": "<p>calculator</p>",
    "en/search/search_index.json": json.dumps({"config": {"lang": ["en"]}, "docs": []}),
    "assets/javascripts/bundle.a5f9d56c.min.js": "bundle",
    "assets/javascripts/bundle.a5f9d56c.min.js.map": "map",
    "assets/javascripts/offline.js": "offline",
    "assets/javascripts/lunr/min/lunr.sv.min.js": "sv",
    "assets/javascripts/lunr/min/lunr.fi.min.js": "fi",
    "assets/javascripts/lunr/min/lunr.de.min.js": "de",
    "assets/javascripts/lunr/min/lunr.stemmer.support.min.js": "support",
    "assets/javascripts/calculator/worker.mjs": "worker",
    "assets/data/rules.json": "{}",
    "assets/pyodide/314.0.7/pyodide.asm.wasm": "wasm",
    "assets/pyodide/314.0.7/pyodide.asm.wasm.br": "compressed",
    "assets/pyodide/314.0.7/python_stdlib.zip": "stock",
    "assets/pyodide/314.0.7/snapshot-0123456789abcdef.bin": "snapshot",
    "sitemap.xml": "<urlset/>",
}


@pytest.fixture
def site(tmp_path):
    for path, text in FILES.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    return tmp_path


def test_each_language_its_pages_the_calculator_apart(site):
    groups = manifest(site, LANGUAGES, "sv")["groups"]
    assert sorted(groups["pages:sv"]) == ["", "404.html", "faq/", "search/search_index.json"]
    assert sorted(groups["pages:fi"]) == ["fi/", "fi/faq/", "fi/search/search_index.json"]
    assert groups["pages:en"] == ["en/calculator/", "en/search/search_index.json"]  # the page; not its Python
    assert sorted(groups["calculator"]) == [
        "assets/data/rules.json",
        "assets/javascripts/calculator/worker.mjs",
        "assets/pyodide/314.0.7/pyodide.asm.wasm",
        "assets/pyodide/314.0.7/snapshot-0123456789abcdef.bin",
    ]
    # Search's language files for the site's indexes only; no copies, maps, sitemap or the stock stdlib.
    assert sorted(groups["shared"]) == [
        "assets/javascripts/bundle.a5f9d56c.min.js",
        "assets/javascripts/lunr/min/lunr.fi.min.js",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
        "assets/javascripts/lunr/min/lunr.sv.min.js",
        "assets/javascripts/offline.js",
    ]
    assert not [path for group, paths in groups.items() if group != "calculator" for path in paths if "pyodide" in path]


def test_every_file_has_its_hash_and_any_change_is_a_new_release(site):
    first = manifest(site, LANGUAGES, "sv")
    assert set(first["files"]) == {path for paths in first["groups"].values() for path in paths}
    assert all(len(digest) == 16 for digest in first["files"].values())
    assert manifest(site, LANGUAGES, "sv") == first  # the same files, the same release
    (site / "assets/data/rules.json").write_text('{"changed": true}', encoding="utf-8")
    second = manifest(site, LANGUAGES, "sv")
    assert second["release"] != first["release"]
    changed = {path for path in first["files"] if first["files"][path] != second["files"][path]}
    assert changed == {"assets/data/rules.json"}


def test_the_worker_carries_the_manifest_and_the_kill_switch_is_beside_it(site):
    found = write_service_worker(site, LANGUAGES, "sv")
    worker = (site / WORKER).read_text(encoding="utf-8")
    assert PLACEHOLDER not in worker
    assert json.dumps(found, ensure_ascii=False, separators=(",", ":"), sort_keys=True) in worker
    assert (site / KILL_SWITCH).read_text(encoding="utf-8") == (SOURCES / KILL_SWITCH).read_text(encoding="utf-8")
    assert "sw.js" not in found["files"] and "sw-off.js" not in found["files"]


def test_offline_use_turned_off_makes_the_worker_the_kill_switch(site):
    assert write_service_worker(site, LANGUAGES, "sv", enabled=False) is None
    assert (site / WORKER).read_text(encoding="utf-8") == (SOURCES / KILL_SWITCH).read_text(encoding="utf-8")
    assert "unregister()" in (site / WORKER).read_text(encoding="utf-8")


def test_the_switch_is_checked_in_site_yml(content_copy):
    set_offline(content_copy / "site.yml", "perhaps")
    assert any("site.yml" in error and "offline" in error for error in errors_of(content_copy))


def test_the_publishers_guide_names_the_switch_and_the_kill_switch():
    guide = (SOURCES.parents[1] / "docs" / "publishers.md").read_text(encoding="utf-8")
    assert "offline: false" in guide and f"cp /srv/www/norut/{KILL_SWITCH} /srv/www/norut/{WORKER}" in guide
