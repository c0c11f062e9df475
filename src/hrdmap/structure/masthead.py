"""The UN masthead: the lines above a document's title that name the organ, the distribution and the agenda.

"United Nations A/HRC/38/18 · General Assembly · Distr.: General · 4 January 2010 · Original: English ·
Human Rights Council · Thirty-eighth session · Agenda item 3". None of these lines is the title or a section
heading, and the words in them do not make a symbol or date "cited": they are the header's furniture.
"""

from __future__ import annotations

import re

MASTHEAD_WORDS = frozenset(
    "united nations unies naciones unidas general assembly générale assemblée asamblea distr generale "
    "security economic social council conseil consejo sécurité seguridad económico économique et y de des "
    "del restricted limited original english français anglais español inglés a e s".split()
)
"""Words of masthead lines, lower-cased ("A" and "E" are the organ letters of the old masthead)."""

_STARTS = (
    "united nations", "nations unies", "naciones unidas", "general assembly", "assemblée générale",
    "asamblea general", "economic and social council", "conseil économique et social",
    "consejo económico y social", "security council", "conseil de sécurité", "consejo de seguridad",
    "human rights council", "conseil des droits de l'homme", "consejo de derechos humanos", "distr",
    "original:", "agenda item", "point de l'ordre du jour", "tema del programa", "advance unedited",
    "advance edited",
)
_SESSION = re.compile(r"\b(?:session|sesión|période de sessions)$", re.I)


def is_masthead(text: str) -> bool:
    """Tell whether a line belongs to the UN masthead (organ, distribution, session, agenda item).

    Args:
        text: A normalised line or block.

    Returns:
        True for masthead lines, for lines made only of masthead words ("UNITED", "NATIONS A"), and for
        lines without letters.
    """
    lower = text.lower()
    if lower.startswith(_STARTS) or _SESSION.search(lower) or not any(c.isalpha() for c in text):
        return True
    words = [w.strip(".,:;*") for w in lower.split()]
    return all(w in MASTHEAD_WORDS for w in words if w)
