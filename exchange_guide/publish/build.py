"""Build the site into site/ all or nothing: a failed build leaves the previous site/ as it was.

Content is validated first (nothing is written if it has errors); MkDocs then builds into a
fresh folder beside site/, which replaces site/ only when the whole build succeeded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..model import ContentError, load_content
from .offline import write_service_worker
from .precompress import precompress


@dataclass
class BuildResult:
    site_dir: Path
    pages: int
    seconds: float
    missing: list[str]
    site_url: str | None = None  # the address it was built for
    source_date_epoch: str | None = None  # the date it was built with (source_date_epoch below)


class BuildError(Exception):
    """MkDocs failed after the content was valid; the message says why."""


@contextmanager
def _environment(**values: str | None):
    saved = {key: os.environ.get(key) for key in values}
    for key, value in values.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def git(project: Path, *args: str) -> str | None:
    """What `git -C project ARGS` prints, stripped; None without git or outside a repository."""
    try:
        command = ["git", "-C", str(project), *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def source_date_epoch(project: Path) -> str | None:
    """The build's one date (MkDocs's sitemap dates, the release): SOURCE_DATE_EPOCH if set, else
    the time of the last commit, so two builds of a commit are byte-identical; None outside git."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    last_commit = git(project, "log", "-1", "--format=%ct")
    return last_commit if last_commit and last_commit.isdigit() else None


def build_site(
    project: Path,
    site_url: str | None = None,
    strict: bool = False,
    out_dir: Path | None = None,
    content: Path | None = None,
) -> BuildResult:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .mkdocs_hooks import CONTENT_ENV, STRICT_ENV

    started = time.monotonic()
    project = project.resolve()
    content_dir = (content or project / "content").resolve()
    loaded = load_content(content_dir, strict=strict)  # raises before anything is written
    out = (out_dir or project / "site").resolve()
    partial = out.with_name(f"{out.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)

    overrides = {"site_dir": str(partial)}
    epoch = source_date_epoch(project)
    site_url = site_url or loaded.site.get("site_url")  # content/site.yml: where it is published
    if site_url:
        overrides["site_url"] = site_url if site_url.endswith("/") else site_url + "/"
    try:
        with _environment(
            **{STRICT_ENV: "1" if strict else None, CONTENT_ENV: str(content_dir), "SOURCE_DATE_EPOCH": epoch}
        ):
            config = load_config(str(project / "mkdocs.yml"), **overrides)
            build(config)
    except (MkDocsException, ContentError, OSError) as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise BuildError(str(exc)) from None
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise

    # The service worker lists every file the build made (publish/offline.py), so it comes last.
    write_service_worker(partial, list(loaded.languages), loaded.default_language, loaded.site.get("offline", True))
    try:
        precompress(partial, project / "build" / "precompress-cache")
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise BuildError(f"could not write precompressed files: {exc}") from None
    _replace(out, partial)
    pages = sum(1 for _ in out.rglob("*.html"))
    missing = [m.describe(loaded.default_language) for m in loaded.missing]
    return BuildResult(out, pages, time.monotonic() - started, missing, overrides.get("site_url"), epoch)


def _replace(out: Path, partial: Path) -> None:
    """Swap the new site in with two renames, so site/ is never half-written."""
    old = out.with_name(f"{out.name}.old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    partial.rename(out)
    shutil.rmtree(old, ignore_errors=True)
