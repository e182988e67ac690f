"""`exchange-guide dist` (`make dist`): a release a publisher can deploy and tell apart.

Into dist/ it writes the built site as `nordic-exchange-guide-<version>-<content date>-<content
hash>.tar.gz` (one top folder of that name), a manifest beside it (`.manifest.json`: Pyodide
version, content hash, commit, build options such as the site address) and `SHA256SUMS` for both.
Reproducible: the build takes its one date from SOURCE_DATE_EPOCH or the last commit (build.py),
and the archive has sorted entries, that date on every entry, no owner, fixed modes and a gzip
header without a time or a file name; two releases of a commit with the same options are
byte-identical.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import tarfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..pyodide.assets import pyodide_assets
from .build import git

NAME = "nordic-exchange-guide"


@dataclass(frozen=True)
class Release:
    archive: Path
    manifest: Path
    sums: Path


def content_hash(content: Path) -> str:
    """sha256 over every content file's name and bytes, in name order (the schemas too)."""
    hasher = hashlib.sha256()
    for path in sorted(p for p in content.rglob("*") if p.is_file()):
        hasher.update(path.relative_to(content).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def write_archive(site: Path, target: Path, top: str, epoch: int) -> None:
    """site/ as a .tar.gz whose bytes depend only on the files' names and contents."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        paths = sorted(site.rglob("*"), key=lambda p: p.relative_to(site).as_posix())
        for path in [site, *paths]:
            relative = path.relative_to(site).as_posix()
            info = tarfile.TarInfo(top if relative == "." else f"{top}/{relative}")
            info.mtime, info.uid, info.gid, info.uname, info.gname = epoch, 0, 0, "", ""
            if path.is_dir():
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            else:
                data = path.read_bytes()
                info.size, info.mode = len(data), 0o644
                tar.addfile(info, io.BytesIO(data))
    with (
        target.open("wb") as raw,
        gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=9, mtime=0) as packed,
    ):
        packed.write(buffer.getvalue())


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_release(
    project: Path, site: Path, out: Path, epoch: int | None, site_url: str | None, strict: bool
) -> Release:
    """The archive, manifest and SHA256SUMS for the site just built into `site`."""
    content = project / "content"
    digest = content_hash(content)
    epoch = epoch if epoch is not None else 0
    date = dt.datetime.fromtimestamp(epoch, dt.UTC).date().isoformat()
    version = metadata.version(NAME)
    stem = f"{NAME}-{version}-{date}-{digest[:12]}"
    out.mkdir(parents=True, exist_ok=True)
    archive = out / f"{stem}.tar.gz"
    write_archive(site, archive, stem, epoch)
    files = sorted(p for p in site.rglob("*") if p.is_file())
    manifest = {
        "name": NAME,
        "version": version,
        "archive": archive.name,
        "commit": git(project, "rev-parse", "HEAD"),
        # uncommitted changes in the project: the commit alone does not say what was built
        "uncommitted_changes": bool(git(project, "status", "--porcelain", "--untracked-files=no")),
        "content_hash": f"sha256:{digest}",
        "date": date,
        "source_date_epoch": epoch,
        "pyodide": pyodide_assets(project / "node_modules").version,  # the one the site ships
        "mkdocs": metadata.version("mkdocs"),
        "mkdocs-material": metadata.version("mkdocs-material"),
        "build": {"site_url": site_url, "strict": strict},
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
    }
    manifest_path = out / f"{stem}.manifest.json"
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    sums = out / "SHA256SUMS"
    sums.write_text("".join(f"{_sha256(p)}  {p.name}\n" for p in (archive, manifest_path)), encoding="utf-8")
    return Release(archive, manifest_path, sums)
