"""Text that is not a finding: cover letters, disclaimers, courtesies and signature lines, in the six UN languages.

Contributions arrive wrapped in correspondence: a note verbale's courtesy formulas ("The Permanent Mission …
presents its compliments …", "… avails itself of this opportunity to renew … the assurances of its highest
consideration"), a covering e-mail ("Please find attached our contribution"), a salutation ("Dear colleagues",
"Yours sincerely", "Veuillez agréer", "Atentamente", "С уважением", "وتفضلوا بقبول", "顺致崇高的敬意"), a signature
block ("Jane Doe, Executive Director"), a disclaimer ("All persons named are fictional", "The views expressed
are those of the authors"). Taggers may find a "practice" or a "recommendation" in them ("We recommend that you
contact us"); the draft and the map leave them out. :func:`non_substantive` says which kind a passage is, by
its wording alone (pure, no language model), or ``None`` for text that may carry a finding.
"""

from __future__ import annotations

import re

from hrdmap.domain.report import count_words

COVER_LETTER = "cover letter"
DISCLAIMER = "disclaimer"
COURTESY = "courtesy"
SIGNATURE = "signature"

_FLAGS = re.IGNORECASE | re.UNICODE
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        COVER_LETTER,
        re.compile(
            r"\b(?:I|we|it) (?:have|has) the honou?r to\b|\bpresents? (?:its|their) compliments\b|"
            r"\bplease find (?:attached|enclosed|herewith|below)\b|\battached (?:please find|herewith)\b|"
            r"\b(?:I am|we are) (?:writing|pleased|happy|delighted) to (?:submit|transmit|share|send|forward)\b|"
            r"\bin (?:response|reply) to (?:your|the) (?:note verbale|letter|e-?mail|call)\b.{0,80}\b"
            r"(?:attached|enclosed|herewith|please find|we submit|we are pleased)\b|"
            r"\bj['’]ai l['’]honneur de\b|\ba l['’]honneur de\b|\bprésente(?:nt)? ses compliments\b|"
            r"\bveuillez trouver ci-(?:joint|dessous)\b|\bci-joint(?:e|s)? (?:notre|la|le)\b|"
            r"\btengo el honor de\b|\btiene el honor de\b|\bsaluda (?:muy )?atentamente\b|"
            r"\badjunto (?:encontrará|remito|le envío)\b|"
            r"имею честь|имеет честь|свидетельствует (?:свое|своё) уважение|"
            r"يتشرف|أتشرف|نتشرف|تهدي\s.{0,80}تحياتها|"
            r"荣幸地|谨向.{0,40}致意|随函附上|附上",
            _FLAGS,
        ),
    ),
    (
        COURTESY,
        re.compile(
            r"\bavails? (?:itself|themselves) of this opportunity\b|\bassurances? of (?:its|my|our) (?:highest|high|"
            r"distinguished) consideration\b|\byours (?:sincerely|faithfully|truly)\b|"
            r"^(?:kind|best|warm|with (?:best|kind)) regards\b|^sincerely\b|^dear (?:sir|madam|colleagues?|friends|"
            r"ms\.?|mr\.?|dr\.?)\b|\bto whom it may concern\b|\bplease do not hesitate to contact\b|"
            r"\bthank you (?:for (?:the|this) opportunity|in advance|for your (?:attention|consideration))\b|"
            r"\bsaisit cette occasion pour\b|\bl['’]assurance de (?:sa|ma|notre) (?:très )?haute considération\b|"
            r"\bveuillez agréer\b|\bje vous prie d['’]agréer\b|^cordialement\b|\bsalutations distinguées\b|"
            r"^(?:madame|monsieur)[, ]|^(?:chère|cher)s? (?:madame|monsieur|collègues?)\b|"
            r"\baprovecha (?:la|esta) oportunidad\b|\bseguridades de su (?:más )?(?:alta|distinguida) consideración\b|"
            r"^atentamente\b|^cordialmente\b|\bsaludos cordiales\b|^estimad[oa]s? (?:señor|señora|colegas)\b|"
            r"пользуется (?:этой|случаем|возможностью)|уверения в (?:сво[её]м )?(?:самом )?высоком уважении|"
            r"^с уважением|^уважаем(?:ый|ая|ые)\b|"
            r"تغتنم هذه الفرصة|أسمى آيات|وتفضلوا بقبول|مع (?:خالص )?(?:التحية|التحيات)|"
            r"顺致崇高的敬意|此致|敬礼",
            _FLAGS,
        ),
    ),
    (
        DISCLAIMER,
        re.compile(
            r"\b(?:all |the )?(?:persons|people|names|characters|organi[sz]ations|events|places|data)\b[^.]{0,80}"
            r"\b(?:are|is) (?:entirely |purely |wholly )?(?:fictional|fictitious|invented|imaginary)\b|"
            r"\bthis (?:document|submission|contribution|text|example|file|report) is (?:entirely |purely )?"
            r"(?:fictional|fictitious|invented)\b|\bany resemblance to (?:actual|real)\b|"
            r"\bfor (?:illustration|illustrative|testing|demonstration) purposes only\b|"
            r"\bthe views expressed\b[^.]{0,80}\b(?:are those of|do not necessarily)\b|"
            r"\bthis (?:e-?mail|message)(?: and any attachments?)? (?:is|are|may be) confidential\b|"
            r"\b(?:sont|est) (?:entièrement |purement )?ficti(?:f|fs|ve|ves)\b|"
            r"\b(?:son|es) (?:totalmente )?fictici[oa]s?\b|"
            r"вымышлен|"
            r"خيالي|وهمي|"
            r"虚构",
            _FLAGS,
        ),
    ),
)
_SIGNED = re.compile(r"^\(?(?:signed|firmado|signé|подписано|توقيع|签名)\)?\b", _FLAGS)
_TITLES = re.compile(
    r"\b(?:executive |general |regional |deputy |programme |country )?(?:director|ambassador|permanent representative|"
    r"coordinator|president|chair(?:person)?|secretary(?:-general)?|minister|commissioner|head|officer|"
    r"representative|focal point|founder|directeur|directrice|ambassadeur|représentant(?:e)? permanent(?:e)?|"
    r"présidente?|directora?|embajador(?:a)?|representante permanente|coordinador(?:a)?|директор|посол|"
    r"постоянный представитель|председатель|مدير|سفير|المندوب الدائم|رئيس|主任|大使|常驻代表|主席)\b",
    _FLAGS,
)
_SMALL_WORDS = frozenset(
    "of the and for on to at in a an de du des la le les et y el los las del para por и в по на при".split()
)


