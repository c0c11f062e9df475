"""Keep the data folder private: a folder only its owner can enter, files only its owner can read.

The data folder holds confidential contributions and the names of people at risk. Whatever the user's umask
(the usual 022 makes new files readable by everyone on the machine), everything hrdmap creates in it is
private: folders ``0700``, files ``0600``. That includes the files other code creates for hrdmap: SQLite's
``-wal`` and ``-shm`` files (which take the database file's mode), the search index written by Tantivy's own
threads, lock files and drafts written into the folder. The only way to cover them all is the process umask,
so :func:`private_files` sets ``077`` while a data folder is open and gives the old one back after.

A data folder made before, or opened up by hand, is not changed behind the user's back (a team may share one
through its group on purpose): :func:`exposure` says what others can read, and the command line warns.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PRIVATE_UMASK = 0o077
"""Bits removed from every file and folder created while a data folder is open: all of group and others."""


@contextmanager
def private_files() -> Iterator[None]:
    """Create files ``0600`` and folders ``0700`` (whatever the umask) inside the block.

    The umask belongs to the process, so this also applies to files written elsewhere during the block (an
    export, a draft); they are private too until the user shares them.
    """
    before = os.umask(PRIVATE_UMASK)
    os.umask(before | PRIVATE_UMASK)
    try:
        yield
    finally:
        os.umask(before)


@dataclass(frozen=True, slots=True)
class Exposure:
    """What other users of the machine can reach in a data folder.

    Attributes:
        folder_mode: The folder's permission bits when group or others have any, else ``None``.
        files: Files and folders inside that group or others can read, write or enter.
    """

    folder_mode: int | None
    files: tuple[Path, ...]

    def __bool__(self) -> bool:
        return self.folder_mode is not None or bool(self.files)


def exposure(home: Path) -> Exposure:
    """What group and others can reach in ``home`` (nothing on Windows, which has no such bits)."""
    if sys.platform == "win32" or not home.is_dir():
        return Exposure(None, ())
    mode = stat.S_IMODE(home.stat().st_mode)
    opened = []
    for folder, names, files in os.walk(home):
        for name in (*names, *files):
            path = Path(folder, name)
            try:
                if os.lstat(path).st_mode & PRIVATE_UMASK and not path.is_symlink():
                    opened.append(path)
            except FileNotFoundError:  # removed meanwhile (a journal)
                continue
    return Exposure(mode if mode & PRIVATE_UMASK else None, tuple(opened))


def writable(database: Path) -> bool:
    """Whether hrdmap can write a SQLite database and beside it; one that does not exist yet counts as writable.

    A database on a read-only disk, or without write permission on it or its folder, is opened read-only:
    reads work, writes are refused with a message.
    """
    folder = database.parent
    if not folder.exists():
        return True
    can_write_folder = os.access(folder, os.W_OK | os.X_OK)
    return can_write_folder and (not database.exists() or os.access(database, os.W_OK))
