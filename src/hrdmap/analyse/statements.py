"""The statement-kind tagger: is a passage a practice, a challenge or gap, or a recommendation?

Each kind has cue phrases in English, French and Spanish, each with a strength in (0, 1). A passage's score
for
a kind combines the distinct cues found as independent signals, ``1 - Π(1 - strength)``; a kind is tagged
when its
score reaches :data:`THRESHOLD`. A passage may be several kinds at once ("Despite the law adopted in 2015,
defenders
continue to face threats; the State should …"). Each tag's evidence lists the cues that fired, with their
spans.

Strong cues: "recommends", "calls upon", "urges", an imperative verb opening a numbered UPR recommendation
("98.12. Adopt …") or a recommending State in brackets at the end ("(France);") for recommendations;
"concern",
"continue to face", "lack of", "killed" for challenges; "has established", "provided training", "se creó" for
practices. Weak cues (a past tense alone, a year) only count together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from hrdmap.analyse.base import Passage
from hrdmap.domain.tags import Evidence, EvidenceKind, Tag

FRAMEWORK = "statement-kinds"
THRESHOLD = 0.5

_IMPERATIVES = (
    "Adopt|Ensure|Take|Establish|Consider|Continue|Strengthen|Guarantee|Ratify|Step up|Implement|"
    "Investigate|Repeal|"
    "Amend|Bring|Protect|Promote|Create|Develop|Provide|Accede|Abolish|Prevent|Combat|Intensify|Pursue|"
    "Enact|Review|"
    "Extend|Cooperate|Undertake|Redouble|Increase|Put|Make|Respect|Allow|Release|Eliminate|Remove|Seek|"
    "Set up|Issue|"
    "Recogni[sz]e|Fully|Further|Effectively|Maintain|Facilitate|Raise|Refrain|Carry out|Launch|Conduct|"
    "Speed up|"
    "Submit|Align|Harmoni[sz]e|Incorporate|Finali[sz]e|Lift|Decriminali[sz]e|Criminali[sz]e|Prohibit|Give|"
    "Address|"
    "Reinforce|Support|Expedite|Accelerate|Reform|Revise|Enhance|Improve|Introduce|Intensify|Endeavour|"
    "Endeavor|"
    "Publicly|Systematically|Urgently|Swiftly|Promptly|Take all|Work|Engage|Invite|Accept|Open|Share|"
    "Reconsider|"
    "Strive|Explore|Designate|Allocate|Train|Condemn|Stop|End|Put an end|Desist|Withdraw|Sign|Complete|"
    "Include|"
    "Request|Follow|Consolidate|Adhere|Agree|Respond|Integrate|Use|Call|Reduce|Comply|Focus|Modify|Do|"
    "Thoroughly|"
    "Apply|Adapt|Approve|Elaborate|Identify|Proceed|Involve|Eradicate|Persevere|Start|Envisage|Change|"
    "Expand|Ease|"
    "Regularly|Declare|Fight|Positively|Closely|Design|Accomplish|Progressively|Widely|Grant|Draw|Appeal|"
    "Timely|"
    "Ask|Rapidly|Remain|Prosecute|Better|Set|Keep|Enforce|Educate|Encourage|Punish|Uphold|Sensiti[sz]e|"
    "Monitor|"
    "Evaluate|Assess|Collect|Disseminate|Inform|Reflect|Study|Hold|Avoid|Safeguard|Empower|Mainstream|"
    "Endorse|"
    "Abide|Adjust|Broaden|Build|Clarify|Commit|Define|Deepen|Devote|Enable|Foster|Formulate|Fulfil|Fulfill|"
    "Help|"
    "Initiate|Institutionali[sz]e|Instruct|Invest|Mobili[sz]e|Offer|Pass|Permit|Prioriti[sz]e|Realize|"
    "Redress|"
    "Register|Regulate|Reject|Renew|Report|Restore|Revoke|Scale up|Secure|Simplify|Suspend|Tackle|Translate|"
    "Update|Upgrade|Utili[sz]e|Verify|Immediately|Duly|Actively|Resolutely|Vigorously|Genuinely|Seriously|"
    "Adopter|Veiller|Prendre|Ratifier|Envisager|Poursuivre|Renforcer|Garantir|Mettre|Créer|Assurer|Adhérer|"
    "Abroger|Modifier|Enquêter|Protéger|Intensifier|Redoubler|Élaborer|Elaborer|Lutter|Promouvoir|Faire|"
    "Adoptar|Velar|Garantizar|Ratificar|Considerar|Seguir|Fortalecer|Establecer|Tomar|Aprobar|Redoblar|"
    "Proseguir|"
    "Asegurar|Adherirse|Derogar|Modificar|Investigar|Proteger|Intensificar|Elaborar|Luchar|Promover|"
    "Continuar|"
    "Reforzar|Crear|Poner|Adoptar"
)


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue phrase: its id (shown to reviewers), the kind it signals, its strength and its regex.

    ``triggers`` are lower-case substrings one of which must be in the lower-cased text for the regex to be
    tried
    at all: a cheap pre-filter that keeps the tagger fast (most cues are absent from most paragraphs).
    """

    id: str
    kind: str
    strength: float
    pattern: str
    triggers: tuple[str, ...] = ()


