"""Citations of resolutions in other documents, and which requests a citing paragraph answers.

Reports say what they answer: "The present report is submitted pursuant to General Assembly resolution
72/247", "in accordance with paragraph 17 of resolution 72/247", or, in a footnote, "A/RES/72/247, para. 16".
:func:`find_citations` reads such mentions (symbol, number, named paragraphs, and whether the words around
them say the document responds); :func:`answered_requests` decides which requests of a resolution a citation
answers:

- a citation that names paragraphs answers the requests made in those paragraphs;
- a citation of the whole resolution answers only in responsive words ("pursuant to", "in accordance with",
  "as requested in" …), and then only the requests for a document (a report, a compilation, an assessment, a
  study, an update) of the kind named before the citation, if one is ("the report requested in …"), sent to
  the citing document's body, when that body is known. Words describing an input to the answer ("contribution
  to the assessment requested in …", "call for inputs") are not responsive: a contribution is not the answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from hrdmap.domain.mandates import DOCUMENT_PRODUCTS, Body, Citation, ProductKind, Request, Resolution

_NUM = r"\d{1,4}/(?:[A-Z]{1,4}/)?\d{1,4}"
_SYMBOL = re.compile(
    r"\b(?P<prefix>A/HRC/(?:RES|DEC)|A/(?:RES|DEC)|E/(?:RES|DEC))/(?P<num>(?:\d{1,4}|[A-Z]{1,4})/\d{1,4})(?![\d/])"
)
_NAMED = re.compile(
    r"(?:(?P<body>General\s+Assembly|Assembly|Human\s+Rights\s+Council|Economic\s+and\s+Social\s+Council"
    r"|Council)\s+)?(?P<kind>resolutions?|decisions?)\s+"
    rf"(?P<nums>{_NUM}(?:(?:\s*,\s*|\s*,?\s+and\s+){_NUM})*)(?![\d/])",
    re.IGNORECASE,
)
_PARAS = r"(?P<paras>\d{1,3}(?:\s*\([a-z]\))?(?:\s*(?:,|and|to|-|–)\s*\d{1,3}(?:\s*\([a-z]\))?)*)"
_PARAS_BEFORE = re.compile(
    rf"(?:operative\s+)?(?:paragraphs?|paras?\.)\s+{_PARAS}\s+of\s+(?:the\s+|its\s+)?$"
)
_PARAS_AFTER = re.compile(rf"^\s*,?\s*(?:operative\s+)?(?:paragraphs?|paras?\.)\s+{_PARAS}")
_RESPONSIVE_BEFORE = re.compile(
    r"(?:pursuant\s+to|in\s+accordance\s+with|in\s+response\s+to|as\s+requested\s+(?:by|in)|requested\s+(?:by|in)"
    r"|in\s+compliance\s+with|mandated\s+(?:by|in|under)|submitted\s+under|under\s+the\s+terms\s+of"
    r"|as\s+called\s+for\s+in|called\s+for\s+in|in\s+follow-up\s+to|in\s+line\s+with|under)\s+"
    r"(?:[\w()]+\s+){0,12}$",
    re.IGNORECASE,
)
_RESPONSIVE_AFTER = re.compile(
    r"^\s*,?\s*(?:in|by)\s+which\s+(?:the\s+)?(?:General\s+Assembly|Assembly|Council|Human\s+Rights\s+Council|it)"
    r"\s+(?:requested|asked|invited|called\s+upon|decided)"
    r"|^\s*,\s*(?:the\s+)?(?:General\s+Assembly|Assembly|Human\s+Rights\s+Council|Council)\s+(?:requested|asked|invited)",
    re.IGNORECASE,
)
_INPUT = re.compile(
    r"(?:contribut\w*|inputs?|submissions?)\s+(?:to|for|on)\b|call\s+for\s+inputs|questionnaire",
    re.IGNORECASE,
)
_PRODUCT_NAMED = re.compile(
    r"\b(?P<noun>report|assessment|compilation|study|update)s?\b(?:\s+[\w-]+){0,10}\s*$", re.IGNORECASE
)
_BODY_PREFIX = {
    "A/RES": Body.GA,
    "A/DEC": Body.GA,
    "A/HRC/RES": Body.HRC,
    "A/HRC/DEC": Body.HRC,
    "E/RES": Body.ECOSOC,
    "E/DEC": Body.ECOSOC,
}


def _body(name: str | None) -> Body | None:
    if not name:
        return None
    lowered = " ".join(name.lower().split())
    if "economic" in lowered:
        return Body.ECOSOC
    return Body.GA if "assembly" in lowered else Body.HRC


def symbol_for(body: Body, number: str, kind: str = "resolution") -> str:
    """The symbol of a resolution or decision ("A/RES/72/247", "A/HRC/RES/22/6")."""
    series = "DEC" if kind.startswith("decision") else "RES"
    prefix = {Body.GA: "A", Body.HRC: "A/HRC", Body.ECOSOC: "E", Body.SC: "S"}[body]
    return f"{prefix}/{series}/{number}"


def _paragraphs(text: str, start: int, end: int) -> tuple[int, ...]:
    """Paragraphs named just before ("paragraph 17 of") or just after (", para. 16") a citation."""
    before = _PARAS_BEFORE.search(text[max(0, start - 60) : start])
    after = _PARAS_AFTER.match(text[end : end + 60])
    m = before or after
    if m is None:
        return ()
    numbers = [int(n) for n in re.findall(r"(?<!\()\b\d{1,3}\b(?!\))", m.group("paras"))]
    if re.search(r"\d\s*(?:to|-|–)\s*\d", m.group("paras")) and len(numbers) == 2:
        numbers = list(range(numbers[0], numbers[1] + 1))
    return tuple(numbers)


def _sentence_before(text: str, start: int) -> str:
    return text[max(text.rfind(". ", 0, start) + 1, start - 160, 0) : start]


def _responsive(text: str, start: int, end: int) -> bool:
    """Responsive words around the citation, unless they describe an input ("contribution to")."""
    before = _sentence_before(text, start)
    if _INPUT.search(before):
        return False
    return bool(_RESPONSIVE_BEFORE.search(before) or _RESPONSIVE_AFTER.match(text[end:]))


def _product_named(text: str, start: int) -> ProductKind | None:
    """The document named just before a citation: "the present report, submitted pursuant to …"."""
    m = _PRODUCT_NAMED.search(_sentence_before(text, start))
    return ProductKind(m.group("noun").lower()) if m else None


def _citation(text: str, m: re.Match[str], number: str, body: Body | None, symbol: str | None) -> Citation:
    return Citation(
        symbol=symbol,
        number=number,
        body=body,
        paragraphs=_paragraphs(text, m.start(), m.end()),
        responsive=_responsive(text, m.start(), m.end()),
        text=m.group(0),
        start=m.start(),
        end=m.end(),
        product=_product_named(text, m.start()),
    )


def _symbols(text: str) -> Iterator[Citation]:
    for m in _SYMBOL.finditer(text):
        body = _BODY_PREFIX[m.group("prefix")]
        yield _citation(text, m, m.group("num"), body, f"{m.group('prefix')}/{m.group('num')}")


def _named(text: str) -> Iterator[Citation]:
    for m in _NAMED.finditer(text):
        body = _body(m.group("body"))
        for number in re.findall(_NUM, m.group("nums")):
            symbol = symbol_for(body, number, m.group("kind").lower()) if body else None
            yield _citation(text, m, number, body, symbol)


def find_citations(text: str) -> list[Citation]:
    """Resolutions and decisions a text cites, in order, by symbol or by number.

    Args:
        text: A paragraph or footnote.

    Returns:
        One citation per resolution mentioned ("resolutions 72/247 and 74/146" gives two).
    """
    found = list(_symbols(text))
    covered = [(c.start, c.end) for c in found]
    found += [c for c in _named(text) if not any(s <= c.start < e for s, e in covered)]
    return sorted(found, key=lambda c: c.start)


def cites(citation: Citation, resolution: Resolution) -> bool:
    """Whether a citation is of this resolution: same symbol, or same number (and body, when named)."""
    if citation.symbol is not None and citation.symbol == resolution.symbol:
        return True
    return citation.number == resolution.number and citation.body in (None, resolution.body)


def body_of_symbol(symbol: str | None) -> Body | None:
    """The body a document is addressed to, from its symbol ("A/HRC/38/18" → HRC, "A/73/230" → GA)."""
    if not symbol:
        return None
    if symbol.startswith("A/HRC/"):
        return Body.HRC
    if symbol.startswith("A/"):
        return Body.GA
    return Body.ECOSOC if symbol.startswith("E/") else None


def answered_requests(
    citation: Citation, resolution: Resolution, requests: Sequence[Request], document_body: Body | None
) -> list[tuple[int, str]]:
    """Which requests a citation answers, as ``(index in requests, method)`` pairs.

    Args:
        citation: A citation found in a document.
        resolution: The resolution the requests belong to.
        requests: Its requests.
        document_body: The body the citing document is addressed to, from its symbol, when known.

    Returns:
        ``method`` is "paragraph" when the citation names the paragraph, "symbol" otherwise.
    """
    if not cites(citation, resolution):
        return []
    if citation.paragraphs:
        return [(i, "paragraph") for i, r in enumerate(requests) if r.paragraph in citation.paragraphs]
    if not citation.responsive:
        return []
    return [
        (i, "symbol")
        for i, r in enumerate(requests)
        if r.product in DOCUMENT_PRODUCTS
        and citation.product in (None, r.product)
        and (document_body is None or not r.recipients or document_body in r.recipients)
    ]
