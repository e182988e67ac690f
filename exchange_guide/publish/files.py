"""Writing a file the safe way: whole or not at all, and only where a file belongs.

`write_file(target, data)` writes to a temporary file beside `target`, flushes it to disk and
renames it into place, so no reader ever sees half a file and a failure leaves the old one as it
was. `check_target` refuses, before anything is written: a target that is a symbolic link (the
rename would replace the link, not write through it), a folder, or anything but a regular file (a
device such as /dev/full, a pipe, a socket), and a folder that does not exist. Every refusal and
every failure is a `WriteError` that names the path and says what is wrong with it. Every file the
command line writes goes through here (`estimate --ics`, `dist`).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class WriteError(Exception):
    """A file could not be written; the message names it and says why."""


def check_target(target: Path) -> None:
    """Raise WriteError unless `target` is a regular file or nothing yet, in an existing folder."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:  # e.g. a file where the path needs a folder
        raise WriteError(f"{target}: {exc.strerror or exc}") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise WriteError(f"{target} is a symbolic link: give the path of the file itself")
        if stat.S_ISDIR(info.st_mode):
            raise WriteError(f"{target} is a folder: give the name of a file in it")
        if not stat.S_ISREG(info.st_mode):
            raise WriteError(f"{target} is not a regular file (a device, a pipe or a socket): give the path of a file")
    folder = target.parent
    if not folder.is_dir():
        raise WriteError(
            f"{target}: the folder {folder} does not exist"
            if not folder.exists()
            else f"{target}: {folder} is not a folder"
        )


def write_file(target: Path | str, data: bytes | str) -> None:
    """`data` (text is written as UTF-8) into `target`, whole, through a temporary file beside it.
    A new file gets mode 0644, a replaced one keeps its mode."""
    target = Path(target)
    check_target(target)
    content = data.encode("utf-8") if isinstance(data, str) else data
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    except OSError as exc:
        raise WriteError(f"cannot write into {target.parent}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as exc:
        raise WriteError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
