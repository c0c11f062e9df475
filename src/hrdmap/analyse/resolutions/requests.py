"""Requests: who an operative paragraph asks to do what, for which body, by when, how often.

An operative paragraph makes a request when its verb asks someone to act: *Requests*, *Calls upon*, *Urges*,
*Invites*, *Encourages* (and their French and Spanish forms), followed by the addressee and an infinitive
("Requests the Secretary-General, in consultation with States, to submit …"). *Decides to …* and *Agrees to …*
are requests the body makes of itself; *Decides that …* states a rule and is not one. When the paragraph ends
with a colon and its sub-paragraphs open with "To …" ("Calls upon States: (a) To …"), each sub-paragraph is a
request of its own. Paragraphs that name several known addressees ("the Secretary-General and the High
Commissioner") give one request per addressee. A compound paragraph ("Decides to …, and requests the President
of the General Assembly to …"; "Encourages States to …, invites … to …, and requests the Office to …") gives one
request per asking verb, each with its own addressee, action and due point
(:mod:`hrdmap.analyse.resolutions.clauses`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hrdmap.analyse.resolutions import addressees
from hrdmap.analyse.resolutions.clauses import Clause, clauses
from hrdmap.analyse.resolutions.sessions import body_named, find_due_points, find_recurrence
from hrdmap.analyse.resolutions.wording import operative_verb
from hrdmap.domain.mandates import (
    Addressee,
    Body,
    OperativeParagraph,
    ProductKind,
    Request,
    Resolution,
)

#: Verb keys that ask an addressee to act.
ASKING_VERBS = frozenset({"requests", "calls upon", "urges", "invites", "encourages", "authorizes"})
#: Verb keys by which the body gives itself a task ("Decides to …").
SELF_VERBS = frozenset({"decides", "agrees"})

_NOT_INFINITIVE_BEFORE = frozenset(
    {
        "right",
        "rights",
        "view",
        "addition",
        "pursuant",
        "according",
        "due",
        "prior",
        "relating",
        "related",
        "regard",
        "respect",
        "as",
        "contribute",
        "access",
        "attention",
        "commitment",
        "approach",
        "response",
        "reference",
        "contributions",
        "contribution",
        "threats",
        "threat",
        "resistance",
        "subject",
    }
)
_NOT_VERBS = frozenset(
    {
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "all",
        "any",
        "such",
        "each",
        "resolution",
        "paragraph",
        "date",
        "which",
        "whom",
        "what",
        "other",
        "both",
        "member",
        "states",
        "freedom",
        "food",
        "health",
        "education",
        "development",
        "privacy",
        "water",
        "life",
        "housing",
        "los",
        "las",
        "la",
        "el",
        "un",
        "una",
        "todos",
        "todas",
        "sus",
        "les",
        "l",
        "tous",
        *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty"),
    }
)
#: First words that cannot open an addressee ("requests from States", "requests received by the Office").
_NOT_ADDRESSEE_START = frozenset(
    {"from", "for", "of", "by", "on", "in", "with", "made", "received", "submitted", "concerning", "regarding",
     "relating", "which", "that", "de", "du", "des", "para", "por", "del", "en"}
)
_ADDRESSEE_DETERMINERS = frozenset(
    {"the", "all", "relevant", "other", "those", "interested", "concerned", "les", "le", "la", "l", "los", "las",
     "el", "al", "a", "todos", "todas", "tous", "toutes", "aux", "au"}
)
_MARKERS = {
    "en": re.compile(r"(?:,\s*|\s+)to\s+(?P<verb>[a-z][a-z-]*)"),
    "fr": re.compile(r"(?:,\s*|\s+)(?:de\s+|d['’]|à\s+)(?P<verb>[a-zéèêàâîôûç]+(?:er|ir|re|oir))\b"),
    "es": re.compile(r"(?:,\s*|\s+)(?:a\s+que|que|a)\s+(?P<verb>[a-záéíóúñ]+)\b"),
}
_SELF_START = {
    "en": re.compile(r"^(?:also\s+|further\s+)?to\s+(?=[a-z])", re.IGNORECASE),
    "fr": re.compile(r"^(?:de\s+|d['’])(?=[a-zéèêàâîôûç]+(?:er|ir|re|oir)\b)"),
    "es": re.compile(r"^(?=[a-záéíóúñ]+(?:ar|er|ir)\b)"),
}
_WILL = re.compile(
    r"^(?P<who>[A-Z][\w\s’'-]{1,80}?)\s+(?:will|shall)(?:\s*:|\s+(?P<action>[a-z].+))$", re.DOTALL
)
_TO_SUB = re.compile(r"^(?:To|De|D['’]|À|A\s+que|Que)\s+(?=\w)")

_PRODUCTS: tuple[tuple[ProductKind, str], ...] = (
    (ProductKind.HIGH_LEVEL_MEETING, r"high-level\s+(?:plenary\s+)?(?:meeting|event)"),
    (ProductKind.PANEL, r"panel\s+discussions?|\bpanel\b"),
    (ProductKind.COMPILATION, r"compilations?"),
    (ProductKind.ASSESSMENT, r"assessments?"),
    (ProductKind.STUDY, r"stud(?:y|ies)"),
    (ProductKind.UPDATE, r"updates?"),
    (
        ProductKind.CONSULTATION,
        r"(?:hold|convene|conduct|organize|undertake)\s+(?:[\w-]+\s+){0,2}consultations?|to\s+consult",
    ),
    (ProductKind.WORKSHOP, r"workshops?|seminars?|expert\s+meetings?"),
    (
        ProductKind.REPORT,
        r"(?:a|an|the|its|his|her|their|annual|comprehensive|written|final|interim|progress"
        r"|thematic|biennial|further)\s+(?:[\w-]+\s+)?reports?|reports?\s+(?:annually|biennially"
        r"|to\s+the)|to\s+(?:continue\s+to\s+)?report|(?:un\s+)?rapport|(?:un\s+)?informe",
    ),
    (ProductKind.REVIEW, r"to\s+(?:regularly\s+)?review|(?:undertake|conduct|carry\s+out)\s+a\s+review"),
    (ProductKind.ADVICE, r"advice|to\s+advise"),
)
_PRODUCT_RES = tuple((kind, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)) for kind, pattern in _PRODUCTS)
_RECIPIENT = re.compile(
    r"(?<!President of )\b(?:to|before|and|by|for)\s+(?:the\s+)?"
    r"(?P<body>General\s+Assembly|Assembly|Human\s+Rights\s+Council|Economic\s+and\s+Social\s+Council"
    r"|Security\s+Council|Council)\b"
)


def extract_requests(resolution: Resolution) -> list[Request]:
    """Every request a resolution makes, in paragraph order.

    Args:
        resolution: The parsed resolution.

    Returns:
        Requests with addressee, action, recipients, due points, recurrence and product.
    """
    full_text = (
        " ".join(p.text for p in resolution.preamble) + " " + " ".join(p.text for p in resolution.operative)
    )
    rapporteur = addressees.rapporteur_title(full_text)
    found: list[Request] = []
    for paragraph in resolution.operative:
        found.extend(_paragraph_requests(resolution, paragraph, rapporteur))
    return found


def _paragraph_requests(
    resolution: Resolution, paragraph: OperativeParagraph, rapporteur: str | None
) -> Iterator[Request]:
    """The requests of one paragraph, clause by clause ("Decides to …, and requests the President … to …")."""
    verb = operative_verb(paragraph.text)
    if verb is None:
        return
    found = clauses(paragraph.text, verb, _is_request_clause)
    for index, clause in enumerate(found):
        last = index == len(found) - 1
        yield from _clause_requests(resolution, paragraph, clause, rapporteur, last)


def _is_request_clause(key: str, language: str, rest: str) -> bool:
    """Whether ``rest`` reads as a request of verb ``key``: an addressee then an infinitive, or "to" after a
    verb by which the body gives itself a task."""
    if key in SELF_VERBS:
        return _SELF_START[language].match(rest) is not None
    if key not in ASKING_VERBS:
        return False
    split = _split_addressee(rest, language)
    return split is not None and _plausible_addressee(split[0])


def _plausible_addressee(phrase: str) -> bool:
    """An addressee inside a sentence is a short noun phrase that names someone: a known addressee, a name
    ("States", "UNESCO") or a phrase opened by a determiner ("the Office", "all relevant actors"), not "from
    States", "received by the Office" or "consideration of review cycles"."""
    words = phrase.split()
    if not 0 < len(words) <= 16 or words[0].lower() in _NOT_ADDRESSEE_START:
        return False
    return addressees.known_name(phrase) is not None or words[0][0].isupper() or (
        words[0].lower().rstrip("'’") in _ADDRESSEE_DETERMINERS
    )


