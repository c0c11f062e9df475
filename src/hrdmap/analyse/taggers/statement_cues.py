"""The cue phrases of the statement-kind tagger (:mod:`hrdmap.analyse.taggers.statements`), as data.

Each :class:`Cue` names a kind (practice, challenge, recommendation), a strength in (0, 1), a regular expression
and the lower-case trigger substrings that must occur before the expression is tried (one Aho-Corasick pass finds
them). The module docstring of :mod:`hrdmap.analyse.taggers.statements` explains how cues combine.
"""

from __future__ import annotations

from dataclasses import dataclass

_IMPERATIVES = (
    "Adopt|Ensure|Take|Establish|Consider|Continue|Strengthen|Guarantee|Ratify|Step up|Implement|Investigate|"
    "Repeal|Amend|Bring|Protect|Promote|Create|Develop|Provide|Accede|Abolish|Prevent|Combat|Intensify|Pursue|"
    "Enact|Review|Extend|Cooperate|Undertake|Redouble|Increase|Put|Make|Respect|Allow|Release|Eliminate|Remove|"
    "Seek|Set up|Issue|Recogni[sz]e|Fully|Further|Effectively|Maintain|Facilitate|Raise|Refrain|Carry out|Launch|"
    "Conduct|Speed up|Fund|Observe|Submit|Align|Harmoni[sz]e|Incorporate|Finali[sz]e|Lift|Decriminali[sz]e|"
    "Criminali[sz]e|Prohibit|Give|Address|Reinforce|Support|Expedite|Accelerate|Reform|Revise|Enhance|Improve|"
    "Introduce|Intensify|Endeavour|Endeavor|Publicly|Systematically|Urgently|Swiftly|Promptly|Take all|Work|"
    "Engage|Invite|Accept|Open|Share|Reconsider|Strive|Explore|Designate|Allocate|Train|Condemn|Stop|End|"
    "Put an end|Desist|Withdraw|Sign|Complete|Include|Request|Follow|Consolidate|Adhere|Agree|Respond|Integrate|"
    "Use|Call|Reduce|Comply|Focus|Modify|Do|Thoroughly|Apply|Adapt|Approve|Elaborate|Identify|Proceed|Involve|"
    "Eradicate|Persevere|Start|Envisage|Change|Expand|Ease|Regularly|Declare|Fight|Positively|Closely|Design|"
    "Accomplish|Progressively|Widely|Grant|Draw|Appeal|Timely|Ask|Rapidly|Remain|Prosecute|Better|Set|Keep|"
    "Enforce|Educate|Encourage|Punish|Uphold|Sensiti[sz]e|Monitor|Evaluate|Assess|Collect|Disseminate|Inform|"
    "Reflect|Study|Hold|Avoid|Safeguard|Empower|Mainstream|Endorse|Abide|Adjust|Broaden|Build|Clarify|Commit|"
    "Define|Deepen|Devote|Enable|Foster|Formulate|Fulfil|Fulfill|Help|Initiate|Institutionali[sz]e|Instruct|"
    "Invest|Mobili[sz]e|Offer|Pass|Permit|Prioriti[sz]e|Realize|Redress|Register|Regulate|Reject|Renew|Report|"
    "Restore|Revoke|Scale up|Secure|Simplify|Suspend|Tackle|Translate|Update|Upgrade|Utili[sz]e|Verify|"
    "Immediately|Duly|Actively|Resolutely|Vigorously|Genuinely|Seriously|Adopter|Veiller|Prendre|Ratifier|"
    "Envisager|Poursuivre|Renforcer|Garantir|Mettre|Créer|Assurer|Adhérer|Abroger|Modifier|Enquêter|Protéger|"
    "Intensifier|Redoubler|Élaborer|Elaborer|Lutter|Promouvoir|Faire|Adoptar|Velar|Garantizar|Ratificar|"
    "Considerar|Seguir|Fortalecer|Establecer|Tomar|Aprobar|Redoblar|Proseguir|Asegurar|Adherirse|Derogar|"
    "Modificar|Investigar|Proteger|Intensificar|Elaborar|Luchar|Promover|Continuar|Reforzar|Crear|Poner|Adoptar"
)


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue phrase: its id (shown to reviewers), the kind it signals, its strength and its regex.

    ``triggers`` are lower-case substrings one of which must be in the lower-cased text (with a leading space)
    for the regex to be tried at all: one Aho-Corasick pass finds them for every cue, which keeps the tagger
    fast (most cues are absent from most paragraphs). A cue without triggers is always tried.
    """

    id: str
    kind: str
    strength: float
    pattern: str
    triggers: tuple[str, ...] = ()


_ACTION_EN = (
    r"established|launched|organi[sz]ed|supported|adopted|provided|conducted|trained|held|published|developed|"
    r"facilitated|convened|deployed|implemented|carried out|set up|created|funded|assisted|hosted|undertook|"
    r"initiated|co-organi[sz]ed|co-hosted|partnered|accompanied|engaged|helped|issued|raised|shared|ratified|"
    r"strengthened|enacted|introduced|signed|obtained|financed|promoted|coordinated|visited|observed|"
    r"contributed|worked|welcomed"
)
#: A past tense alone; not "should be established", "who were supported by", "a shared system" (adjectives).
_PAST = (
    r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bwere )(?<!\bwas )(?<!\ba )(?<!\ban )(?<!\bthe )"
    rf"\b(?:{_ACTION_EN})\b(?! by\b)"
)
_ACTION_TRIGGERS = tuple(verb.split("[")[0] for verb in _ACTION_EN.split("|"))
#: An actor (a capitalised name, "the Office", "we") doing something: "Norway supported", "UNDP helped".
_ACTOR_DID = (
    rf"(?:\b[A-Z][\w-]+|\b[Ww]e)(?: (?:also|jointly|further|then|successfully|together))?(?: and [A-Z][\w-]+)? "
    rf"(?:{_ACTION_EN})\b"
)
_ACTOR_DOES = (
    r"(?:\b[A-Z][\w-]+|\b[Ww]e) (?:also |currently |regularly )?(?:supports|provides|funds|organi[sz]es|"
    r"maintains|receives|trains|works with|cooperates|assists|monitors|runs|hosts|convenes|publishes|attaches|"
    r"support|provide|fund|organi[sz]e|maintain|cooperate)\b(?! (?:that|to)\b)"
)
_FR_DOES = (
    r"\b(?:[A-Z][\w'’-]+(?: [\w'’-]+){0,5}|[Nn]ous) (?:organise|reçoit|effectue|assure|coopère|soutient|appuie|"
    r"forme|finance|publie|accompagne|mène|organisons|soutenons|finançons|menons)\b"
)
_ES_DOES = (
    r"\b(?:[A-Z][\wáéíóúñ-]+(?: [\wáéíóúñ-]+){0,5}) (?:mantiene|recibe|apoya|acompaña|organiza|brinda|coopera|"
    r"financia|da seguimiento|impulsa|promueve)\b"
)
_ES_PRETERITE = (
    r"\b(?:apoy|acompañ|organiz|compart|form|elabor|observ|establec|cre|aprob|capacit|brind|fortalec|lanz|"
    r"adopt|implement|financi|realiz|impuls|promov|desarroll|firm|ratific|ayud|facilit|particip|convoc)"
    r"(?:ó|ió|aron|ieron)\b"
)
_RU_PAST = (
    r"(?:поддержал|оказал|принял|провел|провёл|организовал|создал|учредил|обучил|разработал|внедрил|"
    r"утвердил|ратифицировал|укрепил|содействовал|профинансировал|запустил)\w*"
)
_AR_PAST = (
    r"(?<!أن )(?:^|(?<=\s))و?(?:نظّم|نظم|دعم|درّب|درب|اعتمدت|اعتمد|أنشأت|أنشأ|أطلقت|أطلق|وفّر|نفّذت|نفّذ|"
    r"قدّمت|صادقت|عقدت|عقد)(?=\s)"
)

#: A list item opening with an infinitive: Spanish "Apoyar la creación …", Russian "обеспечить …".
_INFINITIVE_START = (
    r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:[A-ZÁÉÍÓÚ][a-záéíóúñ]+(?:ar|er|ir)(?:se)?|[А-ЯЁа-яё]+(?:ть|ться))\b(?! [A-Z])"
)
#: "States investigate online threats …;": a subject and a bare verb in a list item of recommendations.
_SUBJECT_BASE_VERB = (
    r"^\s*(?:The )?[A-Z][\w-]+(?: [A-Z][\w-]+)* (?:adopt|investigate|include|ensure|establish|provide|"
    r"support|develop|strengthen|take|guarantee|integrate|create|review|consider)\b.*;\s*$"
)


def _t(triggers: str) -> tuple[str, ...]:
    """Triggers written as one string, separated by ``|``."""
    return tuple(triggers.split("|"))


CUES: tuple[Cue, ...] = (
    # recommendations
    Cue(
        "recommends",
        "recommendation",
        0.9,
        r"\brecommends?\b|\brecommended that\b|\brecommande(?:nt)?\b|\brecomienda(?:n)?\b|рекоменду\w+|"
        r"(?:^|(?<=\s))(?:توصي|يوصي|نوصي)\b",
        _t("recom|рекоменд|توصي|يوصي|نوصي"),
    ),
    Cue(
        "recommendation-word",
        "recommendation",
        0.3,
        r"\brecommendations?\b|\brecommandations?\b|\brecomendaci[oó]n(?:es)?\b",
        _t("recom"),
    ),
    Cue(
        "should",
        "recommendation",
        0.6,
        r"\bshould\b|\bdevrai(?:t|ent)\b|\bdeber[ií]a(?:n)?\b",
        _t("should|devrai|deber"),
    ),
    Cue("must", "recommendation", 0.4, r"\bmust\b|\bdoi(?:t|vent)\b|\bdebe(?:n)?\b", _t("must|doi|debe")),
    Cue(
        "calls-upon",
        "recommendation",
        0.8,
        r"\bcalls? (?:up)?on\b|\bdemande instamment\b|\bprie instamment\b|\bexhorta\b|\bexhorte\b",
        _t("call|instamment|exhort"),
    ),
    Cue(
        "urges",
        "recommendation",
        0.8,
        r"\burge[sd]?\b|\binsta(?:n)?\b|\bengage (?:vivement )?l['’]État\b",
        _t("urge|insta|engage"),
    ),
    Cue(
        "encourages",
        "recommendation",
        0.6,
        r"\bencourages?\b|\balienta\b|\bencourage\b",
        _t("encourag|alienta"),
    ),
    Cue("invites", "recommendation", 0.4, r"\binvites?\b|\binvita\b", _t("invit")),
    Cue(
        "it-is-necessary",
        "recommendation",
        0.5,
        r"\bit is (?:essential|important|necessary|crucial|vital)\b|\bil convient de\b|\bes (?:esencial|"
        r"necesario|importante)\b",
        _t("it is|convient| es "),
    ),
    Cue("imperative-start", "recommendation", 0.8, rf"^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:{_IMPERATIVES})\b", ()),
    Cue("infinitive-start", "recommendation", 0.75, _INFINITIVE_START, ()),
    Cue(
        "subjunctive-start",
        "recommendation",
        0.8,
        r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?Que (?:le|la|les|l['’]|el|los|las)\b|"
        r"^\s*أن\s+ت",
        (),
    ),
    Cue("addressee-start", "recommendation", 0.8, r"^\s*(?:À|A|Au|Aux)\b[^,;]{1,150}, d(?:e |['’])\w+", ()),
    Cue("subject-base-verb-item", "recommendation", 0.6, _SUBJECT_BASE_VERB, _t(";")),
    Cue("recommending-state", "recommendation", 0.6, r"\((?:[A-Z][^\W\d_A-Z][^()]{1,80})\)\s*[;.]?\s*$", _t(")")),
    # challenges and gaps
    Cue(
        "concern",
        "challenge",
        0.7,
        r"\b(?:is|are|was|were|remains?|deeply|gravely|seriously|particularly|remain|expresse[sd]|raised|with|"
        r"of|a|serious|grave|major|main|growing|great)\s+concern(?:ed|s)?\b|\bconcerns? (?:about|at|over|"
        r"regarding|that)\b|\bconcerned (?:about|at|by|that|over)\b|^\s*concern\b|\bconcern (?:was|is|has)\b|"
        r"\bpréoccup\w*|\bpreocupa\w*|обеспокоен\w*|обеспокоенност\w*|(?:^|(?<=\s))(?:قلق|قلقها|قلقه)\b|"
        r"\balarmed\b|\bdismayed\b",
        _t("concern|préoccup|preocupa|обеспокоен|قلق|alarmed|dismayed"),
    ),
    Cue(
        "persisting",
        "challenge",
        0.7,
        r"\bremains? (?:fragile|slow|the exception|unknown|short-term|insufficient|rare)\b|\bpersist(?:s|ed|en|e)?\b|"
        r"\bsiguen? expuest[oa]s\b|\brestent les plus exposés\b|\bparticularly exposed\b|\bse heurte\b|"
        r"لا (?:يزال|تزال|يزالون)|остает\w* (?:\w+ )?(?:краткосрочн|нестабильн|низк|слаб)\w*|"
        r"\bunder-resourced\b|\bburdensome\b|\brarely (?:lead|result|opened|identified|investigated)\b|"
        r"\baboutissent rarement\b|\brarement identifiés\b|\bcannot (?:reach|access)\b|\bdo(?:es)? not have\b|"
        r"\bne dispose (?:pas|d['’]aucun)\b|\bno conocen\b|\blacks?\b",
        _t("remain|persist|expuest|exposé|exposed|heurte|يزال|تزال|остает|under-res|burdensome|rarely|rarement")
        + _t("cannot|not have|dispose|no conocen|lack"),
    ),
    Cue(
        "face",
        "challenge",
        0.7,
        r"\bfaces? (?:\w+ ){0,2}(?:threats|risks|obstacles|attacks|reprisals|harassment|intimidation)\b|"
        r"\bface (?:gender-specific|serious|increasing)\b|сталкива\w+|يواجه\w*|(?:^|(?<=\s))و?يعاني|"
        r"\bfont l['’]objet de (?:poursuites|menaces|représailles)\b|\bcraignent\b|\btemen\b",
        _t("face|сталкива|يواجه|يعاني|font l|craign|temen"),
    ),
    Cue(
        "persecution",
        "challenge",
        0.6,
        r"\bdetained without\b|\bquestioned by (?:the )?police\b|\bdenunciad[oa]s penalmente\b|"
        r"\bprosecut(?:e|ed|ion of) (?:online|peaceful|defenders|journalists)\b|преследовани\w*|угроз\w*|"
        r"تهديد\w*|الاعتداءات|\bstopped (?:functioning|working)\b|\blapsed\b|\bcriminalización\b",
        _t("detained|questioned|denunciad|prosecut|преслед|угроз|تهديد|الاعتداءات|stopped|lapsed|criminaliz"),
    ),
    Cue(
        "regrets",
        "challenge",
        0.7,
        r"\bregrets?\b|\bregrette\b|\blamenta\b|\bdeplores?\b|\bdéplore\b|\bdeplora\b",
        _t("regret|lamenta|deplor|déplor"),
    ),
    Cue(
        "lack-of",
        "challenge",
        0.7,
        r"\black of\b|\bmanque de\b|\bfalta de\b|\babsence of\b|\babsence de\b|\bausencia de\b",
        _t("lack of|manque de|falta de|absence|ausencia"),
    ),
    Cue(
        "insufficient",
        "challenge",
        0.6,
        r"\binsufficient\w*|\binadequate\w*|\binsuffisan\w*|\binsuficiente\w*",
        _t("insuf|inadequa"),
    ),
    Cue(
        "gap",
        "challenge",
        0.6,
        r"\bgaps?\b|\blacunes?\b|\blagunas?\b|\bbrechas?\b|\bshortcomings?\b",
        _t("gap|lacune|laguna|brecha|shortcoming"),
    ),
    Cue(
        "continue-to-face",
        "challenge",
        0.8,
        r"\bcontinue[sd]? to (?:face|suffer|be (?:targeted|threatened|attacked|killed|harassed))\b|"
        r"\bcontinuent (?:de|à) (?:faire face|subir)\b|\bsiguen? (?:enfrentando|sufriendo|siendo)\b",
        _t("continue|sigue"),
    ),
    Cue(
        "remains",
        "challenge",
        0.7,
        r"\bremains? (?:a )?(?:challenge|concern|unpunished|limited|weak|problematic)\b|"
        r"\bdemeurent? impunis?\b|\bsiguen? impunes?\b",
        _t("remain|demeure|impune"),
    ),
    Cue(
        "challenge-word",
        "challenge",
        0.5,
        r"\bchallenges?\b|\bobstacles?\b|\bdéfis?\b|\bdesaf[ií]os?\b|\bretos?\b|\bobst[aá]culos?\b|"
        r"\bdifficult(?:y|ies)\b",
        _t("challeng|obstac|obstác|défi|desaf|reto|difficult"),
    ),
    Cue(
        "threats",
        "challenge",
        0.6,
        r"\bthreat(?:s|ened|ening)?\b|\bmenac\w+|\bamenaz\w+",
        _t("threat|menac|amenaz"),
    ),
    Cue(
        "killed",
        "challenge",
        0.7,
        r"\bkill(?:ed|ing|ings)\b|\bmurder\w*|\bassassin\w+|\btu[ée]s?\b|\basesina\w+",
        _t("kill|murder|assassin|tué|tue|asesina"),
    ),
    Cue(
        "attacks",
        "challenge",
        0.5,
        r"\battack(?:s|ed)?\b|\bagress\w+|\bagresi\w+|\bataques?\b",
        _t("attack|agres|ataque"),
    ),
    Cue(
        "harassment",
        "challenge",
        0.6,
        r"\bharass\w*|\bintimidat\w+|\bharcèlement\b|\bhostigamiento\b|\bacoso\b",
        _t("harass|intimidat|harcèlement|hostigamiento|acoso"),
    ),
    Cue(
        "restrictive",
        "challenge",
        0.6,
        r"\brestrictive\b|\brestrictives?\b|\brestrictiv[oa]s?\b|\brestrictions? on\b",
        _t("restricti"),
    ),
    Cue("impunity", "challenge", 0.6, r"\bimpunity\b|\bimpunité\b|\bimpunidad\b", _t("impuni")),
    Cue(
        "arbitrary-detention",
        "challenge",
        0.6,
        r"\barbitrar(?:y|ily) (?:arrest\w*|detention|detained)\b|\bdétention arbitraire\b|"
        r"\bdetenci[oó]n arbitraria\b",
        _t("arbitrar"),
    ),
    Cue(
        "failure",
        "challenge",
        0.6,
        r"\bfail(?:ed|ure|s)? to\b|\bhas not (?:yet )?been\b|\bhave not (?:yet )?been\b",
        _t("fail|not yet been|not been"),
    ),
    Cue(
        "reprisals",
        "challenge",
        0.5,
        r"\breprisals?\b|\breprésailles\b|\brepresalias\b|\bstigmati[sz]\w*|\bsmear\b|\bcriminali[sz]ation\b",
        _t("reprisal|représailles|represalias|stigmati|smear|criminali"),
    ),
    # practices
    Cue(
        "has-done",
        "practice",
        0.8,
        r"(?<!\bnot )\b(?:has|have|had) (?:also |recently |successfully )?(?:been )?(?:established|adopted|"
        r"launched|created|set up|organi[sz]ed|supported|provided|developed|conducted|trained|published|"
        r"implemented|held|carried out|undertaken|worked|engaged|facilitated|contributed|partnered|convened|"
        r"deployed|funded|assisted|monitored|initiated|strengthened|ratified|enacted|introduced|signed|"
        r"accompanied|helped|issued|shared|financed|promoted|entered into force)\b",
        _t("has |have |had "),
    ),
    Cue(
        "provided-training",
        "practice",
        0.8,
        r"\bprovided (?:\w+ )?training\b|\btraining (?:was|were) (?:provided|delivered|held)\b|\btrained \d+",
        _t("train"),
    ),
    Cue("actor-did", "practice", 0.75, _ACTOR_DID, _ACTION_TRIGGERS),
    Cue("past-tense", "practice", 0.5, _PAST, _ACTION_TRIGGERS),
    Cue(
        "actor-does",
        "practice",
        0.6,
        _ACTOR_DOES,
        _t("support|provide|fund|organi|maintain|receive|train|work|cooperat|assist|monitor|run|host|convene")
        + _t("publish|attach"),
    ),
    Cue(
        "is-doing",
        "practice",
        0.6,
        r"\b(?:is|are) (?:currently )?(?:implementing|supporting|working with|providing|developing|"
        r"running)\b|\bcontinues to support\b",
        _t("is |are |continues to support"),
    ),
    Cue(
        "welcomes-adoption",
        "practice",
        0.7,
        r"\bwelcomes? the (?:adoption|establishment|creation)\b|"
        r"\bsalue l['’](?:adoption|établissement|création)\b|\bacoge con (?:beneplácito|satisfacción)\b",
        _t("welcome|salue|acoge"),
    ),
    Cue(
        "reporting-period",
        "practice",
        0.5,
        r"\bduring the (?:reporting )?period\b|\bpendant la période\b|\bdurante el per[ií]odo\b",
        _t("period|période|período|periodo"),
    ),
    Cue(
        "year",
        "practice",
        0.3,
        r"\b(?:[Ii]n|[Ee]n|[Ss]ince|[Dd]epuis|[Dd]esde) (?:19|20)\d\d\b",
        _t("19|20"),
    ),
    Cue(
        "fr-a-fait",
        "practice",
        0.8,
        r"\b(?:a|ont|avons|ai) (?:\w+ )?(?:été )?(?:créée?s?|adoptée?s?|lancée?s?|organisée?s?|mise? en place|"
        r"fournie?s?|élaborée?s?|soutenue?s?|appuyée?s?|formée?s?|formé|partagé|obtenu|bénéficié|tenu|"
        r"reçu|ratifiée?s?|renforcée?s?|associée?s?|accompagnée?s?|financée?s?|signée?s?|menée?s?)\b",
        _t(" a | ont | avons | ai "),
    ),
    Cue(
        "fr-does",
        "practice",
        0.6,
        _FR_DOES,
        _t("organis|reçoit|effectue|assure|coopère|soutien|appui|forme|financ|publie|accompagne|mène|menons"),
    ),
    Cue(
        "es-ha-hecho",
        "practice",
        0.8,
        r"(?<!\bno )\b(?:ha|han|hemos|he) (?:sido )?(?:cread[oa]s?|adoptad[oa]s?|lanzad[oa]s?|organizad[oa]s?|"
        r"establecid[oa]s?|brindad[oa]s?|proporcionad[oa]s?|apoyad[oa]s?|capacitad[oa]s?|elaborad[oa]s?|"
        r"implementad[oa]s?|fortalecid[oa]s?|aprobad[oa]s?|ratificad[oa]s?|impulsad[oa]s?|firmad[oa]s?|"
        r"financiad[oa]s?|promovid[oa]s?|desarrollad[oa]s?)\b|\bse (?:creó|adoptó|estableció|organizó|"
        r"capacitó|lanzó|brindó|aprobó|firmó|ratificó|fortaleció|realizó)\b",
        _t(" ha | han | hemos | he | se "),
    ),
    Cue("es-preterite", "practice", 0.7, _ES_PRETERITE, _t("ó|aron|ieron")),
    Cue(
        "es-does",
        "practice",
        0.6,
        _ES_DOES,
        _t("mantiene|recibe|apoya|acompaña|organiza|brinda|coopera|financia|seguimiento|impulsa|promueve"),
    ),
    Cue(
        "ru-past",
        "practice",
        0.7,
        _RU_PAST,
        _t("подд|оказ|прин|пров|орган|созд|учред|обуч|разраб|внедр|утверд|ратиф|укреп|содейств|запуст"),
    ),
    Cue(
        "ar-past",
        "practice",
        0.7,
        _AR_PAST,
        _t("نظ|دعم|درب|درّب|اعتمد|أنشأ|أطلق|وفّر|نفّذ|قدّم|صادق|عقد"),
    ),
)

#: Cues that make a passage a recommendation item and nothing else: the problem a recommendation names
#: ("investigate all allegations of reprisals") is not a finding of the contribution.
OPENINGS = frozenset(
    {
        "imperative-start",
        "infinitive-start",
        "subjunctive-start",
        "addressee-start",
        "subject-base-verb-item",
        "recommending-state",
    }
)
#: Cues matched with case: the openings read the capital that starts an item ("Adopt", "(France)"), and the
#: actor cues a name's capital.
CASE_SENSITIVE = OPENINGS | frozenset(
    {
        "actor-did",
        "actor-does",
        "fr-does",
        "es-does",
    }
)
#: Challenge cues that name a topic rather than a finding: they count only in a sentence with no practice or
#: recommendation cue ("UNDP supported clinics for defenders facing harassment" is a practice).
TOPICAL = frozenset(
    {
        "threats",
        "killed",
        "attacks",
        "harassment",
        "restrictive",
        "impunity",
        "arbitrary-detention",
        "reprisals",
        "gap",
        "challenge-word",
        "persecution",
        "insufficient",
    }
)
