"""The registered taggers.

Taggers are registered under the ``hrdmap.taggers`` entry-point group; the built-in ones use the same door (see
``[project.entry-points."hrdmap.taggers"]`` in pyproject.toml), so a third-party package adds a tagger by
declaring an entry point of its own. Each entry point names a callable (usually the tagger's class) that takes two
keyword arguments, ``frameworks`` (the built-in and user frameworks by id, as the workspace loaded them) and
``embedder`` (the name of the embedder the settings chose), and returns an object that follows
:class:`hrdmap.analyse.taggers.base.Tagger`; a tagger ignores what it does not need. Nothing here reads the
environment: the folders of user frameworks and the embedder come from the caller (the workspace's settings).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path

from hrdmap.analyse.classifier.embedders import DEFAULT_EMBEDDER
from hrdmap.analyse.frameworks.loader import load_frameworks
from hrdmap.analyse.taggers.base import Tagger

ENTRY_POINT_GROUP = "hrdmap.taggers"


def tagger_names() -> tuple[str, ...]:
    """Names of the registered entry points, sorted, without loading any tagger."""
    return tuple(sorted(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)))


def tagger(name: str, framework_dirs: Sequence[Path] = (), embedder: str = DEFAULT_EMBEDDER) -> Tagger:
    """The registered tagger called ``name`` (its entry point's name), built once per frameworks and embedder.

    Only that tagger is loaded, so asking for a rule-based tagger never loads a model. The cache is keyed by the
    name, the folders of user frameworks and the embedder, so two data folders with different settings get their
    own taggers.

    Args:
        name: The entry point's name.
        framework_dirs: Folders of user framework files (none: the built-in frameworks only).
        embedder: The registered embedder a learning tagger embeds with.

    Raises:
        KeyError: No tagger has that name.
        TypeError: The registered object does not follow the Tagger protocol.
        hrdmap.analyse.frameworks.loader.FrameworkError: A user framework file is invalid.
    """
    return _built(name, tuple(Path(folder).resolve() for folder in framework_dirs), embedder)


def build(name: str, framework_dirs: Sequence[Path] = (), embedder: str = DEFAULT_EMBEDDER) -> Tagger:
    """A new instance of the tagger ``name`` (not cached): for a learning tagger that is taught one corpus.

    Raises:
        KeyError: No tagger has that name.
        TypeError: The registered object does not follow the Tagger protocol.
    """
    found = [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == name]
    if not found:
        raise KeyError(f"no tagger named {name!r} (registered: {', '.join(tagger_names())})")
    built = found[0].load()(frameworks=load_frameworks(framework_dirs), embedder=embedder)
    if not isinstance(built, Tagger):
        raise TypeError(f"entry point {name} ({found[0].value}): not a Tagger")
    return built


@cache
def _built(name: str, framework_dirs: tuple[Path, ...], embedder: str) -> Tagger:
    return build(name, framework_dirs, embedder)


def taggers(framework_dirs: Sequence[Path] = (), embedder: str = DEFAULT_EMBEDDER) -> tuple[Tagger, ...]:
    """All registered taggers, one instance each, in the order of their names.

    Raises:
        TypeError: A registered object does not follow the Tagger protocol.
    """
    return tuple(tagger(name, framework_dirs, embedder) for name in tagger_names())