def _clause_requests(
    resolution: Resolution, paragraph: OperativeParagraph, clause: Clause, rapporteur: str | None, last: bool
) -> Iterator[Request]:
    if clause.key not in ASKING_VERBS | SELF_VERBS:
        return
    rest = clause.rest
    if clause.key in SELF_VERBS:
        start = _SELF_START[clause.language].match(rest)
        if start:
            who = Addressee(resolution.body.value, resolution.body.value)
            yield _request(resolution, paragraph, None, who, rest[start.end() :], verb=clause.verb)
            if last:
                yield from _arrangement_requests(resolution, paragraph, rapporteur)
        return
    split = _split_addressee(rest, clause.language)
    if split is not None:
        phrase, action = split
        for who in addressees.split(phrase, rapporteur):
            yield _request(resolution, paragraph, None, who, action, verb=clause.verb)
    elif last and rest.endswith(":"):
        yield from _sub_requests(resolution, paragraph, rest, rapporteur, clause.verb)


def _sub_requests(
    resolution: Resolution, paragraph: OperativeParagraph, rest: str, rapporteur: str | None, verb: str
) -> Iterator[Request]:
    """Requests made in sub-paragraphs: "Calls upon States: (a) To …; (b) To …"."""
    phrase = re.sub(r"(?:,?\s+to)?\s*:$", "", rest)
    named = addressees.split(phrase, rapporteur)
    for sub in paragraph.subparagraphs:
        opening = _TO_SUB.match(sub.text)
        if opening or rest.endswith(" to:"):
            action = sub.text[opening.end() :] if opening else sub.text
            for who in named:
                yield _request(resolution, paragraph, sub.key, who, action, sub.text, verb=verb)


