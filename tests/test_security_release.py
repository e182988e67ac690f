"""Releases (security review F12-F14): named by their content and their address, so that one never
overwrites another; `exchange-guide verify` checks one before it is deployed; only what the commit
holds is published, and the manifest says when the project had changes the commit does not hold.

The releases here are made from small sites written by the test (make_release takes any folder);
tests/test_dist.py makes real ones from a build."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from exchange_guide.model import ContentError
from exchange_guide.publish.dist import SUMS, ReleaseError, make_release, read_sums, tree_hash
from exchange_guide.publish.files import WriteError
from exchange_guide.publish.generate import _remove_unwanted, front_end_files

ROOT = Path(__file__).resolve().parents[1]
EPOCH = 1767225600  # 2026-01-01
ADDRESS = "https://intranet.example/norut/"


def small_site(folder: Path, page: str = "<p>guide</p>") -> Path:
    (folder / "assets" / "data").mkdir(parents=True)
    (folder / "index.html").write_text(page, encoding="utf-8")
    (folder / "assets" / "data" / "rules.json").write_text("{}", encoding="utf-8")
    return folder


# A release's manifest names the Pyodide the site ships (node_modules/pyodide): the tests that
# make one are marked pyodide, so that `make test-fast` runs without Node packages.
def release(site: Path, out: Path, address: str | None = ADDRESS, project: Path = ROOT):
    return make_release(project, site, out, EPOCH, address, strict=False)


def verify(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "exchange_guide", "verify", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


# --- F12: names -------------------------------------------------------------------------------
@pytest.mark.pyodide
def test_two_addresses_give_two_releases_side_by_side(tmp_path):
    site, out = small_site(tmp_path / "site"), tmp_path / "dist"
    first = release(site, out)
    first_bytes = first.archive.read_bytes()
    second = release(site, out, "https://other.example/guide/")
    assert first.archive != second.archive and first.manifest != second.manifest
    assert "-intranet.example-norut-" in first.archive.name and "-other.example-guide-" in second.archive.name
    assert first.archive.read_bytes() == first_bytes  # not overwritten
    listed = read_sums(out / SUMS)
    assert set(listed) == {first.archive.name, first.manifest.name, second.archive.name, second.manifest.name}
    assert verify(str(first.archive)).returncode == 0 and verify(str(second.archive)).returncode == 0


@pytest.mark.pyodide
def test_the_name_carries_the_hash_of_every_file(tmp_path):
    one = release(small_site(tmp_path / "one"), tmp_path / "dist")
    other = release(small_site(tmp_path / "other", "<p>guide, changed</p>"), tmp_path / "dist")
    assert one.archive.name != other.archive.name
    manifest = json.loads(one.manifest.read_text(encoding="utf-8"))
    assert manifest["site_hash"] == f"sha256:{tree_hash(tmp_path / 'one')}"
    assert one.archive.name.endswith(f"-{manifest['site_hash'][7:19]}.tar.gz")


@pytest.mark.pyodide
def test_the_same_site_and_address_give_the_same_bytes(tmp_path):
    site = small_site(tmp_path / "site")
    a, b = release(site, tmp_path / "a"), release(site, tmp_path / "b")
    assert (
        a.archive.read_bytes() == b.archive.read_bytes()
        and (tmp_path / "a" / SUMS).read_bytes() == (tmp_path / "b" / SUMS).read_bytes()
    )


@pytest.mark.pyodide
def test_a_link_in_the_site_is_refused(tmp_path):
    site = small_site(tmp_path / "site")
    (site / "leak.txt").symlink_to("/etc/hostname")
    with pytest.raises(ReleaseError, match="symbolic link"):
        release(site, tmp_path / "dist")
    assert not (tmp_path / "dist").exists() or not list((tmp_path / "dist").iterdir())


# --- F14: verify ------------------------------------------------------------------------------
@pytest.fixture
def made(tmp_path):
    site = small_site(tmp_path / "site")
    return site, release(site, tmp_path / "dist")


@pytest.mark.pyodide
def test_verify_accepts_the_release_and_a_copy_of_its_files(made, tmp_path):
    site, made_release = made
    copy = shutil.copytree(site, tmp_path / "deployed")
    done = verify(str(made_release.archive), "--unpacked", str(copy))
    assert done.returncode == 0, done.stderr
    assert "both files match SHA256SUMS" in done.stdout and "as the manifest says" in done.stdout


def _replace_archive(made_release, members: dict[str, bytes | str | None]) -> None:
    """Another archive under the same name, SHA256SUMS made to match it (a replaced download)."""
    top = made_release.archive.name.removesuffix(".tar.gz")
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name.replace("TOP", top))
            if isinstance(data, str):
                info.type, info.linkname = tarfile.SYMTYPE, data
                tar.addfile(info)
            elif data is None:
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    made_release.archive.write_bytes(gzip.compress(buffer.getvalue()))
    sums = made_release.sums
    listed = read_sums(sums)
    listed[made_release.archive.name] = hashlib.sha256(made_release.archive.read_bytes()).hexdigest()
    sums.write_text("".join(f"{d}  {n}\n" for n, d in listed.items()), encoding="utf-8")


@pytest.mark.pyodide
@pytest.mark.parametrize(
    "members, words",
    [
        ({"TOP": None, "TOP/index.html": b"<p>another guide</p>"}, "is not the release the manifest describes"),
        ({"TOP": None, "TOP/../escape.txt": b"x"}, "outside its top folder"),
        ({"/etc/cron.d/x": b"x"}, "outside its top folder"),
        ({"TOP": None, "TOP/leak": "/etc/hostname"}, "neither a file nor a folder"),
    ],
    ids=["other files", "dot-dot", "absolute", "symbolic link"],
)
def test_verify_refuses_a_replaced_archive(made, members, words):
    _, made_release = made
    _replace_archive(made_release, members)
    done = verify(str(made_release.archive))
    assert done.returncode == 1 and words in done.stderr, done.stderr


@pytest.mark.pyodide
def test_verify_refuses_a_damaged_download(made):
    _, made_release = made
    data = bytearray(made_release.archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    made_release.archive.write_bytes(bytes(data))
    done = verify(str(made_release.archive))
    assert done.returncode == 1 and "does not match its checksum in SHA256SUMS" in done.stderr


@pytest.mark.pyodide
def test_verify_refuses_a_changed_manifest_and_missing_sums(made):
    _, made_release = made
    manifest = json.loads(made_release.manifest.read_text(encoding="utf-8"))
    made_release.manifest.write_text(json.dumps({**manifest, "files": 1}), encoding="utf-8")
    assert "does not match its checksum" in verify(str(made_release.archive)).stderr
    made_release.sums.unlink()
    assert "is not listed in" in verify(str(made_release.archive)).stderr


@pytest.mark.pyodide
def test_verify_refuses_a_deployed_folder_that_differs(made, tmp_path):
    site, made_release = made
    copy = shutil.copytree(site, tmp_path / "deployed")
    (copy / "index.html").write_text("<p>changed on the server</p>", encoding="utf-8")
    done = verify(str(made_release.archive), "--unpacked", str(copy))
    assert done.returncode == 1 and f"{copy} is not the release the manifest describes" in done.stderr


# --- F13: only what the commit holds ----------------------------------------------------------
def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def project(tmp_path) -> Path:
    """A small project in git: content/, frontend/assets/ with a tracked and an ignored file."""
    folder = tmp_path / "project"
    (folder / "content").mkdir(parents=True)
    (folder / "content" / "site.yml").write_text("a: 1\n", encoding="utf-8")
    assets = folder / "frontend" / "assets"
    assets.mkdir(parents=True)
    (assets / "page.js").write_text("// tracked\n", encoding="utf-8")
    (folder / ".gitignore").write_text("/node_modules\n*.swp\n/site/\n", encoding="utf-8")
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    git(folder, "init", "-q")
    git(folder, "add", ".")
    git(folder, "commit", "-qm", "start")
    (assets / ".page.js.swp").write_text("editor's swap file", encoding="utf-8")  # ignored
    return folder


def test_only_tracked_front_end_files_are_published(project):
    assets = project / "frontend" / "assets"
    assert front_end_files(assets) == [assets / "page.js"]


@pytest.mark.parametrize("kind", ["untracked", "symlink", "linked folder"])
def test_an_untracked_or_linked_front_end_file_stops_the_build(project, kind):
    assets = project / "frontend" / "assets"
    if kind == "untracked":
        (assets / "note.txt").write_text("not added\n", encoding="utf-8")
    elif kind == "symlink":
        (assets / "leak.txt").symlink_to("/etc/hostname")
    else:
        (assets / "etc").symlink_to("/etc")
    with pytest.raises(ContentError) as caught:
        front_end_files(assets)
    assert caught.value.path.startswith("frontend/assets/")
    assert ("not in git" if kind == "untracked" else "a symbolic link") in caught.value.message


def test_outside_git_every_regular_file_is_taken_and_links_still_refused(tmp_path):
    assets = tmp_path / "frontend" / "assets"
    assets.mkdir(parents=True)
    (assets / "a.js").write_text("a", encoding="utf-8")
    assert front_end_files(assets) == [assets / "a.js"]
    (assets / "b.js").symlink_to(assets / "a.js")
    with pytest.raises(ContentError, match="symbolic link"):
        front_end_files(assets)


def test_links_and_stale_files_in_the_generated_folder_are_removed(tmp_path):
    out = tmp_path / "docs"
    (out / "assets").mkdir(parents=True)
    (out / "faq.sv.md").write_text("kept", encoding="utf-8")
    (out / "stale.md").write_text("gone", encoding="utf-8")
    (out / "leak").symlink_to("/etc")
    (out / "assets" / "leak.txt").symlink_to("/etc/hostname")
    (out / ".gitkeep").write_text("", encoding="utf-8")
    _remove_unwanted(out, {Path("faq.sv.md"): "kept"})
    left = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    assert left == [".gitkeep", "assets", "faq.sv.md"]


@pytest.mark.pyodide
def test_the_manifest_counts_untracked_files_as_uncommitted(project, tmp_path):
    site = small_site(tmp_path / "site")
    clean = json.loads(release(site, project / "dist-clean", project=project).manifest.read_text())
    assert clean["uncommitted_changes"] is False  # (its own output folder does not count)
    (project / "frontend" / "assets" / "note.txt").write_text("not added\n", encoding="utf-8")
    dirty = json.loads(release(site, tmp_path / "dist", project=project).manifest.read_text())
    assert dirty["uncommitted_changes"] is True


def test_dist_refuses_an_out_that_is_a_file_before_building(tmp_path):
    (tmp_path / "out").write_text("a file", encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "exchange_guide",
            "dist",
            "--out",
            str(tmp_path / "out"),
            "--site-dir",
            str(tmp_path / "s"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "--out" in done.stderr and "is not a folder" in done.stderr
    assert not (tmp_path / "s").exists() and "Traceback" not in done.stderr
    assert os.listdir(tmp_path) == ["out"]


@pytest.mark.pyodide
def test_a_release_is_written_whole_or_not_at_all(tmp_path):
    """SHA256SUMS a symbolic link (or a device, a folder): refused before the archive is written."""
    site, out = small_site(tmp_path / "site"), tmp_path / "dist"
    out.mkdir()
    (out / SUMS).symlink_to(tmp_path / "elsewhere")
    with pytest.raises(WriteError, match="symbolic link"):
        release(site, out)
    assert [p.name for p in out.iterdir()] == [SUMS] and not (tmp_path / "elsewhere").exists()
