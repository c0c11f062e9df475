"""The registered taggers.

Taggers are registered under the ``hrdmap.taggers`` entry-point group; the built-in ones use the same door (see
``[project.entry-points."hrdmap.taggers"]`` in pyproject.toml), so a third-party package adds a tagger by
declaring an entry point of its own. Each entry point names a class whose instances follow
:class:`hrdmap.analyse.taggers.base.Tagger` and that can be built without arguments; one that tags with frameworks
loads them with :func:`hrdmap.analyse.frameworks.loader.load_frameworks` (no arguments), which adds the user's.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points
from pathlib import Path

from hrdmap.analyse.frameworks.folders import folders_from_env
from hrdmap.analyse.taggers.base import Tagger

ENTRY_POINT_GROUP = "hrdmap.taggers"


def tagger_names() -> tuple[str, ...]:
    """Names of the registered entry points, sorted, without loading any tagger."""
    return tuple(sorted(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)))


def tagger(name: str) -> Tagger:
    """The registered tagger called ``name`` (its entry point's name), built once per set of user frameworks.

    Only that tagger is loaded, so asking for a rule-based tagger never loads a model. A framework tagger reads
    the user's framework folders (``HRDMAP_FRAMEWORKS``) when it is built, so a tagger is built again when they
    change.

    Raises:
        KeyError: No tagger has that name.
        TypeError: The registered object does not follow the Tagger protocol.
        hrdmap.analyse.frameworks.loader.FrameworkError: A user framework file is invalid.
    """
    return _built(name, folders_from_env())


@cache
def _built(name: str, framework_folders: tuple[Path, ...]) -> Tagger:
    """Build ``name``; ``framework_folders`` only keys the cache (the tagger reads them from the environment)."""
    found = [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == name]
    if not found:
        raise KeyError(f"no tagger named {name!r} (registered: {', '.join(tagger_names())})")
    built = found[0].load()()
    if not isinstance(built, Tagger):
        raise TypeError(f"entry point {name} ({found[0].value}): not a Tagger")
    return built


def taggers() -> tuple[Tagger, ...]:
    """All registered taggers, one instance each, in the order of their names.

    Raises:
        TypeError: A registered object does not follow the Tagger protocol.
    """
    return tuple(tagger(name) for name in tagger_names())
