"""Lists of folders of user frameworks: how a ``HRDMAP_FRAMEWORKS`` value names them, and their order.

The analysis layer never reads the environment: :class:`hrdmap.config.Settings` reads ``HRDMAP_FRAMEWORKS`` (folders
separated by ``os.pathsep``: ``:`` on Linux and macOS, ``;`` on Windows) and the data folder's ``frameworks/``, and
the workspace passes the folders to :func:`hrdmap.analyse.frameworks.loader.load_frameworks` (docs/frameworks.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def parse_folders(value: str) -> tuple[Path, ...]:
    """The folders listed in a value separated by ``os.pathsep`` (as ``HRDMAP_FRAMEWORKS``), blanks left out."""
    return tuple(Path(part.strip()) for part in value.split(os.pathsep) if part.strip())


def distinct_folders(folders: Iterable[Path]) -> tuple[Path, ...]:
    """``folders`` without repeats (two spellings of one folder count once), first spelling kept, in order.

    A folder named twice (in ``HRDMAP_FRAMEWORKS`` and as the data folder's ``frameworks/``) would otherwise
    define each of its frameworks twice.
    """
    seen: dict[Path, Path] = {}
    for folder in folders:
        seen.setdefault(Path(folder).resolve(), Path(folder))
    return tuple(seen.values())

