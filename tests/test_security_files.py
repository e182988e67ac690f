"""Every file the command line writes is written whole through a temporary file beside it, and only
where a file belongs (security review F7, F8): `estimate --ics` refuses a symbolic link, a folder, a
device, a pipe and a missing folder with its own message and writes nothing; `--content` that is
not a folder says so."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from exchange_guide.publish.files import WriteError, write_file

ROOT = Path(__file__).resolve().parents[1]
STAY = ["--home", "SE", "--host", "NO", "--start", "2026-03-02", "--end", "2026-05-01"]


def estimate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "exchange_guide", "estimate", *STAY, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _device(folder: Path) -> Path:
    """A character device like /dev/null, made in the test's folder (never the real /dev)."""
    node = folder / "device"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root; the pipe case covers the same refusal")
    return node


@pytest.mark.parametrize(
    "kind, words",
    [
        ("symlink", "is a symbolic link"),
        ("folder", "is a folder"),
        ("pipe", "is not a regular file"),
        ("device", "is not a regular file"),
        ("missing folder", "does not exist"),
        ("file as folder", "Not a directory"),
    ],
)
def test_ics_refuses_a_target_that_is_not_a_file(tmp_path, kind, words):
    original = tmp_path / "target.ics"
    original.write_text("original\n", encoding="utf-8")
    target = {
        "symlink": tmp_path / "link.ics",
        "folder": tmp_path,
        "pipe": tmp_path / "pipe.ics",
        "device": None,
        "missing folder": tmp_path / "nowhere" / "plan.ics",
        "file as folder": original / "plan.ics",
    }[kind]
    if kind == "symlink":
        target.symlink_to(original)
    elif kind == "pipe":
        os.mkfifo(target)
    elif kind == "device":
        target = _device(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    done = estimate("--ics", str(target))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("error: --ics: ") and words in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written, no .partial left
    assert original.read_text(encoding="utf-8") == "original\n"
    if kind == "symlink":
        assert target.is_symlink()
    if kind == "device":
        assert stat.S_ISCHR(target.lstat().st_mode)


def test_ics_replaces_a_file_whole_and_keeps_its_mode(tmp_path):
    target = tmp_path / "plan.ics"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    done = estimate("--ics", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]


@pytest.mark.parametrize("content, words", [("/etc/hostname", "is not a folder"), ("/no/such/folder", "no folder")])
def test_content_that_is_not_a_folder_is_named(content, words):
    """F8: this said "--ics: cannot write None: Not a directory"."""
    done = estimate("--content", content)
    assert done.returncode == 2 and done.stderr.startswith("error: --content: ") and words in done.stderr


def test_write_file_refuses_before_it_writes(tmp_path):
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(WriteError, match="symbolic link"):
        write_file(tmp_path / "link", "x")
    assert not (tmp_path / "elsewhere").exists()
    write_file(tmp_path / "new.txt", "whole")
    assert (tmp_path / "new.txt").read_text() == "whole" and stat.S_IMODE(
        (tmp_path / "new.txt").stat().st_mode
    ) == 0o644
