"""Files the program writes are private: 0600 files in 0700 folders (on POSIX), whole or absent.

The catalogue holds borrowers' names and who read what; its backups, reports, letters and
export bundles hold the same. Two layers keep them from other accounts on the machine:

- both entry points (``readingroom.cli.main`` and the window's start) call
  :func:`set_private_umask`, so whatever the process creates (SQLite's ``-wal``/``-shm``,
  a report library's output) gets no group or other bits, whatever the user's umask;
- code that writes a file goes through :func:`private_open`, :func:`atomic_write`,
  :func:`private_copy` or :func:`private_mkdir`, which set the mode explicitly, so a library
  caller that never set the umask gets private files too.

:func:`atomic_write` writes a temporary file beside the target, syncs it and renames it into
place: a crash or a full disk leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

PRIVATE_FILE, PRIVATE_DIR, PRIVATE_UMASK = 0o600, 0o700, 0o077
POSIX = os.name == "posix"

__all__ = [
    "PRIVATE_DIR",
    "PRIVATE_FILE",
    "PRIVATE_UMASK",
    "atomic_write",
    "make_private",
    "private_copy",
    "private_create",
    "private_mkdir",
    "private_mode_of",
    "private_open",
    "set_private_umask",
    "sync_path",
]


def set_private_umask() -> int:
    """Make everything this process creates from now on private; returns the old umask."""
    return os.umask(PRIVATE_UMASK)


def private_mkdir(path: str | Path, *, tighten: bool = False) -> Path:
    """Create ``path`` (and missing parents) as 0700 folders. An existing folder is left as
    it is, unless ``tighten`` (a folder that is the program's own, such as ``backups``)."""
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=PRIVATE_DIR)
        _chmod(folder, PRIVATE_DIR)
    if tighten and not missing:
        make_private(path)
    return path


def private_create(path: str | Path) -> Path:
    """Create the new empty file ``path`` as 0600 (FileExistsError if it exists)."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    try:
        if POSIX:
            os.fchmod(handle, PRIVATE_FILE)
    finally:
        os.close(handle)
    return Path(path)


def private_open(
    path: str | Path, mode: str = "w", *, encoding: str | None = None, newline: str | None = None
) -> IO[Any]:
    """``open(path, mode)`` for writing, the file 0600 whatever the umask (an existing file
    is made 0600 too). ``mode``: "w", "wb", "a", "ab", "x" or "xb"."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0)
    if mode.startswith("x"):
        flags |= os.O_EXCL
    elif mode.startswith("a"):
        flags |= os.O_APPEND
    else:
        flags |= os.O_TRUNC
    handle = os.open(path, flags, PRIVATE_FILE)
    if POSIX:
        os.fchmod(handle, PRIVATE_FILE)
    binary = "b" in mode
    text_mode = mode.replace("x", "w").replace("b", "")
    if binary:
        return os.fdopen(handle, text_mode + "b")
    return os.fdopen(handle, text_mode, encoding=encoding or "utf-8", newline=newline)


@contextlib.contextmanager
def _temporary_beside(target: Path) -> Iterator[Path]:
    """A new private file next to ``target``, removed unless renamed away."""
    for n in range(100):
        temporary = target.with_name(f".{target.name}.{os.getpid()}.{n}.tmp")
        try:
            private_create(temporary)
            break
        except FileExistsError:
            continue
    else:  # pragma: no cover - a hundred stale files
        raise FileExistsError(target)
    try:
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)


def atomic_write(
    path: str | Path, data: bytes | str, *, overwrite: bool = True, encoding: str = "utf-8"
) -> Path:
    """Write ``data`` to ``path`` whole or not at all: a private temporary file beside it,
    synced, then renamed over it. ``overwrite=False`` refuses an existing ``path``
    (FileExistsError) and never replaces one that appears meanwhile."""
    path = Path(path)
    if not overwrite and path.exists():
        raise FileExistsError(path)
    with _temporary_beside(path) as temporary:
        with open(temporary, "wb") as handle:
            handle.write(data.encode(encoding) if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            place_new(temporary, path)
    sync_path(path.parent)
    return path


def place_new(temporary: str | Path, path: str | Path) -> None:
    """Give ``temporary`` the name ``path`` unless that name is taken (FileExistsError),
    never over a file that appeared a moment ago: a hard link fails if the name is taken; a
    folder without hard links, a FAT memory stick, falls back to a checked rename. The
    temporary name is gone afterwards."""
    temporary, path = Path(temporary), Path(path)
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(temporary, path)
        return
    temporary.unlink()


def private_copy(source: str | Path, target: str | Path) -> Path:
    """Copy the bytes of ``source`` into the new file ``target`` (0600), synced."""
    with open(source, "rb") as src, private_open(target, "xb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.flush()
        os.fsync(dst.fileno())
    return Path(target)


def sync_path(path: str | Path) -> None:
    """fsync a file or a folder (folders only where the platform allows it)."""
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if path.is_dir() else os.O_RDONLY
    try:
        handle = os.open(path, flags)
    except OSError:
        if path.is_dir():
            return
        raise
    try:
        os.fsync(handle)
    except OSError:
        if not path.is_dir():
            raise
    finally:
        os.close(handle)


def make_private(path: str | Path) -> None:
    """Take the group and other bits off an existing file or folder of this user (an older
    version of the program, or another tool, may have made it readable to all)."""
    path = Path(path)
    try:
        info = path.stat()
    except OSError:
        return
    if not POSIX or info.st_uid != os.geteuid() or not info.st_mode & 0o077:
        return
    wanted = PRIVATE_DIR if stat.S_ISDIR(info.st_mode) else PRIVATE_FILE
    _chmod(path, stat.S_IMODE(info.st_mode) & wanted)


def private_mode_of(database: str | Path) -> None:
    """Make a database file and its journal files private (see :func:`make_private`)."""
    for suffix in ("", "-wal", "-shm"):
        make_private(f"{database}{suffix}")


def _chmod(path: Path, mode: int) -> None:
    if POSIX:
        with contextlib.suppress(OSError):
            os.chmod(path, mode)
