"""The UN masthead: the lines above a document's title that name the organ, the distribution and the agenda.

"United Nations A/HRC/38/18 · General Assembly · Distr.: General · 4 January 2010 · Original: English ·
Human Rights Council · Thirty-eighth session · Agenda item 3". None of these lines is the title or a section
heading, and the words in them do not make a symbol or date "cited": they are the header's furniture.

The builder marks these lines :attr:`~hrdmap.domain.document.BlockKind.MASTHEAD` (:func:`masthead_indices`):
they stay in the document, in order, but are not paragraphs, so that reading, search, tagging and export leave
them out; the symbol, date and title read from them are the document's metadata.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
    "human rights council", "conseil des droits de l'homme", "consejo de derechos humanos", "distr.", "distr:",
    "distr ", "original:", "agenda item", "point de l'ordre du jour", "tema del programa", "advance unedited",
    "advance edited",
)
_ANCHOR = re.compile(r"^(?:united nations|nations unies|naciones unidas)\b|\bdistr\b", re.I)
_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december janvier février "
    "mars avril mai juin juillet août septembre octobre novembre décembre enero febrero marzo abril mayo junio "
    "julio agosto septiembre setiembre octubre noviembre diciembre er de del le and et y to au al "
    "geneva genève ginebra new york nueva".split()
)
_LETTERS = re.compile(r"[^\W\d_]+")
_SYMBOL_FIRST = re.compile(r"^[A-Z]{1,6}(?:/[\w.\-]+){2,}\s*")
# "Twentieth session", "Working Group on the Universal Periodic Review Twentieth session 27 October–…"
_SESSION_LINE = re.compile(
    r"^(?:(?:human rights council|working group on the universal periodic review)\s+)*"
    r"(?:[^\W\d_]+-)?[^\W\d_]+ (?:session|période de sessions|período de sesiones)\b",
    re.I,
)
_COMMITTEE = re.compile(r"^\w+ (?:Committee|Commission|Comité|Comisión)$")
_AGENDA_LAST = re.compile(r"(?:agenda items?|point de l'ordre du jour|tema del programa) [\d, and]+$", re.I)
_MAX_WORDS = 20


def masthead_indices(texts: Sequence[str]) -> set[int]:
    """The masthead lines among the blocks above a UN document's title.

    The masthead names the organ, the distribution, the date, the original language, the session and the
    agenda item ("United Nations A/HRC/38/18", "General Assembly Distr.: General 4 January 2010", "Original:
    English", "Human Rights Council", "Thirty-eighth session 18 June–6 July 2018", "Agenda item 3" and the
    agenda item's title). Nothing is a masthead line unless one of the texts opens like a UN masthead
    ("United Nations", or "Distr." anywhere): a contribution's first paragraph that starts "Human Rights Council
    resolution 22/6 …" is text.

    Args:
        texts: The normalised texts of the blocks above the title, on the first page.

    Returns:
        The indices of the masthead lines.
    """
    if not any(_ANCHOR.search(text) for text in texts):
        return set()
    found: set[int] = set()
    agenda_title = False
    for i, text in enumerate(texts):
        if agenda_title or is_masthead_line(text):
            found.add(i)
            agenda_title = not agenda_title and bool(_AGENDA_LAST.search(text))
    return found


def is_masthead_line(text: str) -> bool:
    """Tell whether a line belongs to the UN masthead (organ, distribution, date, session, agenda item).

    Args:
        text: A normalised line or block.

    Returns:
        True for the lines that open like a masthead line ("United Nations", "General Assembly", "Distr.",
        "Original:", "Human Rights Council", "Agenda item"), lines made only of masthead words ("UNITED",
        "NATIONS A"), the committee ("Fifth Committee"), the session ("Twentieth session", with its dates and
        agenda item), and dates or a place and dates, after the symbol or not ("A/HRC/WG.6/7/SVN/1 3 November
        2009", "Geneva, 8-19 February 2010"); not for lines without letters or over twenty words.
    """
    if len(text.split()) > _MAX_WORDS or not _LETTERS.search(text):
        return False
    lower = text.lower()
    if lower.startswith(_STARTS) or _COMMITTEE.match(text) or _SESSION_LINE.match(text):
        return True
    words = [w.strip(".,:;*") for w in lower.split()]
    return all(w in MASTHEAD_WORDS for w in words if w) or _is_date_line(_SYMBOL_FIRST.sub("", text))


def _is_date_line(text: str) -> bool:
    """A date, a range of dates or a place and dates ("Geneva, 8-19 February 2010"), nothing else."""
    return any(c.isdigit() for c in text) and all(w in _DATE_WORDS for w in _LETTERS.findall(text.lower()))