_PAST = (
    r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )\b(?:established|launched|organi[sz]ed|supported|adopted|provided|"
    r"conducted|"
    r"trained|held|published|developed|facilitated|convened|deployed|implemented|carried out|set up|created|"
    r"funded|"
    r"assisted|hosted|undertook|initiated|co-organi[sz]ed|partnered)\b"
)

CUES: tuple[Cue, ...] = (
    # recommendations
    Cue(
        "recommends",
        "recommendation",
        0.9,
        r"\brecommends?\b|\brecommended that\b|\brecommande(?:nt)?\b|\brecomienda(?:n)?\b",
        ("recom",),
    ),
    Cue(
        "recommendation-word",
        "recommendation",
        0.3,
        r"\brecommendations?\b|\brecommandations?\b|\brecomendaci[oó]n(?:es)?\b",
        ("recom",),
    ),
    Cue(
        "should",
        "recommendation",
        0.6,
        r"\bshould\b|\bdevrai(?:t|ent)\b|\bdeber[ií]a(?:n)?\b",
        ("should", "devrai", "deber"),
    ),
    Cue("must", "recommendation", 0.4, r"\bmust\b|\bdoi(?:t|vent)\b|\bdebe(?:n)?\b", ("must", "doi", "debe")),
    Cue(
        "calls-upon",
        "recommendation",
        0.8,
        r"\bcalls? (?:up)?on\b|\bdemande instamment\b|\bprie instamment\b|\bexhorta\b|\bexhorte\b",
        ("call", "instamment", "exhort"),
    ),
    Cue(
        "urges",
        "recommendation",
        0.8,
        r"\burges?\b|\binsta(?:n)?\b|\bengage (?:vivement )?l['’]État\b",
        ("urge", "insta", "engage"),
    ),
    Cue(
        "encourages",
        "recommendation",
        0.6,
        r"\bencourages?\b|\balienta\b|\bencourage\b",
        ("encourag", "alienta"),
    ),
    Cue("invites", "recommendation", 0.4, r"\binvites?\b|\binvita\b", ("invit",)),
    Cue(
        "it-is-necessary",
        "recommendation",
        0.5,
        r"\bit is (?:essential|important|necessary|crucial|vital)\b|\bil convient de\b|\bes (?:esencial|"
        r"necesario|importante)\b",
        ("it is", "convient", "es "),
    ),
    Cue("imperative-start", "recommendation", 0.8, rf"^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:{_IMPERATIVES})\b", ()),
    Cue("recommending-state", "recommendation", 0.6, r"\((?:[A-Z][^()]{2,80})\)\s*[;.]?\s*$", (")",)),
    # challenges and gaps
    Cue(
        "concern",
        "challenge",
        0.7,
        r"\bconcern(?:s|ed|ing)?\b|\bpréoccup\w*|\bpreocupa\w*",
        ("concern", "préoccup", "preocupa"),
    ),
    Cue(
        "regrets",
        "challenge",
        0.7,
        r"\bregrets?\b|\bregrette\b|\blamenta\b|\bdeplores?\b|\bdéplore\b|\bdeplora\b",
        ("regret", "lamenta", "deplor", "déplor"),
    ),
    Cue(
        "lack-of",
        "challenge",
        0.7,
        r"\black of\b|\bmanque de\b|\bfalta de\b|\babsence of\b|\babsence de\b|\bausencia de\b",
        ("lack of", "manque de", "falta de", "absence", "ausencia"),
    ),
    Cue(
        "insufficient",
        "challenge",
        0.6,
        r"\binsufficient\w*|\binadequate\w*|\binsuffisan\w*|\binsuficiente\w*",
        ("insuf", "inadequa"),
    ),
    Cue(
        "gap",
        "challenge",
        0.6,
        r"\bgaps?\b|\blacunes?\b|\blagunas?\b|\bbrechas?\b|\bshortcomings?\b",
        ("gap", "lacune", "laguna", "brecha", "shortcoming"),
    ),
    Cue(
        "continue-to-face",
        "challenge",
        0.8,
        r"\bcontinue[sd]? to (?:face|suffer|be (?:targeted|threatened|attacked|killed|harassed))\b|"
        r"\bcontinuent (?:de|à) (?:faire face|subir)\b|\bsiguen? (?:enfrentando|sufriendo|siendo)\b",
        ("continue", "sigue"),
    ),
    Cue(
        "remains",
        "challenge",
        0.7,
        r"\bremains? (?:a )?(?:challenge|concern|unpunished|limited|weak|problematic)\b|"
        r"\bdemeurent? impunis?\b|\bsiguen? impunes?\b",
        ("remain", "demeure", "impune"),
    ),
    Cue(
        "challenge-word",
        "challenge",
        0.5,
        r"\bchallenges?\b|\bobstacles?\b|\bdéfis?\b|\bdesaf[ií]os?\b|\bretos?\b|\bobst[aá]culos?\b|"
        r"\bdifficult(?:y|ies)\b",
        ("challeng", "obstac", "obstác", "défi", "desaf", "reto", "difficult"),
    ),
    Cue(
        "threats",
        "challenge",
        0.6,
        r"\bthreat(?:s|ened|ening)?\b|\bmenac\w+|\bamenaz\w+",
        ("threat", "menac", "amenaz"),
    ),
    Cue(
        "killed",
        "challenge",
        0.7,
        r"\bkill(?:ed|ing|ings)\b|\bmurder\w*|\bassassin\w+|\btu[ée]s?\b|\basesina\w+",
        ("kill", "murder", "assassin", "tué", "tue", "asesina"),
    ),
    Cue(
        "attacks",
        "challenge",
        0.5,
        r"\battack(?:s|ed)?\b|\bagress\w+|\bagresi\w+|\bataques?\b",
        ("attack", "agres", "ataque"),
    ),
    Cue(
        "harassment",
        "challenge",
        0.6,
        r"\bharass\w*|\bintimidat\w+|\bharcèlement\b|\bhostigamiento\b|\bacoso\b",
        ("harass", "intimidat", "harcèlement", "hostigamiento", "acoso"),
    ),
    Cue(
        "restrictive",
        "challenge",
        0.6,
        r"\brestrictive\b|\brestrictives?\b|\brestrictiv[oa]s?\b|\brestrictions? on\b",
        ("restricti",),
    ),
    Cue("impunity", "challenge", 0.6, r"\bimpunity\b|\bimpunité\b|\bimpunidad\b", ("impuni",)),
    Cue(
        "arbitrary-detention",
        "challenge",
        0.6,
        r"\barbitrar(?:y|ily) (?:arrest\w*|detention|detained)\b|\bdétention arbitraire\b|"
        r"\bdetenci[oó]n arbitraria\b",
        ("arbitrar",),
    ),
    Cue(
        "failure",
        "challenge",
        0.6,
        r"\bfail(?:ed|ure|s)? to\b|\bhas not (?:yet )?been\b|\bhave not (?:yet )?been\b",
        ("fail", "not yet been", "not been"),
    ),
    Cue(
        "reprisals",
        "challenge",
        0.5,
        r"\breprisals?\b|\breprésailles\b|\brepresalias\b|\bstigmati[sz]\w*|\bsmear\b|\bcriminali[sz]ation\b",
        ("reprisal", "représailles", "represalias", "stigmati", "smear", "criminali"),
    ),
    # practices
    Cue(
        "has-done",
        "practice",
        0.8,
        r"\b(?:has|have|had) (?:also )?(?:been )?(?:established|adopted|launched|created|set up|"
        r"organi[sz]ed|supported|provided|developed|conducted|trained|published|implemented|held|"
        r"carried out|undertaken|worked|engaged|facilitated|contributed|partnered|convened|deployed|"
        r"funded|assisted|monitored|initiated)\b",
        ("has ", "have ", "had "),
    ),
    Cue(
        "provided-training",
        "practice",
        0.8,
        r"\bprovided (?:\w+ )?training\b|\btraining (?:was|were) (?:provided|delivered|held)\b|\btrained \d+",
        ("train",),
    ),
    Cue(
        "past-tense",
        "practice",
        0.45,
        _PAST,
        (
            "established",
            "launched",
            "organi",
            "supported",
            "adopted",
            "provided",
            "conducted",
            "trained",
            "held",
            "published",
            "developed",
            "facilitated",
            "convened",
            "deployed",
            "implemented",
            "carried out",
            "set up",
            "created",
            "funded",
            "assisted",
            "hosted",
            "undertook",
            "initiated",
            "partnered",
        ),
    ),
    Cue(
        "is-doing",
        "practice",
        0.6,
        r"\b(?:is|are) (?:currently )?(?:implementing|supporting|working with|providing|developing|"
        r"running)\b|\bcontinues to support\b",
        ("is ", "are ", "continues to support"),
    ),
    Cue(
        "reporting-period",
        "practice",
        0.5,
        r"\bduring the (?:reporting )?period\b|\bpendant la période\b|\bdurante el per[ií]odo\b",
        ("period", "période", "período", "periodo"),
    ),
    Cue(
        "year",
        "practice",
        0.3,
        r"\b(?:[Ii]n|[Ee]n|[Ss]ince|[Dd]epuis|[Dd]esde) (?:19|20)\d\d\b",
        ("19", "20"),
    ),
    Cue(
        "fr-a-fait",
        "practice",
        0.8,
        r"\b(?:a|ont) (?:été )?(?:créée?s?|adoptée?s?|lancée?s?|organisée?s?|mise? en place|fournie?s?|"
        r"élaborée?s?|soutenue?s?|appuyée?s?|formée?s?)\b",
        ("a ", "ont "),
    ),
    Cue(
        "es-ha-hecho",
        "practice",
        0.8,
        r"\b(?:ha|han) (?:sido )?(?:cread[oa]s?|adoptad[oa]s?|lanzad[oa]s?|organizad[oa]s?|establecid[oa]s?|"
        r"brindad[oa]s?|proporcionad[oa]s?|apoyad[oa]s?|capacitad[oa]s?|elaborad[oa]s?|"
        r"implementad[oa]s?)\b|\bse (?:creó|adoptó|estableció|organizó|capacitó|lanzó|brindó)\b",
        ("ha ", "han ", "se "),
    ),
)


