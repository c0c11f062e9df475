"""How the map page shades a count: one blue scale for every table, so that depths compare across them."""

from __future__ import annotations

import math


def shade(count: int, highest: int) -> str:
    """The inline style of a cell: a blue whose depth grows with the square root of its share of the highest."""
    share = math.sqrt(count / highest) if highest else 0.0
    lightness = round(95 - 55 * share)
    colour = "#fff" if lightness < 60 else "#1b1f24"
    return f"background:hsl(205 70% {lightness}%);color:{colour}"
