"""`exchange-guide dist` (`make dist`): a release a publisher can deploy, tell apart and verify.

Into dist/ it writes the built site as `nordic-exchange-guide-<version>-<date>-<address>-<site
hash>.tar.gz` (one top folder of that name), a manifest beside it (`.manifest.json`: Pyodide
version, the site's hash, the content's hash, commit, build options such as the site address) and
`SHA256SUMS`, which lists every release in the folder. The name carries the address the site was
built for and the first digits of the hash of every file in it, so two releases that differ in
anything, the address included, never share a name, and a second one never overwrites the first.
Reproducible: the build takes its one date from SOURCE_DATE_EPOCH or the last commit (build.py),
and the archive has sorted entries, that date on every entry, no owner, fixed modes and a gzip
header without a time or a file name; two releases of a commit with the same options are
byte-identical.

`exchange-guide verify` (`verify_release`) checks a release before it is deployed: both files
against SHA256SUMS, the archive's members (files and folders under the one top folder, nothing
else), and the site's hash recomputed from the files once unpacked (and, with `--unpacked`, from a
folder they were copied to) against the manifest.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import re
import tarfile
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from ..pyodide.assets import pyodide_assets
from .build import git
from .files import check_target, write_file

NAME = "nordic-exchange-guide"
SUMS = "SHA256SUMS"


class ReleaseError(Exception):
    """A release cannot be made or does not verify; the message says what and where."""


@dataclass(frozen=True)
class Release:
    archive: Path
    manifest: Path
    sums: Path


def _files(folder: Path) -> list[Path]:
    """Every file under `folder`, in name order; a symbolic link is refused, not followed."""
    found = []
    for path in sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix()):
        if path.is_symlink():
            raise ReleaseError(f"{path} is a symbolic link: a release holds files only")
        if path.is_file():
            found.append(path)
    return found


def tree_hash(folder: Path) -> str:
    """sha256 over every file's path (relative to `folder`) and bytes, in path order."""
    hasher = hashlib.sha256()
    for path in _files(folder):
        hasher.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def content_hash(content: Path) -> str:
    """The hash of content/, the sources the site was built from (the schemas too)."""
    return tree_hash(content)


def address_part(site_url: str | None) -> str:
    """The site's address as part of a file name: https://intranet.example/norut/ ->
    intranet.example-norut; empty without an address."""
    if not site_url:
        return ""
    parts = urlsplit(site_url)
    return re.sub(r"[^a-z0-9.]+", "-", f"{parts.hostname or ''}/{parts.path}".lower()).strip("-.")[:60]


