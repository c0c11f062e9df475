"""Read the source texts of the example corpus (``scripts/examples_texts/*.txt``).

Each source is YAML front matter (between ``---`` lines) followed by blocks separated by blank lines. A
block's first characters say what it is:

- ``= Title``: the document title;
- ``# I. Introduction`` / ``## A. Dialogue``: headings of level 1 and 2, label written out;
- ``. text``: a numbered paragraph, numbered continuously through the document;
- ``- text``: a sub-paragraph of the last numbered paragraph, lettered (a), (b) … afresh under each one;
- ``98.1. text``: a paragraph whose label is written out (UPR recommendations);
- anything else: a plain paragraph.

A ``~`` inside a word marks where the PDF layout may hyphenate it (``protec~tion``); other formats drop it.

Footnotes are written where they are cited (``[^See A/HRC/RES/22/6.]``) and numbered in order of citation.
The renderers lay the same blocks out in each format, so the texts are written once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SHY = "\u00ad"

#: The sentence every example carries at its top (tests look for it).
BANNER = "FICTIONAL EXAMPLE written for the hrdmap project, not a real submission."

_LITERAL_LABEL = re.compile(r"^(\d+(?:\.\d+)+\.)\s+(.*)$", re.S)
_FOOTNOTE = re.compile(r"\[\^(.+?)\]", re.S)

#: Sub-paragraph letters per language, as UN documents print them.
_ARABIC_LETTERS = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a source text.

    Attributes:
        kind: "title", "heading", "para", "sub", "labelled" or "plain".
        runs: The text as strings and footnote numbers (ints) where a footnote is cited.
        level: Heading level, or 0 for a numbered paragraph and 1 for a sub-paragraph.
        number: Paragraph number or sub-paragraph index (from 1), 0 when none.
        label: The label the document prints, or ``None``.
    """

    kind: str
    runs: tuple[str | int, ...]
    level: int = 0
    number: int = 0
    label: str | None = None

    @property
    def text(self) -> str:
        """The text without footnote markers."""
        return "".join(r for r in self.runs if isinstance(r, str))


@dataclass(slots=True)
class Source:
    """A parsed source text: its metadata, blocks and footnotes."""

    meta: dict[str, Any]
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)

    @property
    def lang(self) -> str:
        """The document's language (ISO 639-1)."""
        return str(self.meta["lang"])


def para_label(number: int, lang: str) -> str:
    """The label of numbered paragraph ``number`` as printed in ``lang`` ("12." or Arabic "12 -")."""
    return f"{number} -" if lang == "ar" else f"{number}."


def sub_label(index: int, lang: str) -> str:
    """The label of sub-paragraph ``index`` (from 1): "(a)" in English; "a)" in French, Spanish, Russian."""
    if lang == "ar":
        return f"({_ARABIC_LETTERS[index - 1]})"
    letter = "abcdefghijklmnopqrstuvwxyz"[index - 1]
    return f"({letter})" if lang in ("en", "zh") else f"{letter})"


def load(path: Path) -> Source:
    """Parse one source text."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    source = Source(meta=yaml.safe_load(front))
    number = sub = 0
    for chunk in re.split(r"\n\s*\n", body.strip()):
        raw = " ".join(line.strip() for line in chunk.splitlines())
        block, number, sub = _block(raw, source, number, sub)
        source.blocks.append(block)
    return source


def _block(raw: str, source: Source, number: int, sub: int) -> tuple[Block, int, int]:
    lang = source.lang
    if raw.startswith("= "):
        return Block("title", _runs(raw[2:], source)), number, sub
    if raw.startswith("## "):
        return Block("heading", _runs(raw[3:], source), level=2), number, sub
    if raw.startswith("# "):
        return Block("heading", _runs(raw[2:], source), level=1), number, sub
    if raw.startswith(". "):
        number += 1
        runs = _runs(raw[2:], source)
        return Block("para", runs, number=number, label=para_label(number, lang)), number, 0
    if raw.startswith("- "):
        sub += 1
        runs = _runs(raw[2:], source)
        return Block("sub", runs, level=1, number=sub, label=sub_label(sub, lang)), number, sub
    match = _LITERAL_LABEL.match(raw)
    if match:
        return Block("labelled", _runs(match.group(2), source), label=match.group(1)), number, sub
    return Block("plain", _runs(raw, source)), number, sub


def _runs(text: str, source: Source) -> tuple[str | int, ...]:
    text = text.replace("~", SHY if source.meta.get("hyphenate") else "")
    runs: list[str | int] = []
    pos = 0
    for match in _FOOTNOTE.finditer(text):
        runs.append(text[pos : match.start()])
        source.footnotes.append(match.group(1).strip())
        runs.append(len(source.footnotes))
        pos = match.end()
    runs.append(text[pos:])
    return tuple(r for r in runs if r != "")


def load_all(folder: Path) -> list[Source]:
    """All source texts of a folder, in file-name order."""
    return [load(p) for p in sorted(folder.glob("*.txt"))]