_CASE_SENSITIVE = frozenset({"imperative-start", "recommending-state"})


def _evidence(cue: Cue, match: re.Match[str]) -> Evidence:
    detail = {"rule": cue.id, "strength": str(cue.strength)}
    return Evidence(EvidenceKind.RULE, match.group().strip(), match.start(), match.end(), detail)


def _compile(cue: Cue) -> re.Pattern[str]:
    return re.compile(cue.pattern, 0 if cue.id in _CASE_SENSITIVE else re.IGNORECASE)


class StatementKindTagger:
    """Tags practice / challenge / recommendation with the cue phrases as evidence.

    Example::

        StatementKindTagger().tag([Passage(1, "98.12. Adopt a law on defenders (France);")])
        # [[Tag("statement-kinds", "recommendation", 0.92, "statement-kind", (Evidence(RULE, "98.12. Adopt",
        # 0, 12, …), …))]]
    """

    name: ClassVar[str] = "statement-kind"

    def __init__(self, cues: Sequence[Cue] = CUES, threshold: float = THRESHOLD) -> None:
        self._cues = tuple((cue, _compile(cue)) for cue in cues)
        self._threshold = threshold

    def tag(self, passages: Sequence[Passage]) -> list[list[Tag]]:
        """Tags for each passage, in order."""
        return [self.tag_text(p.text) for p in passages]

    def tag_text(self, text: str) -> list[Tag]:
        """Statement-kind tags for one text (none when no kind reaches the threshold)."""
        lowered = text.lower()
        fired: list[tuple[Cue, re.Match[str]]] = []
        for cue, pattern in self._cues:
            if cue.triggers and not any(t in lowered for t in cue.triggers):
                continue
            match = pattern.search(text)
            if match is not None:
                fired.append((cue, match))
        return self._tags(fired)

    def _tags(self, fired: Iterable[tuple[Cue, re.Match[str]]]) -> list[Tag]:
        by_kind: dict[str, list[tuple[Cue, re.Match[str]]]] = {}
        for cue, match in fired:
            by_kind.setdefault(cue.kind, []).append((cue, match))
        tags = []
        for kind, found in sorted(by_kind.items()):
            miss = 1.0
            for cue, _ in found:
                miss *= 1.0 - cue.strength
            score = round(1.0 - miss, 3)
            if score >= self._threshold:
                ranked = sorted(found, key=lambda f: -f[0].strength)
                tags.append(Tag(FRAMEWORK, kind, score, self.name, tuple(_evidence(c, m) for c, m in ranked)))
        return tags
