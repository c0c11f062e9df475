"""Where the user's frameworks are: the folders named by the ``HRDMAP_FRAMEWORKS`` environment variable.

This is the one place the analysis layer reads the environment. The variable lists folders separated by
``os.pathsep`` (``:`` on Linux and macOS, ``;`` on Windows). :func:`hrdmap.analyse.frameworks.loader.load_frameworks`
called without folders reads them, so the taggers the entry points build without arguments tag with the user's
frameworks too. The ``hrdmap`` command sets the variable, for the duration of one command, to every folder of
:func:`hrdmap.config.frameworks_dirs` (those the user named and ``$HRDMAP_HOME/frameworks/``); see
docs/frameworks.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

ENV_VAR = "HRDMAP_FRAMEWORKS"


def parse_folders(value: str) -> tuple[Path, ...]:
    """The folders listed in a ``HRDMAP_FRAMEWORKS`` value, in order, blanks left out."""
    return tuple(Path(part.strip()) for part in value.split(os.pathsep) if part.strip())


def folders_from_env(env: Mapping[str, str] | None = None) -> tuple[Path, ...]:
    """The folders named by ``HRDMAP_FRAMEWORKS`` in ``env`` (``os.environ`` when omitted); none when unset."""
    env = os.environ if env is None else env
    return parse_folders(env.get(ENV_VAR, ""))


def distinct_folders(folders: Iterable[Path]) -> tuple[Path, ...]:
    """``folders`` without repeats (two spellings of one folder count once), first spelling kept, in order.

    A folder named twice (in ``HRDMAP_FRAMEWORKS`` and as the data folder's ``frameworks/``) would otherwise
    define each of its frameworks twice.
    """
    seen: dict[Path, Path] = {}
    for folder in folders:
        seen.setdefault(Path(folder).resolve(), Path(folder))
    return tuple(seen.values())


def join_folders(folders: Iterable[Path]) -> str:
    """A ``HRDMAP_FRAMEWORKS`` value naming ``folders``."""
    return os.pathsep.join(str(folder) for folder in folders)