def _is_signature(text: str) -> bool:
    """A short line of names and titles: "Jane Doe, Executive Director, East African Defenders Link."."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", text)
    if not words or len(words) > 14:
        return False
    if _SIGNED.match(text.strip()):
        return True
    lowered = [w for w in words if w[0].islower() and w.lower() not in _SMALL_WORDS]
    return not lowered and bool(_TITLES.search(text))


def non_substantive(text: str) -> str | None:
    """Which kind of non-substantive text a passage is (``cover letter``, ``courtesy``, ``disclaimer``,
    ``signature``), or ``None`` when it may carry a finding.

    A formula decides only in a short passage (45 words at most, 60 for a disclaimer): a long paragraph that
    also holds one (a note verbale's whole body in one paragraph) may carry findings and is kept, so only the
    text around a finding is dropped, never the finding.
    """
    stripped = " ".join(text.split())
    if not stripped:
        return None
    if _is_signature(stripped):
        return SIGNATURE
    words = count_words(stripped)  # counted first: most paragraphs are too long for any formula to decide
    for kind, pattern in _PATTERNS:
        if _dominates(words, kind) and pattern.search(stripped):
            return kind
    return None


def _dominates(words: int, kind: str) -> bool:
    """Whether a formula found in a passage of ``words`` words is what the passage is about: short passages."""
    if kind == DISCLAIMER:
        return words <= 60
    return words <= 45
