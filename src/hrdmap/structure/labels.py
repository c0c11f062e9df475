"""Numbering labels: "12.", "98.12.", "(a)", "(iv)", "a)", "I.", "A.", bullets.

UN documents cite paragraphs by their printed numbers, so every block keeps its label as printed and a
normalised ``number`` for look-ups. The label grammar, in the order it is tried:

========================  ====================================  =====================
form                      examples                              number
========================  ====================================  =====================
bullet                    "•", "-", "–", "▪", "◦", "o"-less      ``None`` (list item)
bracketed                 "(a)", "(iv)", "(1)", "(A)"           "a", "iv", "1", "A"
closing bracket           "a)", "iv)", "1)"                     "a", "iv", "1"
dotted numbers            "12.", "98.12.", "98.12", "121.1"     "12", "98.12", "121.1"
number and hyphen         "12-" (Arabic-language documents)     "12"
Roman numeral             "I.", "IV.", "XII."                   "I", "IV", "XII"
capital letter            "A.", "B."                            "A", "B"
small letter              "a."                                  "a"
========================  ====================================  =====================

A label must be followed by whitespace and then text; otherwise the block has no label. Guards against false
positives:

- numbers have one to three digits, so a year ("2018. The") is never a label;
- a number followed by a month ("1. January") or a quantity word ("3.5 million", "2.5 per cent") is text;
- a capital letter followed by another initial or by a sentence ("A. Smith said that …") is a label only when
  it continues a sequence ("B." after "A.") or introduces a short unpunctuated line (a heading); an initial
  of a name cannot always be told from a heading, so "A. Smith" alone on a line is read as a label.

"(i)", "(v)" and "(x)" are letters or Roman numerals depending on what came before in the same form: "(i)" is
the letter after "(h)" and a Roman numeral otherwise; "(v)" is a Roman numeral after "(iv)" and a letter
otherwise (after "(u)"); "(x)" likewise after "(ix)". The same holds for "I.", "V.", "X." after "H.", "IV.",
"IX.". :class:`LabelReader` keeps the last label of each form to decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class LabelStyle(StrEnum):
    """How a label counts."""

    DECIMAL = "decimal"            # 12.  (12)  12)
    OUTLINE = "outline"            # 98.12.  121.1
    UPPER_ROMAN = "upper_roman"    # I.  IV.
    LOWER_ROMAN = "lower_roman"    # (iv)  iv)
    UPPER_LETTER = "upper_letter"  # A.  (A)
    LOWER_LETTER = "lower_letter"  # (a)  a)  a.
    BULLET = "bullet"              # •  -
    OTHER = "other"                # a label the format generated that fits no form above ("Art. 1")


@dataclass(frozen=True, slots=True)
class Label:
    """A parsed numbering label.

    Attributes:
        printed: The label as printed ("98.12.", "(a)").
        number: The normalised number ("98.12", "a"), ``None`` for bullets.
        style: How the label counts.
        form: The punctuation around it ("(x)", "x)", "x.", "x-", "x", "bullet"); labels of one list share it.
    """

    printed: str
    number: str | None
    style: LabelStyle
    form: str


_BULLETS = "•·‣▪▫◦●○■□►▶➢➤✓✔*-–—\uf0b7\uf0a7\uf0d8\uf076"
_BULLET = re.compile(f"^([{re.escape(_BULLETS)}])\\s+(?=\\S)")
_BRACKETED = re.compile(r"^(\(([0-9]{1,3}|[a-z]{1,2}|[A-Z]|[ivxl]{1,6}|[IVXL]{1,6})\))\s+(?=\S)")
_CLOSING = re.compile(r"^(([0-9]{1,3}|[a-z]{1,2}|[ivxl]{1,6})\))\s+(?=\S)")
_DOTTED = re.compile(r"^(([0-9]{1,3}(?:\.[0-9]{1,3})*)\.?)\s+(?=\S)")
_HYPHENED = re.compile(r"^(([0-9]{1,3})-)\s+(?=\S)")
_LETTERED = re.compile(r"^(([IVXL]{1,6}|[A-Z]|[a-z])\.)\s+(?=\S)")

_ROMAN = re.compile(r"^(?=[ivxl])(x{0,3}|xl|l)(ix|iv|v?i{0,3})$")
_AMBIGUOUS = frozenset("ivx")

_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre"
    .split()
)
_QUANTITIES = frozenset(
    "per percent % million millions billion billions thousand pour por cent mil millones milliards".split()
)
_TERMINAL = (".", ";", ":", ",", "!", "?", "»", '"', "”")


def roman_value(numeral: str) -> int | None:
    """Return the value of a Roman numeral up to 89 ("iv" → 4, "XII" → 12), or ``None`` if it is not one."""
    lower = numeral.lower()
    if not _ROMAN.match(lower):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50}
    total = 0
    for i, char in enumerate(lower):
        value = values[char]
        following = values[lower[i + 1]] if i + 1 < len(lower) else 0
        total += -value if value < following else value
    return total


def looks_like_heading_text(text: str) -> bool:
    """Tell whether text reads as a heading: short, starting with a capital, not ending like a sentence."""
    words = text.split()
    return 0 < len(words) <= 14 and len(text) <= 120 and not text.endswith(_TERMINAL) and text[:1].isupper()


class LabelReader:
    """Reads the labels of a document's blocks in order, remembering the last label of each form.

    The memory decides between letters and Roman numerals ("(i)" after "(h)") and accepts a capital-letter
    label in running text only when it continues a sequence. Use one reader per document.
    """

    def __init__(self) -> None:
        self._last: dict[str, Label] = {}

    def split(self, text: str, *, heading: bool = False) -> tuple[Label | None, str]:
        """Split the leading label off a block's text.

        Args:
            text: Normalised block text.
            heading: Whether the format says the block is a heading or list item (capital-letter labels are
                then accepted without further evidence).

        Returns:
            The label (or ``None``) and the text without it.
        """
        found = _match(text)
        if found is None:
            return None, text
        printed, core, form = found
        rest = text[len(printed) :].strip()
        label = self._resolve(printed, core, form)
        if label is None or not self._plausible(label, rest, heading=heading):
            return None, text
        self._remember(label)
        return label, rest

    def parse(self, printed: str) -> Label:
        """Parse a label the format generated apart from the text (Word auto-numbering).

        A label that fits no known form is kept as printed, with style ``OTHER`` and its punctuation stripped
        for ``number``.
        """
        printed = printed.strip()
        found = _match(printed + " x")
        label = self._resolve(*found) if found is not None and found[0] == printed else None
        if label is None:
            return Label(printed, printed.strip("().-: ") or None, LabelStyle.OTHER, "other")
        self._remember(label)
        return label

    def _resolve(self, printed: str, core: str, form: str) -> Label | None:
        if form == "bullet":
            return Label(printed, None, LabelStyle.BULLET, form)
        if core.isdigit():
            return Label(printed, core, LabelStyle.DECIMAL, form)
        if "." in core or (core[0].isdigit()):
            return Label(printed, core, LabelStyle.OUTLINE, form)
        style = self._letter_or_roman(core, form)
        return None if style is None else Label(printed, core, style, form)

    def _letter_or_roman(self, core: str, form: str) -> LabelStyle | None:
        upper = core.isupper()
        roman = roman_value(core)
        if len(core) > 1:
            if roman is None:
                # "aa", "bb": letters past "z" in long lists; any other pair is a word, not a label.
                return LabelStyle.LOWER_LETTER if core == core[0] * 2 and not upper else None
            return LabelStyle.UPPER_ROMAN if upper else LabelStyle.LOWER_ROMAN
        letter = LabelStyle.UPPER_LETTER if upper else LabelStyle.LOWER_LETTER
        if core.lower() not in _AMBIGUOUS:
            return letter
        previous = self._last.get(_memory_key(form, core))
        if previous is not None and previous.number is not None and len(previous.number) == 1:
            if previous.style in (LabelStyle.UPPER_LETTER, LabelStyle.LOWER_LETTER):
                if ord(previous.number) + 1 == ord(core):
                    return letter
        roman_style = LabelStyle.UPPER_ROMAN if upper else LabelStyle.LOWER_ROMAN
        if core.lower() == "i":
            return roman_style
        if previous is not None and previous.style is roman_style and previous.number is not None:
            if (roman_value(previous.number) or 0) + 1 == roman:
                return roman_style
        return letter

    def _plausible(self, label: Label, rest: str, *, heading: bool) -> bool:
        first = rest.split(maxsplit=1)[0].lower().rstrip(".,;:")
        if label.style in (LabelStyle.DECIMAL, LabelStyle.OUTLINE) and label.form in ("x.", "x", "x-"):
            if first in _QUANTITIES or (first in _MONTHS and label.style is LabelStyle.DECIMAL):
                return False
        if label.style is not LabelStyle.UPPER_LETTER or label.form != "x." or heading:
            return True
        if re.match(r"^[A-Z]\.\s", rest):  # "J. A. Smith": a run of initials
            return False
        previous = self._last.get(_memory_key(label.form, label.number or ""))
        continues = (
            previous is not None
            and previous.style is LabelStyle.UPPER_LETTER
            and previous.number is not None
            and ord(previous.number) + 1 == ord(label.number or "")
        )
        return continues or looks_like_heading_text(rest)

    def _remember(self, label: Label) -> None:
        if label.number is not None:
            self._last[_memory_key(label.form, label.number)] = label


def _memory_key(form: str, number: str) -> str:
    """Key under which the last label of a list is remembered: its form and whether it counts in digits,
    capitals or small letters ("12." and "A." share a form but not a list)."""
    case = "digit" if number[:1].isdigit() else "upper" if number.isupper() else "lower"
    return f"{form}:{case}"


def _match(text: str) -> tuple[str, str, str] | None:
    """Find a leading label: (printed label, its core, its form), or ``None``."""
    m = _BULLET.match(text)
    if m:
        return m.group(1), m.group(1), "bullet"
    for pattern, form in ((_BRACKETED, "(x)"), (_CLOSING, "x)"), (_HYPHENED, "x-"), (_LETTERED, "x.")):
        m = pattern.match(text)
        if m:
            return m.group(1), m.group(2), form
    m = _DOTTED.match(text)
    if m:
        printed, core = m.group(1), m.group(2)
        if printed.endswith(".") or "." in core:
            return printed, core, "x." if printed.endswith(".") else "x"
    return None
