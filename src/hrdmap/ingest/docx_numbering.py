"""Word auto-numbering: compute the "12." and "(a)" that Word shows beside numbered paragraphs.

Word does not store these numbers in the text. A paragraph points (``w:numPr``, directly or through its style)
to a numbering instance (``w:num``) in ``word/numbering.xml``; the instance points to an abstract definition
(``w:abstractNum``) whose levels say how to show the counter (``w:numFmt``, ``w:lvlText`` such as "%1." or
"(%2)") and where it starts. Counting follows Word's rules:

* instances of the same abstract definition share counters, unless an instance restarts a level with
  ``w:startOverride`` (Word's "Restart numbering"), which takes effect where the instance is first used;
* using a level restarts the deeper levels, unless their ``w:lvlRestart`` says otherwise;
* empty numbered paragraphs count too, so the caller asks for a label before deciding to skip a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from hrdmap.ingest.docx_styles import NumberingRef, StyleSheet, w, wval
from hrdmap.ingest.listlabels import NumberStyle, format_number

_LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")
_STYLES = {style.value: style for style in NumberStyle}


@dataclass(frozen=True, slots=True)
class ListMark:
    """What numbering gives a paragraph: a label ("12.") or a bullet, and the list level (0 = top)."""

    label: str | None
    bullet: bool
    ilvl: int


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str
    text: str
    start: int
    restart: int | None
    legal: bool
    pstyle: str | None


@dataclass(slots=True)
class _Num:
    abstract_id: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, _Level] = field(default_factory=dict)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _read_level(element: etree._Element) -> tuple[int, _Level]:
    restart = wval(element, "lvlRestart")
    legal = element.find(w("isLgl"))
    return _int(element.get(w("ilvl")), 0), _Level(
        fmt=wval(element, "numFmt") or "decimal",
        text=wval(element, "lvlText") or "",
        start=_int(wval(element, "start"), 1),
        restart=None if restart is None else _int(restart, 0),
        legal=legal is not None and legal.get(w("val"), "1") not in ("0", "false"),
        pstyle=wval(element, "pStyle"),
    )


class Numbering:
    """The numbering definitions of a document and the counters while reading it in order."""

    def __init__(self, numbering: etree._Element | None, styles: StyleSheet) -> None:
        self._styles = styles
        self._abstracts: dict[str, dict[int, _Level]] = {}
        self._links: dict[str, str] = {}
        self._nums: dict[str, _Num] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._started: set[str] = set()
        if numbering is not None:
            self._read(numbering)

    def _read(self, numbering: etree._Element) -> None:
        for abstract in numbering.iterfind(w("abstractNum")):
            key = abstract.get(w("abstractNumId")) or ""
            self._abstracts[key] = dict(_read_level(lvl) for lvl in abstract.iterfind(w("lvl")))
            link = wval(abstract, "numStyleLink")
            if link:
                self._links[key] = link
        for num in numbering.iterfind(w("num")):
            entry = _Num(wval(num, "abstractNumId") or "")
            for override in num.iterfind(w("lvlOverride")):
                ilvl = _int(override.get(w("ilvl")), 0)
                start = wval(override, "startOverride")
                if start is not None:
                    entry.starts[ilvl] = _int(start, 1)
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    entry.levels[ilvl] = _read_level(lvl)[1]
            self._nums[num.get(w("numId")) or ""] = entry

    def mark(self, ref: NumberingRef | None, style_id: str | None) -> ListMark | None:
        """Advance the counters for one numbered paragraph and return what Word shows beside it.

        Args:
            ref: The paragraph's numbering reference (already merged with its style's).
            style_id: The paragraph's style, to find the level when ``ref`` gives none.

        Returns:
            The mark, or ``None`` when the paragraph is not numbered (no reference, ``numId`` 0, unknown ids).
        """
        if ref is None or ref.num_id is None or ref.num_id not in self._nums:
            return None
        num = self._nums[ref.num_id]
        abstract_id = self._resolve(num.abstract_id)
        levels = {**self._abstracts.get(abstract_id, {}), **num.levels}
        ilvl = ref.ilvl if ref.ilvl is not None else self._style_level(levels, style_id)
        if ilvl not in levels:
            return None
        counters = self._counters.setdefault(abstract_id, [None] * _LEVELS)
        self._apply_overrides(ref.num_id, num, counters)
        level = levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        _restart_deeper(counters, levels, ilvl)
        if level.fmt == "bullet":
            return ListMark(None, True, ilvl)
        return ListMark(_render(level, levels, counters) or None, False, ilvl)

    def _resolve(self, abstract_id: str) -> str:
        """Follow ``w:numStyleLink`` (a list style) to the abstract definition that holds the levels."""
        seen: set[str] = set()
        while abstract_id in self._links and abstract_id not in seen:
            seen.add(abstract_id)
            ref = self._styles.numbering(self._links[abstract_id])
            num = self._nums.get(ref.num_id or "") if ref is not None else None
            if num is None:
                break
            abstract_id = num.abstract_id
        return abstract_id

    def _apply_overrides(self, num_id: str, num: _Num, counters: list[int | None]) -> None:
        if num_id in self._started:
            return
        self._started.add(num_id)
        for ilvl, start in num.starts.items():
            if 0 <= ilvl < _LEVELS:
                counters[ilvl] = start - 1

    @staticmethod
    def _style_level(levels: dict[int, _Level], style_id: str | None) -> int:
        for ilvl, level in levels.items():
            if style_id is not None and level.pstyle == style_id:
                return ilvl
        return 0


def _restart_deeper(counters: list[int | None], levels: dict[int, _Level], ilvl: int) -> None:
    for deeper in range(ilvl + 1, _LEVELS):
        level = levels.get(deeper)
        restart = deeper if level is None or level.restart is None else level.restart
        if restart != 0 and ilvl <= restart - 1:
            counters[deeper] = None


def _render(level: _Level, levels: dict[int, _Level], counters: list[int | None]) -> str:
    def substitute(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        shown = levels.get(index)
        if shown is None:
            return ""
        value = counters[index]
        style = NumberStyle.DECIMAL if level.legal else _STYLES.get(shown.fmt, NumberStyle.DECIMAL)
        return format_number(shown.start if value is None else value, style)

    return _PLACEHOLDER.sub(substitute, level.text).strip()