def write_archive(site: Path, target: Path, top: str, epoch: int) -> None:
    """site/ as a .tar.gz whose bytes depend only on the files' names and contents."""
    buffer = io.BytesIO()
    files = set(_files(site))
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        paths = sorted(site.rglob("*"), key=lambda p: p.relative_to(site).as_posix())
        for path in [site, *paths]:
            relative = path.relative_to(site).as_posix()
            info = tarfile.TarInfo(top if relative == "." else f"{top}/{relative}")
            info.mtime, info.uid, info.gid, info.uname, info.gname = epoch, 0, 0, "", ""
            if path in files:
                data = path.read_bytes()
                info.size, info.mode = len(data), 0o644
                tar.addfile(info, io.BytesIO(data))
            elif path.is_dir():
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            else:
                raise ReleaseError(f"{path} is neither a file nor a folder: a release holds only those")
    packed = io.BytesIO()
    with gzip.GzipFile(filename="", fileobj=packed, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(buffer.getvalue())
    write_file(target, packed.getvalue())


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_sums(sums: Path) -> dict[str, str]:
    """SHA256SUMS as {file name: sha256}; empty if there is none."""
    if not sums.is_file():
        return {}
    listed = {}
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        if re.fullmatch(r"[0-9a-f]{64}", digest) and name:
            listed[name.removeprefix("*")] = digest
    return listed


def _uncommitted(project: Path, *outputs: Path) -> bool:
    """Whether the project has changes the commit does not hold: changed or untracked files (those
    git ignores do not count, nor the folders this release is written into)."""
    excluded = [f":(exclude){path.relative_to(project)}" for path in outputs if path.is_relative_to(project)]
    return bool(git(project, "status", "--porcelain", "--", ".", *excluded))


def make_release(
    project: Path, site: Path, out: Path, epoch: int | None, site_url: str | None, strict: bool
) -> Release:
    """The archive, manifest and SHA256SUMS for the site just built into `site`."""
    content = project / "content"
    site_digest = tree_hash(site)
    epoch = epoch if epoch is not None else 0
    date = dt.datetime.fromtimestamp(epoch, dt.UTC).date().isoformat()
    version = metadata.version(NAME)
    stem = "-".join(part for part in (NAME, version, date, address_part(site_url), site_digest[:12]) if part)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReleaseError(f"cannot make the folder {out}: {exc.strerror or exc}") from None
    archive, manifest_path, sums = out / f"{stem}.tar.gz", out / f"{stem}.manifest.json", out / SUMS
    for target in (archive, manifest_path, sums):
        check_target(target)  # all three before any is written: no release half made
    write_archive(site, archive, stem, epoch)
    files = _files(site)
    manifest = {
        "name": NAME,
        "version": version,
        "archive": archive.name,
        "commit": git(project, "rev-parse", "HEAD"),
        # changed or untracked files in the project: the commit alone does not say what was built
        "uncommitted_changes": _uncommitted(project.resolve(), site.resolve(), out.resolve()),
        # every file of the site, as `exchange-guide verify` recomputes it from the unpacked archive
        "site_hash": f"sha256:{site_digest}",
        "content_hash": f"sha256:{content_hash(content)}",  # content/, what the site was built from
        "date": date,
        "source_date_epoch": epoch,
        "pyodide": pyodide_assets(project / "node_modules").version,  # the one the site ships
        "mkdocs": metadata.version("mkdocs"),
        "mkdocs-material": metadata.version("mkdocs-material"),
        "build": {"site_url": site_url, "strict": strict},
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
    }
    write_file(manifest_path, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    # Every release in the folder stays listed; this one's two files are (re)computed.
    listed = {name: digest for name, digest in read_sums(sums).items() if (out / name).is_file()}
    listed.update({path.name: _sha256(path) for path in (archive, manifest_path)})
    write_file(sums, "".join(f"{digest}  {name}\n" for name, digest in sorted(listed.items())))
    return Release(archive, manifest_path, sums)


# --- verify -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Verified:
    archive: Path
    files: int
    bytes: int
    site_hash: str


def _check_member(member: tarfile.TarInfo, top: str) -> None:
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts or (path.parts[:1] != (top,)):
        raise ReleaseError(f"the archive holds {member.name!r}, outside its top folder {top}/")
    if not (member.isfile() or member.isdir()):
        raise ReleaseError(f"the archive holds {member.name!r}, which is neither a file nor a folder")


def _unpacked_matches(folder: Path, manifest: dict, what: str) -> None:
    files = _files(folder)
    found = (len(files), sum(p.stat().st_size for p in files), f"sha256:{tree_hash(folder)}")
    wanted = (manifest["files"], manifest["bytes"], manifest["site_hash"])
    if found != wanted:
        raise ReleaseError(
            f"{what} is not the release the manifest describes: {found[0]} files, {found[1]:,} bytes, {found[2]} "
            f"(the manifest: {wanted[0]} files, {wanted[1]:,} bytes, {wanted[2]})"
        )


def verify_release(archive: Path, unpacked: Path | None = None) -> Verified:
    """Check a release (its archive, with the manifest and SHA256SUMS beside it); raise
    ReleaseError naming the first thing that does not match."""
    if not archive.is_file() or not archive.name.endswith(".tar.gz"):
        raise ReleaseError(f"{archive} is not a release archive (.tar.gz)")
    top = archive.name.removesuffix(".tar.gz")
    manifest_path = archive.with_name(f"{top}.manifest.json")
    listed = read_sums(archive.with_name(SUMS))
    for path in (archive, manifest_path):
        if not path.is_file():
            raise ReleaseError(f"{path} is missing: a release is the archive, its manifest and {SUMS}")
        if path.name not in listed:
            raise ReleaseError(f"{path.name} is not listed in {archive.with_name(SUMS)}")
        if _sha256(path) != listed[path.name]:
            raise ReleaseError(f"{path.name} does not match its checksum in {SUMS}: damaged or replaced")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("archive") != archive.name or "site_hash" not in manifest:
        raise ReleaseError(f"{manifest_path.name} is not the manifest of {archive.name}")
    with tarfile.open(archive, "r:gz") as tar, tempfile.TemporaryDirectory() as folder:
        members = tar.getmembers()
        for member in members:
            _check_member(member, top)
        tar.extractall(folder, members=members, filter="data")
        _unpacked_matches(Path(folder) / top, manifest, f"the unpacked {archive.name}")
    if unpacked is not None:
        _unpacked_matches(unpacked, manifest, str(unpacked))
    return Verified(archive, manifest["files"], manifest["bytes"], manifest["site_hash"])
