"""Clauses of a compound operative paragraph: one per operative verb.

An operative paragraph often joins several decisions: "Decides to convene a high-level meeting …, and requests
the President of the General Assembly to hold consultations …"; "Encourages States to …, invites United Nations
entities to …, and requests the Office to …". Each verb opens a clause with its own addressee, action and due
point, so :func:`clauses` cuts the paragraph where an operative verb follows a comma, a semicolon or "and" (in
French "et", in Spanish "y"), in lower case as it stands inside a sentence ("requests", "also invites", "prie
également", "solicita asimismo").

A cut is kept only where the words after the verb read as a clause of that verb (see :func:`is_clause`): an
addressee then an infinitive for verbs that ask ("requests the Office to …"), "to"/"that" after "decides", "that"
or an article after a verb that states a view. So "to process complaints and requests from States" does not
open a clause ("requests from" names no addressee).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from hrdmap.analyse.resolutions.wording import VerbPhrase, operative_verb

#: Operative verbs that may open a later clause, in lower case, by language (adverbs handled apart).
_VERBS = {
    "en": r"requests|invites|encourages|urges|calls\s+upon|calls\s+on|authorizes|decides|agrees|recommends"
    r"|stresses|emphasizes|reaffirms|welcomes|notes|takes\s+note|expresses|acknowledges|recognizes"
    r"|underlines|condemns|appeals",
    "fr": r"prie|invite|engage|encourage|exhorte|demande|décide|recommande|souligne|réaffirme|se\s+félicite"
    r"|prend\s+note|condamne|exprime",
    "es": r"solicita|pide|invita|alienta|exhorta|insta|decide|recomienda|subraya|destaca|reafirma"
    r"|acoge\s+con\s+beneplácito|toma\s+nota|condena|expresa",
}
_ADVERBS_BEFORE = r"(?:(?:also|further|furthermore|again|once\s+again|strongly|urgently|equally|likewise)\s+)*"
_ADVERBS_AFTER = {
    "fr": r"(?:\s+(?:également|en\s+outre|aussi|de\s+nouveau|instamment|vivement|encore))*",
    "es": r"(?:\s+(?:también|además|asimismo|igualmente|nuevamente|encarecidamente))*",
}
_AND = {"en": "and", "fr": "et", "es": "y"}
_BOUNDARY = {
    language: re.compile(
        rf"(?:[,;]\s*(?:{_AND[language]}\s+)?|\s+{_AND[language]}\s+)"
        rf"(?P<verb>{_ADVERBS_BEFORE if language == 'en' else ''}(?:{verbs})"
        rf"{_ADVERBS_AFTER.get(language, '')})(?=\s)"
    )
    for language, verbs in _VERBS.items()
}
#: Words after which a verb that states a view opens a clause ("stresses that", "welcomes the").
_STATEMENT_NEXT = re.compile(
    r"^(?:that|the|its|their|with|all|a|an|que|qu['’]|le|la|les|l['’]|el|los|las|con|todos|todas)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Clause:
    """One operative verb of a paragraph and the words that follow it, up to the next clause.

    Attributes:
        verb: The verb phrase as written ("Decides", "requests", "also invites", "prie également").
        key: Its English key ("requests", "calls upon").
        language: "en", "fr" or "es".
        rest: The words after the verb phrase, up to the next clause (trailing ", and" removed).
    """

    verb: str
    key: str
    language: str
    rest: str


def clauses(text: str, first: VerbPhrase, is_clause: Callable[[str, str, str], bool]) -> list[Clause]:
    """The clauses of an operative paragraph ``text`` that opens with ``first``.

    Args:
        text: The paragraph's own text, verb included.
        first: The paragraph's opening verb phrase.
        is_clause: ``is_clause(key, language, rest)`` tells whether the words after a later verb read as a
            clause of that verb (the caller knows addressees and infinitives).

    Returns:
        At least one clause (the whole paragraph when it has no later verb).
    """
    body = text[len(first.text) :] if text.startswith(first.text) else text.split(None, 1)[-1]
    cuts: list[tuple[int, int, VerbPhrase]] = []
    for m in _BOUNDARY[first.language].finditer(body):
        if cuts and m.start() < cuts[-1][1]:
            continue
        written = " ".join(m.group("verb").split())
        phrase = operative_verb(written[0].upper() + written[1:])
        if phrase is None:
            continue
        after = body[m.end() :].strip()
        if _opens_clause(phrase.key, first.language, after, is_clause):
            cuts.append((m.start(), m.end(), VerbPhrase(written, phrase.key, first.language)))
    out: list[Clause] = []
    verb, start = first, 0
    for begin, end, phrase in cuts:
        out.append(Clause(verb.text, verb.key, first.language, _trimmed(body[start:begin])))
        verb, start = phrase, end
    out.append(Clause(verb.text, verb.key, first.language, _trimmed(body[start:])))
    return out


def _opens_clause(key: str, language: str, after: str, is_clause: Callable[[str, str, str], bool]) -> bool:
    if is_clause(key, language, after):
        return True
    return key not in _ASKING_OR_SELF and bool(_STATEMENT_NEXT.match(after))


_ASKING_OR_SELF = frozenset({"requests", "calls upon", "urges", "invites", "encourages", "authorizes", "decides",
                             "agrees"})


def _trimmed(text: str) -> str:
    return re.sub(r"(?:[,;]\s*)?(?:\b(?:and|et|y)\s*)?$", "", text.strip()).strip()
