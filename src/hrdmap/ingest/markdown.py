"""Markdown into blocks: headings, paragraphs, list items, quotations, tables and footnotes.

A line-based reader for the Markdown people write by hand (CommonMark and GitHub's extensions), not a full
CommonMark parser: it keeps what structure recovery needs and strips inline markup (emphasis, links, code)
down to the text a reader sees. Footnote definitions (``[^1]: text``) become
:class:`~hrdmap.domain.raw.RawFootnote` and references (``[^1]``) the blocks' ``footnote_refs``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hrdmap.domain.raw import RawBlock, RawFootnote, RawKind

_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(\s*\1){2,}\s*$")
_ITEM = re.compile(r"^(\s*)([-*+]|(\d{1,9})[.)])\s+(.*)$")
_NOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:\s*(.*)$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_NOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
)


def inline_text(text: str) -> tuple[str, list[str]]:
    """Strip inline markup; return the text a reader sees and the footnote labels it cites."""
    refs = _NOTE_REF.findall(text)
    text = _NOTE_REF.sub("", text)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return " ".join(text.split()), refs


@dataclass(slots=True)
class _Reader:
    blocks: list[RawBlock] = field(default_factory=list)
    footnotes: list[RawFootnote] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    item: tuple[int, str | None] | None = None
    quote: bool = False
    note: str | None = None
    rows: list[tuple[str, ...]] = field(default_factory=list)

    def flush(self) -> None:
        if self.note is not None:
            self.footnotes.append(RawFootnote(self.note, inline_text(" ".join(self.buffer))[0]))
        elif self.rows:
            text = "\n".join("\t".join(row) for row in self.rows)
            self.blocks.append(RawBlock(RawKind.TABLE, text, rows=tuple(self.rows)))
        elif self.buffer:
            text, refs = inline_text(" ".join(self.buffer))
            kind = RawKind.PARAGRAPH if self.item is None else RawKind.LIST_ITEM
            level, label = self.item if self.item is not None else (0, None)
            style = "blockquote" if self.quote else None
            if text:
                self.blocks.append(RawBlock(kind, text, level, label, footnote_refs=tuple(refs), style=style))
        self.buffer, self.item, self.quote, self.note, self.rows = [], None, False, None, []

    def heading(self, level: int, text: str) -> None:
        self.flush()
        plain, refs = inline_text(text)
        if plain:
            self.blocks.append(RawBlock(RawKind.HEADING, plain, level, footnote_refs=tuple(refs)))

    def line(self, line: str) -> None:
        if self._special(line):
            return
        if self.rows:
            self.flush()
        quoted = line.lstrip().startswith(">")
        if quoted != self.quote and self.buffer:
            self.flush()
        self.quote = quoted
        self.buffer.append(line.lstrip().lstrip(">").strip() if quoted else line.strip())

    def _special(self, line: str) -> bool:
        stripped = line.strip()
        atx = _ATX.match(line)
        setext = _SETEXT.match(line)
        if atx:
            self.heading(len(atx.group(1)), atx.group(2))
        elif setext and self.buffer and self.item is None and self.note is None and not self.rows:
            text, self.buffer = " ".join(self.buffer), []
            self.heading(1 if setext.group(1).startswith("=") else 2, text)
        elif _RULE.match(line):
            self.flush()
        elif stripped.startswith("|") and (self.rows or not self.buffer):
            self._table_row(stripped)
        else:
            return self._item_or_note(line)
        return True

    def _item_or_note(self, line: str) -> bool:
        note = _NOTE_DEF.match(line)
        item = _ITEM.match(line)
        if note:
            self.flush()
            self.note, self.buffer = note.group(1), [note.group(2)]
        elif item:
            self.flush()
            number = item.group(3)
            label = f"{number}{item.group(2)[-1]}" if number else None
            self.item, self.buffer = (len(item.group(1).expandtabs(4)) // 2, label), [item.group(4)]
        else:
            return False
        return True

    def _table_row(self, line: str) -> None:
        if self.buffer:
            self.flush()
        if not _TABLE_RULE.match(line):
            cells = line.strip().strip("|").split("|")
            self.rows.append(tuple(inline_text(cell)[0] for cell in cells))


def read_markdown(text: str) -> tuple[list[RawBlock], list[RawFootnote]]:
    """Read Markdown text into blocks and footnotes (see the module docstring)."""
    reader = _Reader()
    fence: str | None = None
    code: list[str] = []
    for line in text.splitlines():
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0]:
                reader.blocks.append(RawBlock(RawKind.PARAGRAPH, "\n".join(code), style="code"))
                fence, code = None, []
            else:
                code.append(line)
        elif opening:
            reader.flush()
            fence = opening.group(1)
        elif not line.strip():
            reader.flush()
        else:
            reader.line(line)
    reader.flush()
    if code:
        reader.blocks.append(RawBlock(RawKind.PARAGRAPH, "\n".join(code), style="code"))
    return reader.blocks, reader.footnotes
