"""Render list and paragraph numbers the way word processors and browsers display them.

Word (``w:numFmt``), ODF (``style:num-format``) and HTML (``<ol type>``) name the same few number styles
differently; each extractor maps its names onto :class:`NumberStyle` and calls :func:`format_number`.
"""

from __future__ import annotations

from enum import StrEnum


class NumberStyle(StrEnum):
    """How a counter is shown."""

    DECIMAL = "decimal"
    DECIMAL_ZERO = "decimalZero"
    LOWER_LETTER = "lowerLetter"
    UPPER_LETTER = "upperLetter"
    LOWER_ROMAN = "lowerRoman"
    UPPER_ROMAN = "upperRoman"
    NONE = "none"


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def format_number(value: int, style: NumberStyle) -> str:
    """Show ``value`` in ``style``: 4 → "4", "04", "d", "D", "iv", "IV" or "".

    Letters repeat past z the way Word and ODF do (27 → "aa", 28 → "bb"); values below 1 fall back to decimal
    where a style cannot show them.
    """
    if style is NumberStyle.NONE:
        return ""
    if style is NumberStyle.DECIMAL_ZERO:
        return f"{value:02d}"
    if value < 1 or style is NumberStyle.DECIMAL:
        return str(value)
    if style in (NumberStyle.LOWER_LETTER, NumberStyle.UPPER_LETTER):
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters if style is NumberStyle.LOWER_LETTER else letters.upper()
    roman = _to_roman(value)
    return roman if style is NumberStyle.LOWER_ROMAN else roman.upper()


def _to_roman(value: int) -> str:
    parts: list[str] = []
    for amount, symbol in _ROMAN:
        count, value = divmod(value, amount)
        parts.append(symbol * count)
    return "".join(parts)
