"""Build tracker records: identity keys, addressees as States, and themes from the taggers.

Whatever the source (a stored document, OHCHR's thematic list, a CSV file), a recommendation becomes a
:class:`~hrdmap.domain.tracking.RecommendationRecord` through the same rules, so that the same recommendation met
twice gets the same key and is merged, not doubled:

- **key**: ``SYMBOL|PARAGRAPH`` when the document symbol and the paragraph number are known ("A/HRC/15/8|101.1";
  a second recommendation in the same paragraph adds ``|1``, ``|2`` …); else ``block:ID|N`` for a paragraph of the
  corpus, else ``text:`` and a digest of addressee, symbol and text.
- **addressee**: a State's name becomes its UN short name and ISO3 code; "the State party", "the Government" or
  "the State under review" become the State the document is about (an ISO3 code in its symbol, such as
  ``CAT/C/KEN/CO/2``, or a country named in its title).
- **themes and groups** from the ``framework-keywords`` tagger (direct keyword matches): labels of the
  groups-at-risk framework are affected groups; labels of the other frameworks (statement kinds excepted) are
  themes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence

from hrdmap.analyse.reference import data as gazetteer_data
from hrdmap.analyse.taggers.gazetteer import COUNTRIES, default_matcher
from hrdmap.analyse.taggers.keywords import SCORE_KEYWORD
from hrdmap.domain.document import StoredDocument
from hrdmap.domain.framework import Framework
from hrdmap.domain.recommendations import Recommendation, RecommendationSource
from hrdmap.domain.tags import STATEMENT_KINDS, Tag
from hrdmap.domain.tracking import RecommendationRecord, Response, Term

#: The tagger that gives recommendations their themes and groups.
THEME_TAGGER = "framework-keywords"
#: Framework whose labels are affected groups rather than themes.
GROUPS_FRAMEWORK = "groups-at-risk"
_NOT_THEMES = frozenset({STATEMENT_KINDS})
_STATE_WORDS = re.compile(
    r"^(?:the\s+)?(?:State party|State under review|State|Government|authorities|country)$", re.IGNORECASE
)
_UPR_BODY = "Universal Periodic Review"


def symbol_key(symbol: str, paragraph: str, ordinal: int = 0) -> str:
    """The key of the ``ordinal``-th recommendation of a numbered paragraph of a symbol-bearing document."""
    key = f"{symbol.strip().upper()}|{paragraph.strip()}"
    return f"{key}|{ordinal}" if ordinal else key


def text_key(addressee: str | None, symbol: str | None, text: str) -> str:
    """The key of a recommendation known only by its words (case and spacing do not count)."""
    words = "|".join(" ".join((part or "").lower().split()) for part in (addressee, symbol, text))
    return "text:" + hashlib.sha256(words.encode()).hexdigest()[:20]


def country(text: str | None) -> tuple[str, str] | None:
    """``(UN short name, ISO3)`` when the whole of ``text`` names one State ("Bolivia (Plurinational State of)")."""
    if not text:
        return None
    cleaned = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE).strip(" .;,")
    hits = default_matcher().find(cleaned)
    if len(hits) != 1 or hits[0].start != 0 or hits[0].end != len(cleaned):
        return None
    codes = [label for p in hits[0].phrases for fw, label in p.targets if fw == COUNTRIES]
    if not codes:
        return None
    return gazetteer_data.country_names("en").get(codes[0], codes[0]), codes[0]


def document_state(symbol: str | None, title: str | None) -> tuple[str, str] | None:
    """The State a document is about: an ISO3 part of its symbol ("CAT/C/KEN/CO/2"), else the first country
    named in its title."""
    names = gazetteer_data.country_names("en")
    for part in (symbol or "").upper().split("/"):
        if part in names:
            return names[part], part
    for hit in default_matcher().find(title or ""):
        codes = [label for p in hit.phrases for fw, label in p.targets if fw == COUNTRIES]
        if codes:
            return names.get(codes[0], codes[0]), codes[0]
    return None


def addressee_of(
    written: str | None, *, symbol: str | None, title: str | None, upr: bool = False
) -> tuple[str | None, str | None]:
    """``(addressee, ISO3)`` for an addressee as written, in a document with this symbol and title.

    A State's name is normalised; words standing for the State the document is about are resolved to it (for a
    UPR recommendation with no addressee written, too); anything else ("all States", "OHCHR") is kept as written.
    """
    found = country(written)
    if found:
        return found
    if (written and _STATE_WORDS.match(written.strip())) or (not written and upr):
        state = document_state(symbol, title)
        if state:
            return state
    return (written.strip() if written else None), None


def label_names(frameworks: Mapping[str, Framework]) -> dict[tuple[str, str], str]:
    """``(framework id, label id)`` → the label's English name, for :func:`terms_from_tags`."""
    return {(fw.id, label.id): label.name("en") for fw in frameworks.values() for label in fw.labels}


def terms_from_tags(
    tags: Sequence[Tag], names: Mapping[tuple[str, str], str]
) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    """``(themes, groups)`` from a tagger's tags on a recommendation's text.

    Only direct keyword matches count: the parent labels the keyword tagger adds at a lower score (a group of
    defenders implies "Human rights defenders") would put every recommendation about migrants under defenders.
    """
    themes: list[Term] = []
    groups: list[Term] = []
    for tag in tags:
        if tag.framework in _NOT_THEMES or (tag.framework, tag.label) not in names or tag.score < SCORE_KEYWORD:
            continue
        code = tag.label if tag.label.isupper() else None  # "B" of the eight areas; slugs are not shown
        term = Term(tag.framework, names[(tag.framework, tag.label)], code)
        (groups if tag.framework == GROUPS_FRAMEWORK else themes).append(term)
    return tuple(dict.fromkeys(themes)), tuple(dict.fromkeys(groups))


def extracted_record(
    found: Recommendation,
    document: StoredDocument,
    *,
    block_id: int,
    ordinal: int,
    tags: Sequence[Tag] = (),
    names: Mapping[tuple[str, str], str] | None = None,
) -> RecommendationRecord:
    """The record of a recommendation extracted from paragraph ``block_id`` of a stored document.

    Args:
        found: What the extractor found.
        document: The stored document (the version read).
        block_id: The paragraph's ``blocks.id``.
        ordinal: Its rank among the recommendations found in the same paragraph, from 0.
        tags: The theme tagger's tags on the recommendation's text.
        names: Label names of the frameworks the tags come from (:func:`label_names`); needed with ``tags``.
    """
    upr = found.source is RecommendationSource.UPR
    addressee, iso3 = addressee_of(found.addressee, symbol=document.symbol, title=document.title, upr=upr)
    key = (
        symbol_key(document.symbol, found.number, ordinal)
        if document.symbol and found.number
        else f"block:{block_id}|{ordinal}"
    )
    themes, groups = terms_from_tags(tags, names or {})
    lead = found.number.split(".")[0] if found.number and "." in found.number else None
    response = Response(found.response) if found.response else None
    return RecommendationRecord(
        key=key,
        text=found.text,
        source_kind=found.source,
        body=_UPR_BODY if upr else found.body,
        symbol=document.symbol,
        paragraph=found.number,
        recommending_states=found.recommending_states,
        addressee=addressee,
        addressee_iso3=iso3,
        themes=themes,
        groups=groups,
        response=response,
        response_date=document.date if response else None,
        response_source=f"{document.symbol}, para. {lead}" if response and document.symbol and lead else None,
        document_id=document.id,
        version_id=document.version_id,
        block_id=block_id,
        origin="corpus",
        origin_ref=document.symbol or document.source,
    )