def _arrangement_requests(
    resolution: Resolution, paragraph: OperativeParagraph, rapporteur: str | None
) -> Iterator[Request]:
    """Tasks a body sets out in the sub-paragraphs of a decision: "(f) The Co-Chairs will provide …"."""
    for sub in paragraph.subparagraphs:
        m = _WILL.match(sub.text)
        action = m.group("action") or "" if m else ""
        if m is None or action.startswith("be "):
            continue
        who = addressees.normalise(m.group("who"), rapporteur)
        if action.endswith(":") or not action:
            for child in sub.children:
                yield _request(resolution, paragraph, f"{sub.key}.{child.key}", who, child.text, child.text)
        else:
            yield _request(resolution, paragraph, sub.key, who, action, sub.text)


def _not_infinitive(before: list[str]) -> bool:
    """Whether the words before "to" make it a preposition ("the right to", "pursuant to"), not an infinitive.

    "High Commissioner for Human Rights to submit" is an infinitive: "Rights" there ends a title.
    """
    last = before[-1].lower().strip(",")
    if last in ("right", "rights"):
        return len(before) < 2 or before[-2].lower() != "human"
    return last in _NOT_INFINITIVE_BEFORE


def _split_addressee(rest: str, language: str) -> tuple[str, str] | None:
    """Split "the Secretary-General, in consultation with States, to submit …" into addressee and action."""
    for m in _MARKERS[language].finditer(rest):
        before = rest[: m.start()].split()
        word = m.group("verb").lower()
        if not before or word in _NOT_VERBS or _not_infinitive(before):
            continue
        if language == "en" and len(word) > 5 and word.endswith("ing"):
            continue
        phrase = rest[: m.start()]
        return phrase.split(",")[0].strip(), rest[m.start("verb") :]
    return None


def _request(
    resolution: Resolution,
    paragraph: OperativeParagraph,
    sub: str | None,
    who: Addressee,
    action: str,
    text: str | None = None,
    verb: str | None = None,
) -> Request:
    action = action.strip().rstrip(";.,:").removesuffix("; and").removesuffix(" and").strip()
    due_points = tuple(find_due_points(action, resolution.body, resolution.session))
    recipients = _recipients(action, resolution.body)
    for point in due_points:
        if point.body is not None and point.body not in recipients:
            recipients = (*recipients, point.body)
    return Request(
        paragraph=paragraph.number,
        subparagraph=sub,
        verb=verb or paragraph.verb,
        addressee=who,
        action=action,
        recipients=recipients,
        due_points=due_points,
        recurrence=find_recurrence(f"to {action}"),
        product=_product(f"to {action}"),
        text=text if text is not None else paragraph.text,
    )


def _recipients(action: str, body: Body) -> tuple[Body, ...]:
    """Bodies the action sends its result to ("report to the General Assembly and the Council")."""
    found: list[Body] = []
    for m in _RECIPIENT.finditer(action):
        named = body_named(m.group("body"), body)
        if named not in found:
            found.append(named)
    return tuple(found)


def _product(action: str) -> ProductKind | None:
    """What the action asks for, the first recognised in the text."""
    hits = [
        (m.start(), i, kind)
        for i, (kind, pattern) in enumerate(_PRODUCT_RES)
        if (m := pattern.search(action))
    ]
    return min(hits)[2] if hits else None
