"""A drafted report in UN style, as data: what the draft builder produces and the renderers print.

A :class:`Report` is a symbol and a title, an unnumbered summary, then sections with Roman numerals
(:class:`Section`), some split into lettered sub-sections (:class:`Subsection`). Paragraphs
(:class:`Paragraph`) are numbered continuously through the whole report; each keeps the paragraphs of the corpus
it was drafted from (:class:`Source`, by ``blocks.id``) so that every sentence can be traced back. Footnotes are
numbered in order of first call. An :class:`Annex` holds the map's tables and charts::

    Report
    ├── summary: Paragraph…            (unnumbered)
    ├── sections: Section…             I., II. …
    │   ├── paragraphs: Paragraph…     1., 2. …  (content: Span | NoteRef …; items: SubParagraph (a), (b) …)
    │   └── subsections: Subsection…   A., B. …
    ├── footnotes: Note…               1, 2 …
    └── annex: Annex                   tables and charts
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

#: The word limit of a report to the General Assembly.
UN_WORD_LIMIT = 10_700

_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W_]+(?:[-'’][^\W_]+)*")


def count_words(text: str) -> int:
    """Words in ``text``: runs of letters and digits (hyphenated words count once); each Chinese character is one."""
    return len(_WORD.findall(text))


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text.

    Attributes:
        text: The text.
        language: ISO 639-1 code when the text is in another language than the report (a passage quoted in
            the language it was received in), else ``None``.
    """

    text: str
    language: str | None = None


@dataclass(frozen=True, slots=True)
class NoteRef:
    """A footnote call, placed after the text it follows."""

    number: int


Inline = Span | NoteRef


@dataclass(frozen=True, slots=True)
class Source:
    """A paragraph of the corpus that a drafted paragraph was made from.

    Attributes:
        block_id: ``blocks.id`` of the source paragraph.
        document_id: The document it belongs to.
        contributor: Who sent it, as credited; ``None`` for a confidential contribution.
        confidential: Whether the contribution is confidential (never named).
        label: How its document cites the paragraph ("12", "12 (a)"), when a numbered paragraph holds it.
        area: The framework label it was filed under ("A"), when one.
        kind: The statement kind ("practice", "challenge", "recommendation"), when known.
        language: The source paragraph's language.
    """

    block_id: int
    document_id: int
    contributor: str | None
    confidential: bool = False
    label: str | None = None
    area: str | None = None
    kind: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class SubParagraph:
    """A lettered sub-paragraph "(a)" of a numbered paragraph."""

    letter: str
    content: tuple[Inline, ...]
    sources: tuple[Source, ...] = ()

    @property
    def text(self) -> str:
        """The text without footnote calls."""
        return "".join(i.text for i in self.content if isinstance(i, Span))


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the report.

    Attributes:
        number: Its number in the continuous numbering, or ``None`` (summary paragraphs are not numbered).
        content: Text runs and footnote calls, in order.
        sources: The corpus paragraphs it was drafted from (empty for paragraphs written from the call's data).
        items: Lettered sub-paragraphs.
    """

    number: int | None
    content: tuple[Inline, ...]
    sources: tuple[Source, ...] = ()
    items: tuple[SubParagraph, ...] = ()

    @property
    def text(self) -> str:
        """The text without footnote calls and sub-paragraphs."""
        return "".join(i.text for i in self.content if isinstance(i, Span))

    def all_sources(self) -> tuple[Source, ...]:
        """Its own sources and its sub-paragraphs' sources, each block once, in order."""
        seen: dict[int, Source] = {}
        for source in (*self.sources, *(s for item in self.items for s in item.sources)):
            seen.setdefault(source.block_id, source)
        return tuple(seen.values())

    def words(self) -> int:
        """Words in its text and its sub-paragraphs."""
        return count_words(self.text) + sum(count_words(item.text) for item in self.items)


@dataclass(frozen=True, slots=True)
class Subsection:
    """A lettered sub-section ("A. Dialogue between Governments and defenders")."""

    letter: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    key: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """A section with a Roman numeral; its paragraphs come before its sub-sections."""

    numeral: str
    title: str
    paragraphs: tuple[Paragraph, ...] = ()
    subsections: tuple[Subsection, ...] = ()

    def all_paragraphs(self) -> Iterator[Paragraph]:
        """Its paragraphs, then those of its sub-sections, in reading order."""
        yield from self.paragraphs
        for sub in self.subsections:
            yield from sub.paragraphs


@dataclass(frozen=True, slots=True)
class Note:
    """A numbered footnote.

    Attributes:
        number: Its number.
        text: Its text in the report's language ("Input by Norway. Original (French):").
        original: A passage quoted in the language it was received in, after ``text``, when the body gives it
            in the report's language (translated, or stated in a sentence).
    """

    number: int
    text: str
    original: Span | None = None

    @property
    def full_text(self) -> str:
        """The text and the quoted original, as one string (for counts and plain-text outputs)."""
        return f"{self.text} {self.original.text}" if self.original else self.text


@dataclass(frozen=True, slots=True)
class Table:
    """A table of the annex: a caption, column headings, and rows of cells (first cell is the row heading)."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Series:
    """One series of a bar chart: a name and one value per category."""

    name: str
    values: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """A horizontal bar chart: categories down the side, one bar per series (stacked when ``stacked``)."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    stacked: bool = False


@dataclass(frozen=True, slots=True)
class Annex:
    """The annex: the map's tables and charts."""

    title: str
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    """A drafted report.

    Attributes:
        symbol: The document symbol, or a placeholder ("A/82/[…]") until one is given.
        title: The report's title.
        subtitle: The line under the title ("Report of the Secretary-General").
        language: ISO 639-1 code of the report's language.
        summary: The unnumbered summary paragraphs.
        sections: The sections, in order.
        footnotes: The footnotes, numbered from 1 in order of first call.
        annex: The annex, when there is one.
        word_limit: The word limit the body is measured against.
        meta: Free facts about how it was drafted (call id, date), for renderers' metadata and the sidecar.
    """

    symbol: str
    title: str
    subtitle: str
    language: str
    summary: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    footnotes: tuple[Note, ...] = ()
    annex: Annex | None = None
    word_limit: int = UN_WORD_LIMIT
    meta: dict[str, str] = field(default_factory=dict)

    def numbered(self) -> Iterator[Paragraph]:
        """The numbered paragraphs, in order."""
        for section in self.sections:
            yield from (p for p in section.all_paragraphs() if p.number is not None)

    def body_words(self) -> int:
        """Words of the body: title, summary, headings and paragraphs (footnotes and annex excluded)."""
        total = count_words(self.title) + sum(p.words() for p in self.summary)
        for section in self.sections:
            total += count_words(section.title) + sum(count_words(s.title) for s in section.subsections)
            total += sum(p.words() for p in section.all_paragraphs())
        return total

    def footnote_words(self) -> int:
        """Words of the footnotes."""
        return sum(count_words(n.full_text) for n in self.footnotes)

    @property
    def over_limit(self) -> bool:
        """Whether the body is longer than the word limit."""
        return self.body_words() > self.word_limit
