"""Read OHCHR's thematic list of UPR recommendations (the DOCX published for each review).

The list is one Word table. Columns are found by their header text, not their position:

- **Recommendation** (required): "115.1 Take further steps … (Croatia);" then "Source of position:
  A/HRC/28/15/Add.1 - Para. 3". The number and the recommending States are read by
  :func:`hrdmap.analyse.recommendations.extract_recommendations`; the source of position gives the response's
  source and, without its "/Add.1", the symbol of the Working Group report that holds the recommendation.
- **Position**: Supported or Noted.
- **Full list of themes** (any header with "theme"): Universal Human Rights Index themes ("A12 Acceptance of
  international norms"), then "Affected persons:" and one "- group" a line, and SDGs when listed ("SDG 16 …",
  "Goal 16 …", or lines under an "SDGs:" heading).
- Columns headed "affected persons/groups" or "SDG" are read too when a list has them.
- **Assessment/comments on level of implementation**: not imported (a comment without a status).

Rows of one merged cell ("Theme: A12 Acceptance of international norms") are section headings and skipped. The
State under review is named by ``addressee``, else found in the document title or file name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hrdmap.analyse.recommendations import extract_recommendations
from hrdmap.analyse.taggers.base import Passage
from hrdmap.domain.raw import RawDocument
from hrdmap.domain.recommendations import RecommendationSource
from hrdmap.domain.tracking import RecommendationRecord, Response, Term
from hrdmap.ingest.base import Limits
from hrdmap.ingest.docx import DocxExtractor
from hrdmap.ingest.errors import IngestError
from hrdmap.readers.recommendation_files import ImportFileError, ParsedFile, ParsedRow, Problem, read_bytes
from hrdmap.readers.recommendation_records import country, document_state, symbol_key, text_key

_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})+)\.?\s+")
_SOURCE = re.compile(r"Source of position\s*:\s*(.+)", re.IGNORECASE | re.DOTALL)
_SYMBOL = re.compile(r"[A-Z]+(?:/[A-Za-z0-9.\-]+)+")
_ADDENDUM = re.compile(r"/Add\.\d+$", re.IGNORECASE)
_PARA = re.compile(r"\s*[-–,]\s*para(?:graph)?s?\.?\s*(\S+)\s*$", re.IGNORECASE)
_UHRI = re.compile(r"^([A-Z]\d{1,3})\s+(.+)$")
_SDG_LINE = re.compile(r"^(?:SDG|Goal)\s*(\d{1,2}(?:\.[0-9a-z]{1,2})?)\b\s*[-–:]?\s*(.*)$", re.IGNORECASE)
_SDG_HEADING = re.compile(r"^(?:SDGs?|Sustainable Development Goals?)\s*:?\s*$", re.IGNORECASE)
#: The line that opens the affected persons or groups inside a themes cell: "Affected persons:", "Groups of
#: persons:", "Persons affected:", "Concerned groups:" …
_GROUPS_HEADING = re.compile(
    r"^(?:Affected (?:persons|groups|people)|(?:Groups? of )?persons? (?:or groups )?affected|Groups? of persons|"
    r"(?:Concerned|Vulnerable|Target) (?:persons|groups)|Rights[- ]holders)[^:]*:\s*(.*)$",
    re.IGNORECASE,
)
_BODY = "Universal Periodic Review"
#: Column roles by header text, tried in order; a header is read by what it says, not by its exact words
#: ("Recommendation", "Recommendations", "Recommendation and recommending State", "Text of the recommendation").
_ROLES = (
    ("position", re.compile(r"position|response", re.IGNORECASE)),
    ("groups", re.compile(r"affected|groups? of persons|persons or groups", re.IGNORECASE)),
    ("sdgs", re.compile(r"\bSDGs?\b|sustainable development", re.IGNORECASE)),
    ("themes", re.compile(r"theme", re.IGNORECASE)),
    ("assessment", re.compile(r"assessment|implementation|comments?|status", re.IGNORECASE)),
    ("recommendation", re.compile(r"\brecommendations?\b", re.IGNORECASE)),
)


@dataclass(slots=True)
class _Terms:
    themes: list[Term] = field(default_factory=list)
    groups: list[Term] = field(default_factory=list)
    sdgs: list[Term] = field(default_factory=list)


def read_thematic_list(path: Path, limits: Limits, *, addressee: str | None = None) -> ParsedFile:
    """Read an OHCHR thematic list of UPR recommendations (see the module docstring).

    Args:
        path: The DOCX file.
        limits: Size limits applied to the file.
        addressee: The State under review, when neither the title nor the file name names it.

    Raises:
        ImportFileError: The file is not a readable DOCX, or holds no table with a "Recommendation" column.
    """
    data = read_bytes(path, limits)
    try:
        raw = DocxExtractor().extract(data, path.name, limits)
    except IngestError as error:
        raise ImportFileError(f"{path}: {error}") from None
    rows, header_at, columns = _table(raw, path)
    state = _state(raw, path, addressee)
    parsed: list[ParsedRow] = []
    problems: list[Problem] = []
    for line, cells in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if len(cells) < 2 or cells[columns["recommendation"]].strip().lower().startswith("theme:"):
            continue
        try:
            parsed.append(ParsedRow(_record(cells, columns, state, path), line=line))
        except _RowError as error:
            problems.append(Problem(str(path), line, error.column, error.reason))
    return ParsedFile(str(path), tuple(parsed), tuple(problems))


class _RowError(ValueError):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


def _table(raw: RawDocument, path: Path) -> tuple[Sequence[Sequence[str]], int, dict[str, int]]:
    """The table's rows, the index of its header row, and the column of each role."""
    for block in raw.blocks:
        for index, row in enumerate(block.rows):
            columns = _columns(row)
            if "recommendation" in columns:
                return block.rows, index, columns
    raise ImportFileError(f"{path}: no table with a 'Recommendation' column: not an OHCHR thematic list")


