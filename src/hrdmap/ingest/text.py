"""Plain text and Markdown files.

Plain text: paragraphs are separated by blank lines and hard-wrapped lines are joined; a line that starts with
a bullet ("-", "*", "•") or a paragraph number ("12.", "(a)") starts a block of its own, so a list typed line
by line is not run together. The number stays in the text, where structure recovery reads it. Markdown (by
suffix: .md, .markdown) goes through :mod:`hrdmap.ingest.markdown`.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import ClassVar

from hrdmap.domain.raw import RawBlock, RawDocument, RawKind
from hrdmap.ingest.base import Limits
from hrdmap.ingest.decoding import bom_encoding, decode_text
from hrdmap.ingest.guards import check_chars, check_input, require_content
from hrdmap.ingest.markdown import read_markdown

_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.02
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}
_BULLET = re.compile(r"^\s*[-*•–·]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]|\([a-zA-Z0-9]{1,4}\))\s+\S")
_MARKDOWN_SUFFIXES = (".md", ".markdown")


def looks_like_text(data: bytes) -> bool:
    """Whether bytes look like text: a byte-order mark, or no NUL and few control bytes in the first 8 KiB.

    Any such bytes decode (cp1252 is the last resort of :func:`~hrdmap.ingest.decoding.decode_text`), so
    the control bytes are what tell binary formats apart.
    """
    if bom_encoding(data):
        return True
    head = data[:_SNIFF_BYTES]
    if not head or b"\x00" in head:
        return False
    controls = sum(1 for byte in head if byte in _CONTROL)
    return controls <= _MAX_CONTROL_SHARE * len(head)


def read_plain(text: str) -> list[RawBlock]:
    """Split plain text into blocks (see the module docstring)."""
    blocks: list[RawBlock] = []
    current: list[str] = []
    bullet = False

    def flush() -> None:
        joined = " ".join(" ".join(current).split())
        if joined:
            blocks.append(RawBlock(RawKind.LIST_ITEM if bullet else RawKind.PARAGRAPH, joined))
        current.clear()

    for line in text.splitlines():
        if not line.strip():
            flush()
            continue
        item = _BULLET.match(line)
        if item or _NUMBERED.match(line):
            flush()
            bullet = item is not None
            current.append(item.group(1) if item else line)
        else:
            if not current:
                bullet = False
            current.append(line)
    flush()
    return blocks


class TextExtractor:
    """Reads plain text and Markdown; tried last, for any content that decodes as text."""

    name: ClassVar[str] = "text"
    media_types: ClassVar[tuple[str, ...]] = ("text/plain", "text/markdown")
    suffixes: ClassVar[tuple[str, ...]] = (".txt", ".text", ".md", ".markdown")
    priority: ClassVar[int] = 90

    def sniff(self, data: bytes) -> bool:
        """Content that decodes as text (see :func:`looks_like_text`)."""
        return looks_like_text(data)

    def extract(self, data: bytes, name: str, limits: Limits) -> RawDocument:
        """Decode the file and split it into blocks; Markdown when the name ends in .md or .markdown."""
        check_input(data, limits)
        check_chars(len(data) // 4, limits)  # at most 4 bytes a character: surely over, without decoding
        text = decode_text(data)
        check_chars(len(text), limits)
        if PurePosixPath(name).suffix.lower() in _MARKDOWN_SUFFIXES:
            blocks, footnotes = read_markdown(text)
            raw = RawDocument(format="markdown", blocks=blocks, footnotes=footnotes)
        else:
            raw = RawDocument(format="text", blocks=read_plain(text))
        return require_content(raw, "text file")
