"""`exchange-guide dist` (make dist): a versioned release, and the same bytes from the same commit.

Two builds with the same options, into folders of other names, in another time zone and at
another time, must give byte-identical sites and archives (sorted entries, one date from the
last commit or SOURCE_DATE_EPOCH, nothing from the machine). Both builds are given the same
SOURCE_DATE_EPOCH, which also shows that it sets the date."""

import hashlib
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from content_edits import shipped_content

from exchange_guide.publish.build import git, source_date_epoch
from exchange_guide.publish.dist import address_part

ROOT = Path(__file__).resolve().parents[1]
EPOCH = "1767225600"  # 2026-01-01


def _release(work: Path, tz: str, **env) -> tuple[Path, Path]:
    site, out = work / "built-site", work / "release"
    done = subprocess.run(
        [sys.executable, "-m", "exchange_guide", "dist", "--site-dir", str(site), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": tz, **env},
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return site, out


def _tree(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


# The tests that use it are marked `pyodide`: a build copies Pyodide and makes its snapshot.
@pytest.fixture(scope="module")
def two_releases(tmp_path_factory):
    first = _release(tmp_path_factory.mktemp("first"), "UTC", SOURCE_DATE_EPOCH=EPOCH)
    second = _release(tmp_path_factory.mktemp("second-elsewhere"), "Pacific/Kiritimati", SOURCE_DATE_EPOCH=EPOCH)
    return first, second


@pytest.mark.pyodide
def test_two_builds_of_a_commit_are_byte_identical(two_releases):
    (site_a, out_a), (site_b, out_b) = two_releases
    tree_a, tree_b = _tree(site_a), _tree(site_b)
    assert tree_a.keys() == tree_b.keys()
    differ = [name for name in tree_a if tree_a[name] != tree_b[name]]
    assert not differ, differ[:20]
    assert sorted(p.name for p in out_a.iterdir()) == sorted(p.name for p in out_b.iterdir())
    for path in out_a.iterdir():
        assert path.read_bytes() == (out_b / path.name).read_bytes(), path.name


@pytest.mark.pyodide
def test_the_release_names_its_version_content_and_build(two_releases):
    (_site, out), _ = two_releases
    (manifest_path,) = out.glob("*.manifest.json")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    archive = out / manifest["archive"]
    version = manifest["version"]
    address = address_part(manifest["build"]["site_url"])  # intranet.example-norut
    assert (
        archive.name
        == f"nordic-exchange-guide-{version}-{manifest['date']}-{address}-{manifest['site_hash'][7:19]}.tar.gz"
    )
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert manifest["pyodide"] == lock["packages"]["node_modules/pyodide"]["version"]
    assert manifest["build"]["site_url"] == shipped_content().site["site_url"]
    sums = dict(line.split("  ")[::-1] for line in (out / "SHA256SUMS").read_text().splitlines())
    assert sums == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (archive, manifest_path)}


@pytest.mark.pyodide
def test_the_archive_holds_the_site_with_fixed_metadata(two_releases):
    (site, out), _ = two_releases
    manifest = json.loads(next(out.glob("*.manifest.json")).read_text(encoding="utf-8"))
    archive = out / manifest["archive"]
    assert archive.read_bytes()[4:8] == b"\0\0\0\0"  # no time in the gzip header
    top = archive.name[: -len(".tar.gz")]
    with tarfile.open(archive) as tar:
        members = tar.getmembers()
        names = [m.name for m in members]
        assert names == [top, *sorted(names[1:], key=lambda n: n)]
        assert {m.mtime for m in members} == {manifest["source_date_epoch"]}
        assert {(m.uid, m.gid, m.uname, m.gname) for m in members} == {(0, 0, "", "")}
        files = {
            m.name[len(top) + 1 :]: hashlib.sha256(tar.extractfile(m).read()).hexdigest() for m in members if m.isfile()
        }
    assert files == _tree(site)


@pytest.mark.pyodide
def test_source_date_epoch_sets_the_date(two_releases):
    (site, out), _ = two_releases
    manifest = json.loads(next(out.glob("*.manifest.json")).read_text(encoding="utf-8"))
    assert manifest["date"] == "2026-01-01" and "-2026-01-01-" in manifest["archive"]
    assert "<lastmod>2026-01-01</lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_without_source_date_epoch_the_date_is_the_last_commits(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert source_date_epoch(ROOT) == git(ROOT, "log", "-1", "--format=%ct")
