"""The fixed wording of resolutions: how preambular and operative paragraphs open, in English, French and
Spanish.

Preambular paragraphs open with a participle or an adjective phrase (*Recalling*, *Gravely concerned*, *Guided
by*); operative paragraphs open with a verb in the present tense, perhaps after an adverb (*Also requests*,
*Strongly condemns*, *Calls upon*). French and Spanish texts put the adverb after the verb (*Prie également*,
*Solicita también*). :func:`operative_verb` reads the opening verb phrase and reduces it to an English key, so
that "Prie", "Solicita" and "Also requests" all count as ``"requests"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PREAMBLE_WORDS_EN = (
    "Recalling",
    "Reaffirming",
    "Reiterating",
    "Guided",
    "Concerned",
    "Alarmed",
    "Welcoming",
    "Noting",
    "Taking",
    "Bearing",
    "Keeping",
    "Acknowledging",
    "Recognizing",
    "Recognising",
    "Stressing",
    "Emphasizing",
    "Emphasising",
    "Underlining",
    "Underscoring",
    "Highlighting",
    "Affirming",
    "Convinced",
    "Conscious",
    "Aware",
    "Mindful",
    "Cognizant",
    "Considering",
    "Having",
    "Expressing",
    "Deploring",
    "Condemning",
    "Commending",
    "Appreciating",
    "Believing",
    "Desiring",
    "Determined",
    "Encouraged",
    "Regretting",
    "Seeking",
    "Viewing",
    "Observing",
    "Realizing",
    "Reflecting",
    "Referring",
    "Pointing",
    "Acting",
    "Confirming",
    "Wishing",
)
_PREAMBLE_WORDS_FR = (
    "Rappelant",
    "Réaffirmant",
    "Réitérant",
    "Guidé",
    "Guidée",
    "Préoccupé",
    "Préoccupée",
    "Alarmé",
    "Alarmée",
    "Se félicitant",
    "Saluant",
    "Notant",
    "Prenant",
    "Ayant",
    "Considérant",
    "Reconnaissant",
    "Soulignant",
    "Insistant",
    "Constatant",
    "Conscient",
    "Consciente",
    "Convaincu",
    "Convaincue",
    "Sachant",
    "Tenant",
    "Accueillant",
    "Affirmant",
    "Déplorant",
    "Condamnant",
    "Exprimant",
)
_PREAMBLE_WORDS_ES = (
    "Recordando",
    "Reafirmando",
    "Reiterando",
    "Guiado",
    "Guiada",
    "Preocupado",
    "Preocupada",
    "Alarmado",
    "Alarmada",
    "Acogiendo",
    "Observando",
    "Tomando",
    "Teniendo",
    "Considerando",
    "Reconociendo",
    "Destacando",
    "Subrayando",
    "Poniendo",
    "Consciente",
    "Convencido",
    "Convencida",
    "Expresando",
    "Afirmando",
    "Celebrando",
    "Deplorando",
    "Condenando",
    "Haciendo",
)
_PREAMBLE_ADVERBS = (
    r"Also|Further|Deeply|Gravely|Seriously|Fully|Firmly|Strongly|Profoundly|Particularly|Greatly|Again"
    r"|Profondément|Gravement|Vivement|Profundamente|Gravemente|Seriamente|Plenamente"
)
_PREAMBLE_WORDS = "|".join((*_PREAMBLE_WORDS_EN, *_PREAMBLE_WORDS_FR, *_PREAMBLE_WORDS_ES))
#: The same words in lower case, as they follow an adverb ("Gravely concerned", "Profondément préoccupé").
_PREAMBLE_WORDS_AFTER = "|".join(
    w[0].lower() + w[1:] for w in (*_PREAMBLE_WORDS_EN, *_PREAMBLE_WORDS_FR, *_PREAMBLE_WORDS_ES)
)
_PREAMBLE_TAIL = (
    r"also|further|by|par|por|in\s+mind|into\s+account|note(?:\s+with\s+(?:appreciation|concern|satisfaction))?"
    r"|with\s+(?:deep\s+|grave\s+|great\s+)?(?:appreciation|concern|satisfaction)|regard\s+to|considered"
    r"|examined|received|adopted|note\s+of|à\s+l['’]esprit|compte|presente|en\s+cuenta|nota|de\s+relieve"
    r"|con\s+beneplácito|avec\s+satisfaction|concerned|alarmed"
)

#: A preambular opening phrase at the start of a text.
PREAMBLE_PHRASE = re.compile(
    rf"^(?:(?:{_PREAMBLE_ADVERBS})\s+(?:{_PREAMBLE_WORDS_AFTER})|(?:{_PREAMBLE_WORDS}))\b"
    rf"(?:\s+(?:{_PREAMBLE_TAIL})\b)*"
)

_ADVERBS_EN = (
    r"Also|Further|Furthermore|Again|Once\s+again|Strongly|Firmly|Urgently|Equally|Likewise|Moreover"
    r"|Additionally|Hereby|Warmly|Unequivocally|Categorically|Emphatically|Deeply|Fully|Solemnly|Finally"
)
_PARTICLES = {
    "calls": r"upon|on",
    "takes": r"note(?:\s+with\s+(?:appreciation|concern|satisfaction))?",
    "draws": r"(?:the\s+)?attention",
    "looks": r"forward",
    "pays": r"tribute",
    "bears": r"in\s+mind",
    "expresses": r"(?:its|deep|grave|serious|profound)(?:\s+(?:deep|grave|serious|profound))?\s+"
    r"(?:concern|appreciation|gratitude|support|regret)",
}
#: The key of a verb followed by its particle ("Calls on" → "calls upon").
_KEYS = {
    "calls": "calls upon",
    "takes": "takes note",
    "draws": "draws attention",
    "looks": "looks forward",
    "pays": "pays tribute",
    "bears": "bears in mind",
}
_EN_VERB = re.compile(rf"^(?P<adv>(?:(?:{_ADVERBS_EN})\s+)*)(?P<verb>[A-Za-z]+s)\b")
_NOT_VERBS = frozenset(
    {"this", "its", "his", "as", "was", "is", "has", "thus", "us", "these", "those", "states"}
)

#: French and Spanish operative verbs → English key.
_VERBS_FR_ES = {
    "prie": "requests",
    "demande": "calls upon",
    "décide": "decides",
    "invite": "invites",
    "engage": "encourages",
    "exhorte": "urges",
    "encourage": "encourages",
    "souligne": "stresses",
    "réaffirme": "reaffirms",
    "condamne": "condemns",
    "recommande": "recommends",
    "exprime": "expresses",
    "se félicite": "welcomes",
    "prend note": "takes note",
    "accueille avec satisfaction": "welcomes",
    "note": "notes",
    "solicita": "requests",
    "pide": "requests",
    "decide": "decides",
    "exhorta": "calls upon",
    "insta": "urges",
    "invita": "invites",
    "alienta": "encourages",
    "reafirma": "reaffirms",
    "condena": "condemns",
    "subraya": "stresses",
    "destaca": "stresses",
    "expresa": "expresses",
    "recomienda": "recommends",
    "observa": "notes",
    "reconoce": "recognizes",
    "acoge con beneplácito": "welcomes",
    "toma nota": "takes note",
}
_FR_ES_VERB = re.compile(
    r"^(?P<verb>" + "|".join(sorted(_VERBS_FR_ES, key=len, reverse=True)) + r")\b"
    r"(?P<adv>(?:\s+(?:également|en\s+outre|aussi|de\s+nouveau|instamment|vivement|encore|también|además"
    r"|asimismo|igualmente|nuevamente|encarecidamente))*)",
    re.IGNORECASE,
)
_FR_WORDS = frozenset(
    {
        "prie",
        "demande",
        "décide",
        "engage",
        "exhorte",
        "souligne",
        "réaffirme",
        "condamne",
        "recommande",
        "exprime",
        "se félicite",
        "prend note",
        "accueille avec satisfaction",
    }
)


@dataclass(frozen=True, slots=True)
class VerbPhrase:
    """The opening verb phrase of an operative paragraph.

    Attributes:
        text: As written ("Also requests", "Calls upon", "Prie également").
        key: English base form, lower case ("requests", "calls upon").
        language: "en", "fr" or "es".
    """

    text: str
    key: str
    language: str


def operative_verb(text: str) -> VerbPhrase | None:
    """The verb phrase an operative paragraph opens with, or ``None`` when it opens with none."""
    m = _FR_ES_VERB.match(text)
    if m and text[:1].isupper():
        verb = m.group("verb").lower()
        language = "fr" if verb in _FR_WORDS or (verb in {"invite", "encourage", "note"}) else "es"
        return VerbPhrase(m.group(0).strip(), _VERBS_FR_ES[verb], language)
    m = _EN_VERB.match(text)
    if not m or not text[:1].isupper():
        return None
    verb = m.group("verb").lower()
    if verb in _NOT_VERBS or len(verb) < 4:
        return None
    end = m.end()
    particle = _PARTICLES.get(verb)
    if particle:
        tail = re.match(rf"\s+(?:{particle})\b", text[end:])
        if tail:
            end += tail.end()
    phrase = " ".join(text[:end].split())
    key = _KEYS.get(verb, verb) if end > m.end() else verb
    return VerbPhrase(phrase, key, "en")


def preamble_phrase(text: str) -> str | None:
    """The participle or adjective phrase a preambular paragraph opens with, or ``None``."""
    m = PREAMBLE_PHRASE.match(text)
    return " ".join(m.group(0).split()) if m else None
