"""Sessions to dates: when a session of the General Assembly or the Human Rights Council sits.

Resolutions set deadlines by session ("at its seventy-third session") or by rhythm ("annually"). This module
turns such words into dates. The arithmetic follows the bodies' rules of procedure and is approximate: each
body fixes the exact days every year, so ``closes`` is a reasonable upper bound, not a fact.

**General Assembly.** Session *N* opens in September of year ``1945 + N`` (the 73rd session: September 2018 to
September 2019) and closes the day before the next one opens. Under rule 1 of its rules of procedure
(resolution 57/301) it opens on the Tuesday of the third week of September, counting from the first week that
contains at least one working day; from the 78th session (2023) the opening moved one week earlier, to the
Tuesday of the second such week. Before the 57th session the third Tuesday of September is used. The *main
part* runs from the opening to the end of December.

**Human Rights Council.** Sessions 1 to 6 (2006 to 2007) are tabled with their real dates. From session 7
(March 2008) the Council holds three regular sessions a year: session ``7 + 3k`` opens on the last Monday of
February of year ``2008 + k`` (about six weeks), the next on the third Monday of June (about four weeks) and
the next on the second Monday of September (about five weeks). HRC 37 is February–March 2018, 38 June–July
2018, 39 September 2018, 55 February–April 2024.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator

from hrdmap.domain.mandates import Body, DuePoint, Recurrence

_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = (
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TENTHS = (
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
)

ORDINAL_WORDS: dict[str, int] = {
    **{w: i + 1 for i, w in enumerate(_UNITS)},
    **{w: i + 10 for i, w in enumerate(_TEENS)},
    **{w: 20 + 10 * i for i, w in enumerate(_TENTHS)},
    **{f"{t}-{u}": 20 + 10 * i + j + 1 for i, t in enumerate(_TENS) for j, u in enumerate(_UNITS)},
    "hundredth": 100,
}

#: An ordinal in words ("seventy-third") or digits ("73rd"), for use inside larger patterns.
ORDINAL = (
    r"(?:(?:one\s+)?hundred(?:\s+and)?\s+)?"
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\u2010\u2011 ])?"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth"
    r"|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth"
    r"|fiftieth|sixtieth|seventieth|eightieth|ninetieth|hundredth)"
    r"|\d{1,3}(?:st|nd|rd|th)"
)

_HRC_FIRST_SESSIONS: dict[int, tuple[dt.date, dt.date]] = {
    1: (dt.date(2006, 6, 19), dt.date(2006, 6, 30)),
    2: (dt.date(2006, 9, 18), dt.date(2006, 10, 6)),
    3: (dt.date(2006, 11, 29), dt.date(2006, 12, 8)),
    4: (dt.date(2007, 3, 12), dt.date(2007, 3, 30)),
    5: (dt.date(2007, 6, 11), dt.date(2007, 6, 18)),
    6: (dt.date(2007, 9, 10), dt.date(2007, 12, 14)),
}
#: (month, which Monday: -1 = last, length in days) of the three regular sessions of a year, from session 7.
_HRC_SLOTS: tuple[tuple[int, int, int], ...] = ((2, -1, 39), (6, 3, 25), (9, 2, 32))


def ordinal_value(text: str) -> int | None:
    """The number an English ordinal stands for.

    Args:
        text: "seventy-third", "Eighty-first", "73rd", "one hundred and first".

    Returns:
        The number, or ``None`` when the text is not an ordinal.
    """
    words = re.sub(r"[\u2010\u2011 ]+", "-", text.strip().lower())
    digits = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", words)
    if digits:
        return int(digits.group(1))
    hundred = re.match(r"(?:one-)?hundred-(?:and-)?", words)
    if hundred:
        rest = ORDINAL_WORDS.get(words[hundred.end() :])
        return None if rest is None else 100 + rest
    return ORDINAL_WORDS.get(words)


def _monday(year: int, month: int, which: int) -> dt.date:
    """The ``which``-th Monday of a month (1 = first, -1 = last)."""
    mondays = [week[0] for week in calendar.monthcalendar(year, month) if week[0]]
    return dt.date(year, month, mondays[which - 1 if which > 0 else which])


def ga_opening(session: int) -> dt.date:
    """The day a General Assembly session opens (see the module docstring for the rule)."""
    year = 1945 + session
    first = dt.date(year, 9, 1)
    if session < 57:
        return _nth_weekday(first, 1, 3)
    week_start = first - dt.timedelta(days=first.weekday())
    if first.weekday() >= 5:
        week_start += dt.timedelta(days=7)
    week = 2 if session >= 78 else 3
    return week_start + dt.timedelta(days=7 * (week - 1) + 1)


def _nth_weekday(first: dt.date, weekday: int, n: int) -> dt.date:
    """The ``n``-th given weekday (0 = Monday) on or after ``first``."""
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def ga_session_dates(session: int, part: str | None = None) -> tuple[dt.date, dt.date]:
    """Opening and (approximate) closing day of a General Assembly session or of its main part.

    Args:
        session: The session number (73 for the seventy-third).
        part: "main part" for the opening to the end of December; ``None`` for the whole session.

    Raises:
        ValueError: The session number is below 1.
    """
    if session < 1:
        raise ValueError(f"General Assembly session {session}: sessions are numbered from 1")
    opens = ga_opening(session)
    if part == "main part":
        return opens, dt.date(opens.year, 12, 31)
    return opens, ga_opening(session + 1) - dt.timedelta(days=1)


def hrc_session_dates(session: int) -> tuple[dt.date, dt.date]:
    """Opening and (approximate) closing day of a regular session of the Human Rights Council.

    Raises:
        ValueError: The session number is below 1.
    """
    if session < 1:
        raise ValueError(f"Human Rights Council session {session}: sessions are numbered from 1")
    if session in _HRC_FIRST_SESSIONS:
        return _HRC_FIRST_SESSIONS[session]
    year_offset, slot = divmod(session - 7, 3)
    month, which, length = _HRC_SLOTS[slot]
    opens = _monday(2008 + year_offset, month, which)
    return opens, opens + dt.timedelta(days=length)


def session_dates(body: Body, session: int, part: str | None = None) -> tuple[dt.date, dt.date]:
    """Opening and approximate closing day of a session of a body.

    The General Assembly and the Human Rights Council follow the rules above. Other bodies (the Economic and
    Social Council, the Security Council) have no numbered sessions of that kind; their "session" is taken as
    the calendar year ``1945 + session``, the best a deadline check can do without a calendar of their own.

    Raises:
        ValueError: The session number is below 1.
    """
    if body is Body.GA:
        return ga_session_dates(session, part)
    if body is Body.HRC:
        return hrc_session_dates(session)
    if session < 1:
        raise ValueError(f"{body} session {session}: sessions are numbered from 1")
    year = 1945 + session
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def ga_session_on(day: dt.date) -> int:
    """The General Assembly session sitting on a day (the 73rd on 1 March 2019)."""
    session = day.year - 1945
    return session if day >= ga_opening(session) else session - 1


def hrc_session_on_or_after(day: dt.date) -> int:
    """The first Human Rights Council regular session that closes on or after a day."""
    session = 1
    while hrc_session_dates(session)[1] < day:
        session += 1
    return session


def due_point(body: Body, session: int, text: str, part: str | None = None) -> DuePoint:
    """The due point for a session of a body, with its computed dates."""
    opens, closes = session_dates(body, session, part)
    return DuePoint(text=text, body=body, session=session, opens=opens, closes=closes, part=part)


# --- Due points in text -----------------------------------------------------------------------------------

_BODY_NAMES = (
    (r"General\s+Assembly|Assembly|Assemblée\s+générale|Assemblée|Asamblea\s+General|Asamblea", Body.GA),
    (r"Human\s+Rights\s+Council|Conseil\s+des\s+droits\s+de\s+l['’]homme|Consejo\s+de\s+Derechos\s+Humanos",
     Body.HRC),
    (r"Economic\s+and\s+Social\s+Council|Conseil\s+économique\s+et\s+social|Consejo\s+Económico\s+y\s+Social",
     Body.ECOSOC),
    (r"Security\s+Council|Conseil\s+de\s+sécurité|Consejo\s+de\s+Seguridad", Body.SC),
    (r"Council|Conseil|Consejo", None),
)
_BODY = "|".join(pattern for pattern, _ in _BODY_NAMES)
_BODY_RE = re.compile(rf"\b(?:{_BODY})\b")

_SESSION_RE = re.compile(
    rf"\b(?:at|to|during|for|before|by|in|until)\s+(?:the\s+end\s+of\s+)?(?:its|the)\s+"
    rf"(?:(?P<part>main|resumed)\s+part\s+of\s+(?:its|the)\s+)?"
    rf"(?:(?P<ord>{ORDINAL})|(?P<next>next|forthcoming|following))\s+(?:regular\s+)?session"
    rf"(?:\s+of\s+the\s+(?P<body>{_BODY}))?",
    re.IGNORECASE,
)

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTH = "|".join(m for m in calendar.month_name if m)
_DATE_RE = re.compile(
    rf"\b(?:by|before|no\s+later\s+than|not\s+later\s+than|until|on\s+or\s+before)\s+"
    rf"(?:(?P<edge>the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of|mid-?)\s*)?"
    rf"(?:(?P<day>\d{{1,2}})\s+)?(?:(?P<month>{_MONTH})\s+)?(?P<year>(?:19|20)\d\d)\b",
)


def body_named(name: str, default: Body) -> Body:
    """The body a name stands for; a bare "Council" is the default body when that is a council."""
    for pattern, body in _BODY_NAMES:
        if re.fullmatch(pattern, name, re.IGNORECASE):
            if body is not None:
                return body
            return default if default is not Body.GA else Body.HRC
    return default


def _body_before(text: str, end: int, default: Body) -> Body:
    """The body named last in the 120 characters before ``end``, or the default body."""
    start = max(0, end - 120)
    names = list(_BODY_RE.finditer(text, start, end))
    return body_named(names[-1].group(0), default) if names else default


def _calendar_date(m: re.Match[str]) -> dt.date | None:
    year = int(m.group("year"))
    month = _MONTHS.get((m.group("month") or "").lower())
    edge = (m.group("edge") or "").lower()
    if m.group("day") and month:
        try:
            return dt.date(year, month, int(m.group("day")))
        except ValueError:
            return None
    if month is None:
        return dt.date(year, 1, 1) if "beginning" in edge else dt.date(year, 12, 31)
    if "beginning" in edge:
        return dt.date(year, month, 1)
    if "mid" in edge or "middle" in edge:
        return dt.date(year, month, 15)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _date_due_points(text: str) -> Iterator[tuple[int, DuePoint]]:
    for m in _DATE_RE.finditer(text):
        day = _calendar_date(m)
        if day is not None:
            yield m.start(), DuePoint(" ".join(m.group(0).split()), None, None, day, day)


# French and Spanish: "à sa soixante-quinzième session", "en su septuagésimo quinto período de sesiones".
_FR_CARDINALS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20,
    "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100,
}
_FR_ORDINAL_STEMS = {
    "un": 1, "deux": 2, "trois": 3, "quatr": 4, "cinqu": 5, "six": 6, "sept": 7, "huit": 8, "neuv": 9, "dix": 10,
    "onz": 11, "douz": 12, "treiz": 13, "quatorz": 14, "quinz": 15, "seiz": 16, "vingt": 20, "trent": 30,
    "quarant": 40, "cinquant": 50, "soixant": 60, "cent": 100,
}
_ES_ORDINALS = {
    "primer": 1, "primero": 1, "primera": 1, "segundo": 2, "segunda": 2, "tercer": 3, "tercero": 3, "tercera": 3,
    "cuarto": 4, "cuarta": 4, "quinto": 5, "quinta": 5, "sexto": 6, "sexta": 6, "séptimo": 7, "séptima": 7,
    "octavo": 8, "octava": 8, "noveno": 9, "novena": 9, "décimo": 10, "décima": 10, "undécimo": 11,
    "duodécimo": 12, "vigésimo": 20, "vigésima": 20, "trigésimo": 30, "cuadragésimo": 40, "quincuagésimo": 50,
    "sexagésimo": 60, "septuagésimo": 70, "octogésimo": 80, "nonagésimo": 90, "centésimo": 100,
}
_FR_WORD = "|".join(sorted(_FR_CARDINALS, key=len, reverse=True))
_ES_WORD = "|".join(sorted(_ES_ORDINALS, key=len, reverse=True))
_FR_SESSION_RE = re.compile(
    rf"\b(?:à|a|lors\s+de|avant|pour|jusqu['’]à|d['’]ici\s+à)\s+(?:la\s+fin\s+de\s+)?(?:sa|la)\s+"
    rf"(?:(?P<part>partie\s+principale)\s+de\s+(?:sa|la)\s+)?"
    rf"(?:(?P<ord>(?:(?:{_FR_WORD}|et)[-\s])*[a-zé]+ième|premi[eè]re|\d{{1,3}}e)|(?P<next>prochaine))\s+session"
    rf"(?:\s+(?:de\s+l['’]|du\s+)(?P<body>{_BODY}))?",
    re.IGNORECASE,
)
_ES_SESSION_RE = re.compile(
    rf"\b(?:en|a|antes\s+de|para|hasta)\s+(?:el\s+final\s+de\s+)?(?:su|el)\s+"
    rf"(?:(?P<part>parte\s+principal)\s+de\s+su\s+)?"
    rf"(?:(?P<ord>(?:{_ES_WORD})(?:\s+(?:{_ES_WORD}))?|\d{{1,3}}\s?[º°o])|(?P<next>próximo))\s+per[ií]odo\s+de\s+sesiones"
    rf"(?:\s+(?:de\s+la|del)\s+(?P<body>{_BODY}))?",
    re.IGNORECASE,
)


def french_ordinal_value(text: str) -> int | None:
    """The number a French ordinal stands for ("soixante-quinzième" 75, "quatre-vingt-unième" 81, "25e")."""
    words = [w for w in re.split(r"[-\s]+", text.strip().lower()) if w and w != "et"]
    if not words:
        return None
    if re.fullmatch(r"\d{1,3}e", words[-1]) and len(words) == 1:
        return int(words[-1][:-1])
    if words[-1] in ("premier", "première", "premiere"):
        return 1
    last = _FR_ORDINAL_STEMS.get(words[-1].removesuffix("ième"))
    if last is None:
        return None
    total, previous = 0, 0
    for word in words[:-1]:
        value = _FR_CARDINALS.get(word)
        if value is None:
            return None
        if value in (20, 100) and previous == 4:  # quatre-vingt(s): 4 × 20
            total += value * 4 - 4
        else:
            total += value
        previous = value
    if last == 20 and previous == 4:
        return total - 4 + 80
    return total + last


def spanish_ordinal_value(text: str) -> int | None:
    """The number a Spanish ordinal stands for ("septuagésimo quinto" 75, "octogésimo primer" 81, "55º")."""
    digits = re.fullmatch(r"(\d{1,3})\s?[º°o]", text.strip())
    if digits:
        return int(digits.group(1))
    values = [_ES_ORDINALS.get(word) for word in text.lower().split()]
    return sum(v for v in values if v is not None) if values and None not in values else None


def _session_due_points(text: str, body: Body, session: int | None) -> Iterator[tuple[int, DuePoint]]:
    """Sessions named in English, then in French, then in Spanish, each with its position in ``text``."""
    languages: tuple[tuple[re.Pattern[str], Callable[[str], int | None]], ...] = (
        (_SESSION_RE, ordinal_value),
        (_FR_SESSION_RE, french_ordinal_value),
        (_ES_SESSION_RE, spanish_ordinal_value),
    )
    for pattern, value in languages:
        for m in pattern.finditer(text):
            owner = body_named(m.group("body"), body) if m.group("body") else _body_before(text, m.start(), body)
            named_part = (m.group("part") or "").lower()
            part = "main part" if named_part and named_part != "resumed" else None
            if m.group("ord"):
                number = value(m.group("ord"))
            elif session is not None and owner is body:
                number = session + 1
            else:
                number = None
            if number:
                yield m.start(), due_point(owner, number, " ".join(m.group(0).split()), part)


def find_due_points(text: str, body: Body, session: int | None = None) -> list[DuePoint]:
    """Due points a text states, in order of mention.

    Args:
        text: A request's text ("… to submit a report to the General Assembly at its seventy-third session").
        body: The adopting body, owner of "its" session when no other body is named just before.
        session: The session of adoption, for "at its next session".

    Returns:
        Sessions ("at its seventy-third session", "at the main part of its seventy-fourth session", "by the
        end of the eightieth session of the Assembly", "at its next session") and dates ("by the end of June
        2026",
        "by mid-December 2026", "no later than 30 April 2027"), and sessions in French and Spanish ("à sa
        soixante-quinzième session", "en su septuagésimo quinto período de sesiones", "à sa prochaine session").
    """
    found = [*_session_due_points(text, body, session), *_date_due_points(text)]
    return [point for _, point in sorted(found, key=lambda pair: pair[0])]


_RECURRENCES: tuple[tuple[Recurrence, str], ...] = (
    (
        Recurrence.ANNUAL,
        r"annually|every\s+year|each\s+year|yearly|on\s+an?\s+(?:annual|yearly)\s+basis"
        r"|(?:its|his|her|their)\s+annual\s+reports?",
    ),
    (
        Recurrence.BIENNIAL,
        r"biennially|every\s+(?:two|second|other)\s+years?|on\s+a\s+biennial\s+basis"
        r"|biennial\s+reports?",
    ),
    (Recurrence.TRIENNIAL, r"triennially|every\s+three\s+years|on\s+a\s+triennial\s+basis"),
    (Recurrence.QUADRENNIAL, r"quadrennially|every\s+four\s+years|on\s+a\s+quadrennial\s+basis"),
    (Recurrence.EVERY_SESSION, r"at\s+(?:each|every)\s+(?:of\s+its\s+)?(?:regular\s+)?sessions?"),
    (
        Recurrence.PERIODIC,
        r"periodically|on\s+a\s+regular\s+basis|at\s+regular\s+intervals|to\s+regularly"
        r"|regular\s+(?:reports|updates)",
    ),
    (
        Recurrence.ONGOING,
        r"on\s+an\s+ongoing\s+basis|on\s+a\s+continuing\s+basis|on\s+a\s+continuous\s+basis",
    ),
)
_RECURRENCE_RES = tuple(
    (kind, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)) for kind, pattern in _RECURRENCES
)


def find_recurrence(text: str) -> Recurrence | None:
    """The rhythm a text asks for ("annually", "every two years", "at each session"), the first mentioned."""
    hits = [(m.start(), kind) for kind, pattern in _RECURRENCE_RES if (m := pattern.search(text))]
    return min(hits)[1] if hits else None
