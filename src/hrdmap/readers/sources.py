"""Which files an ingest command means: files as given, folders walked recursively in sorted order."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from hrdmap.domain.errors import NotFound


class MissingPath(NotFound, FileNotFoundError):
    """A path given to ingest does not exist; the message names it."""


def expand_paths(paths: Iterable[Path], *, exclude: Path | None = None) -> list[Path]:
    """The files to ingest, absolute, each once, in the order given (folders expanded in sorted order).

    Hidden files and folders (names starting with a dot) inside a folder are skipped; a hidden file named
    explicitly is kept, since the user asked for it. Links to folders inside a folder are not followed.

    Args:
        paths: Files and folders.
        exclude: A folder never to read from: hrdmap's own data folder, when it sits inside a folder given.

    Raises:
        MissingPath: A path does not exist.
    """
    skip = exclude.expanduser().resolve() if exclude is not None else None
    seen: set[Path] = set()
    files: list[Path] = []
    for given in paths:
        path = given.expanduser().resolve()
        if not path.exists():
            raise MissingPath(f"{given}: no such file or folder")
        for file in _walk(path) if path.is_dir() else [path]:
            if file not in seen and not (skip is not None and file.is_relative_to(skip)):
                seen.add(file)
                files.append(file)
    return files


def _walk(folder: Path) -> Iterable[Path]:
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():  # a linked folder can loop back on itself
                yield from _walk(entry)
        elif entry.is_file():
            yield entry
