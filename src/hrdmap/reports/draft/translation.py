"""Translate a quoted passage into the report's language, when an offline translation model is installed.

The draft never pastes a passage in another language into its body. When a translator is available for the
passage's language, the body carries the translation and the footnote quotes the original; otherwise the body
carries a sentence in the report's language saying what the passage is (a practice, a challenge, a
recommendation, about which area, countries and groups) and the footnote quotes the original.

A translator is a plug-in: a class with a ``name``, ``pairs()`` (the ``(source, target)`` language pairs it
has a model for) and ``translate(text, source, target)``, registered under the entry-point group
``hrdmap.translators`` by a package that **ships its model inside it** (no download at run time; loading runs
with ``HF_HUB_OFFLINE=1``). None is built in: no PyPI package ships an offline model for French, Spanish,
Russian, Arabic or Chinese into English (docs/drafting.md records what was measured). Example::

    class OpusMtTranslator:
        name = "opus-mt"
        def pairs(self) -> set[tuple[str, str]]: return {("fr", "en"), ("es", "en")}
        def translate(self, text: str, source: str, target: str) -> str | None: ...
"""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Protocol

GROUP = "hrdmap.translators"

#: What the builder is given: ``translate(text, source, target)``, ``None`` when no model covers the pair.
Translate = Callable[[str, str, str], str | None]


class Translator(Protocol):
    """A translation model that runs offline."""

    name: str

    def pairs(self) -> set[tuple[str, str]]:
        """The ``(source, target)`` ISO 639-1 pairs this translator has a model for."""
        ...

    def translate(self, text: str, source: str, target: str) -> str | None:
        """``text`` in ``target``, or ``None`` when it cannot translate it."""
        ...


def translators() -> list[Translator]:
    """The installed translators (entry points of :data:`GROUP`); one that fails to load is skipped."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    found: list[Translator] = []
    for entry in entry_points(group=GROUP):
        try:
            found.append(entry.load()())
        except Exception:  # noqa: BLE001, S112 - a broken plug-in must not stop a draft; it is simply not used
            continue
    return found


def translating(available: list[Translator]) -> Translate | None:
    """One ``translate`` function over the translators given, or ``None`` when there are none."""
    if not available:
        return None

    def translate(text: str, source: str, target: str) -> str | None:
        for translator in available:
            if (source, target) in translator.pairs():
                result = translator.translate(text, source, target)
                if result and result.strip():
                    return result.strip()
        return None

    return translate