def _columns(header: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, text in enumerate(header):
        role = next((name for name, pattern in _ROLES if pattern.search(text.strip())), None)
        if role and role not in found:
            found[role] = index
    return found


def _state(raw: RawDocument, path: Path, addressee: str | None) -> tuple[str | None, str | None]:
    if addressee:
        return country(addressee) or (addressee, None)
    words = f"{raw.title or ''} {path.stem}".replace("_", " ")
    return document_state(None, words) or (None, None)


def _cell(cells: Sequence[str], columns: Mapping[str, int], role: str) -> str:
    index = columns.get(role)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _record(
    cells: Sequence[str], columns: Mapping[str, int], state: tuple[str | None, str | None], path: Path
) -> RecommendationRecord:
    main, _, _ = _cell(cells, columns, "recommendation").partition("Source of position")
    source = _SOURCE.search(_cell(cells, columns, "recommendation"))
    number, text, states = _recommendation(main.strip())
    response_source, symbol = _position_source(source.group(1) if source else "")
    terms = _terms(cells, columns)
    return RecommendationRecord(
        key=symbol_key(symbol, number) if symbol and number else text_key(state[0], symbol, text),
        text=text,
        source_kind=RecommendationSource.UPR,
        body=_BODY,
        symbol=symbol,
        paragraph=number,
        recommending_states=states,
        addressee=state[0],
        addressee_iso3=state[1],
        themes=tuple(dict.fromkeys(terms.themes)),
        groups=tuple(dict.fromkeys(terms.groups)),
        sdgs=tuple(dict.fromkeys(terms.sdgs)),
        response=_response(_cell(cells, columns, "position")),
        response_source=response_source,
        origin="ohchr-thematic-list",
        origin_ref=path.name,
    )


def _recommendation(main: str) -> tuple[str | None, str, tuple[str, ...]]:
    """Number, text and recommending States of "115.1 Take … (Croatia);"."""
    if not main:
        raise _RowError("Recommendation", "empty")
    found = extract_recommendations([Passage(0, main)])
    if len(found) == 1 and found[0].number:
        return found[0].number, found[0].text, found[0].recommending_states
    number = _NUMBER.match(main)
    return (number.group(1), main[number.end() :].strip(), ()) if number else (None, main, ())


def _response(position: str) -> Response | None:
    if not position:
        return None
    try:
        return Response.parse(position.split()[0])
    except ValueError as error:
        raise _RowError("Position", str(error)) from None


def _position_source(text: str) -> tuple[str | None, str | None]:
    """("A/HRC/28/15/Add.1, para. 3", "A/HRC/28/15") from "A/HRC/28/15/Add.1 - Para. 3"."""
    text = " ".join(text.split())
    symbol = _SYMBOL.search(text)
    if not symbol:
        return (text or None), None
    para = _PARA.search(text)
    cited = symbol.group() + (f", para. {para.group(1)}" if para else "")
    return cited, _ADDENDUM.sub("", symbol.group())


def _terms(cells: Sequence[str], columns: Mapping[str, int]) -> _Terms:
    terms = _Terms()
    _read_terms(_cell(cells, columns, "themes"), "themes", terms)
    _read_terms(_cell(cells, columns, "groups"), "groups", terms)
    _read_terms(_cell(cells, columns, "sdgs"), "sdgs", terms)
    return terms


def _read_terms(cell: str, section: str, terms: _Terms) -> None:
    """Themes, groups and SDGs from the lines of a cell, starting in ``section``; headings switch sections."""
    for line in (raw.strip() for raw in cell.splitlines()):
        groups_heading = _GROUPS_HEADING.match(line)
        if groups_heading:
            section, line = "groups", groups_heading.group(1).strip()
        elif _SDG_HEADING.match(line):
            section, line = "sdgs", ""
        line = line.lstrip("-–•· ").strip()
        if line:
            _add_term(line, section, terms)


def _add_term(line: str, section: str, terms: _Terms) -> None:
    sdg = _SDG_LINE.match(line)
    if sdg or section == "sdgs":
        code = sdg.group(1) if sdg else None
        name = (sdg.group(2).strip(" -–:") if sdg else line) or f"Goal {code}"
        terms.sdgs.append(Term("sdg", name, code))
    elif section == "groups":
        terms.groups.append(Term("uhri", line))
    else:
        uhri = _UHRI.match(line)
        terms.themes.append(Term("uhri", uhri.group(2).strip(), uhri.group(1)) if uhri else Term("uhri", line))
