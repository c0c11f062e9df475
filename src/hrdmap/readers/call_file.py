"""Read and check a ``call.yaml`` file (the format is described in ``examples/README.md``).

Nothing is written here: :func:`read_call_file` turns the file into domain objects or raises
:class:`CallFileError` listing **every** problem, each naming the file, the entry and the field
(``call.yaml: stakeholders[3].type: 'ngoo' is not one of member_state, …``; entries count from 0). A contact
address is never repeated in a message, whatever is wrong with it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from hrdmap import safe_yaml
from hrdmap.analyse.reference.data import countries
from hrdmap.domain.calls import (
    Accreditation,
    Call,
    CallRequest,
    Channel,
    Consent,
    MandateReference,
    Question,
    Stakeholder,
    StakeholderType,
)
from hrdmap.domain.errors import InvalidInput

FORMAT_VERSION = 1
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


class CallFileError(InvalidInput):
    """A call file cannot be used; ``problems`` holds one line per problem, ``str()`` all of them."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class ContributionEntry:
    """One ``contributions`` entry: a file received, before it is ingested.

    Attributes:
        path: The file, absolute.
        stakeholder: Key of who sent it.
        received: When it arrived.
        consent: Whether it may be published.
        language: Its main language (ISO 639-1), when given.
        attachments: Names of files inside it (e-mail attachments) that are contributions too.
    """

    path: Path
    stakeholder: str
    received: dt.date
    consent: Consent
    language: str | None = None
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CallFile:
    """A checked call file.

    Attributes:
        path: The file read.
        call: The call.
        mandate_text: The resolution's bundled text, when given.
        stakeholders: The stakeholder registry, in file order.
        contacts: Contact addresses by stakeholder key (confidential).
        requests: The requests sent.
        contributions: The contributions received.
    """

    path: Path
    call: Call
    mandate_text: Path | None
    stakeholders: tuple[Stakeholder, ...]
    contacts: dict[str, str] = field(repr=False)
    requests: tuple[CallRequest, ...]
    contributions: tuple[ContributionEntry, ...]


@cache
def _country_index() -> dict[str, tuple[str, str]]:
    """ISO3 codes and UN short names (any of the six languages), folded, → (English name, ISO3)."""
    index: dict[str, tuple[str, str]] = {}
    for place in countries():
        english = place.names.get("en") or place.id
        for name in (place.id, *place.names.values()):
            index.setdefault(name.casefold(), (english, place.id))
    return index


def resolve_country(value: str) -> tuple[str, str] | None:
    """``(UN short name in English, ISO3)`` for an ISO3 code or a UN short name, or ``None`` when unknown."""
    return _country_index().get(value.strip().casefold())


def _choices(kind: type[StrEnum]) -> str:
    return ", ".join(member.value for member in kind)


def _field(where: str, key: object) -> str:
    return f"{where}.{key}" if where else str(key)


class _Checker:
    """Collects problems while reading values out of the parsed YAML."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[str] = []

    def problem(self, where: str, reason: str) -> None:
        self.problems.append(f"{self.name}: {where}: {reason}")

    def mapping(self, value: object, where: str, known: set[str], required: set[str]) -> Mapping[str, Any]:
        """The value as a mapping; unknown and missing keys are problems."""
        if not isinstance(value, Mapping):
            self.problem(where or "file", "must be a mapping")
            return {}
        for key in value:
            if key not in known:
                self.problem(_field(where, key), f"unknown key (expected one of {', '.join(sorted(known))})")
        for key in sorted(required - set(value)):
            self.problem(_field(where, key), "missing")
        return value

    def items(self, value: object, where: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(where, "must be a list")
            return []
        return value

    def each(self, value: object, where: str) -> list[tuple[str, Any]]:
        """``(where[i], item)`` for each item of a list."""
        return [(f"{where}[{i}]", item) for i, item in enumerate(self.items(value, where))]

    def typed(self, value: object, where: str, kind: type[T], label: str, *, secret: bool = False) -> T | None:
        if value is None:
            return None
        if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
            if not (isinstance(value, str) and not value.strip()):
                return value
        self.problem(where, f"must be {label}" if secret else f"{value!r} must be {label}")
        return None

    def text(self, value: object, where: str, *, secret: bool = False) -> str | None:
        found = self.typed(value, where, str, "non-empty text", secret=secret)
        return found.strip() if found else None

    def date(self, value: object, where: str) -> dt.date | None:
        if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(where, f"{value!r} is not a date (YYYY-MM-DD)")
        return None

    def choice(self, value: object, where: str, kind: type[E]) -> E | None:
        if value is None:
            return None
        try:
            return kind(str(value))
        except ValueError:
            self.problem(where, f"{value!r} is not one of {_choices(kind)}")
            return None

    def language(self, value: object, where: str) -> str | None:
        return self.matching(value, where, _LANGUAGE, "is not an ISO 639-1 code (two lower-case letters)")

    def key(self, value: object, where: str) -> str | None:
        return self.matching(value, where, _KEY, "must be letters, digits, '.', '_' or '-'")

    def matching(self, value: object, where: str, pattern: re.Pattern[str], complaint: str) -> str | None:
        """The text at ``where`` when ``pattern`` matches it; otherwise a problem ("'x' ``complaint``")."""
        text = self.text(value, where)
        if text is not None and not pattern.match(text):
            self.problem(where, f"{text!r} {complaint}")
            return None
        return text


CALL_KEYS = {
    "id", "title", "fictional", "issued_by", "mandate", "report", "notes_verbales_sent", "deadline",
    "languages", "word_limit", "contact", "questions",
}  # fmt: skip


def _mandate(c: _Checker, value: object, folder: Path) -> tuple[MandateReference | None, Path | None]:
    if value is None:
        return None, None
    m = c.mapping(value, "call.mandate", {"symbol", "paragraphs", "citation", "text"}, {"symbol"})
    paragraphs = [
        c.typed(p, at, int, "a whole number") for at, p in c.each(m.get("paragraphs"), "call.mandate.paragraphs")
    ]
    text = c.text(m.get("text"), "call.mandate.text")
    path = (folder / text).resolve() if text else None
    if path is not None and not path.is_file():
        c.problem("call.mandate.text", f"{text!r}: no such file")
        path = None
    symbol = c.text(m.get("symbol"), "call.mandate.symbol")
    citation = c.text(m.get("citation"), "call.mandate.citation")
    kept = tuple(p for p in paragraphs if p is not None)
    return (MandateReference(symbol, kept, citation) if symbol else None), path


def _questions(c: _Checker, value: object) -> tuple[Question, ...]:
    found = []
    for where, item in c.each(value, "call.questions"):
        q = c.mapping(item, where, {"id", "text"}, {"id", "text"})
        qid, text = c.text(q.get("id"), f"{where}.id"), c.text(q.get("text"), f"{where}.text")
        if qid and text:
            found.append(Question(qid, text))
    return tuple(found)


def _call(c: _Checker, value: object, folder: Path) -> tuple[Call | None, Path | None]:
    m = c.mapping(value, "call", CALL_KEYS, {"id", "title", "deadline"})
    mandate, text = _mandate(c, m.get("mandate"), folder)
    report = c.mapping(m.get("report") or {}, "call.report", {"addressee", "due"}, set())
    languages = [c.language(x, at) for at, x in c.each(m.get("languages"), "call.languages")]
    key, title = c.key(m.get("id"), "call.id"), c.text(m.get("title"), "call.title")
    deadline = c.date(m.get("deadline"), "call.deadline")
    call = Call(
        key=key or "",
        title=title or "",
        deadline=deadline or dt.date.min,
        mandate=mandate,
        issued_by=c.text(m.get("issued_by"), "call.issued_by"),
        report_addressee=c.text(report.get("addressee"), "call.report.addressee"),
        report_due=c.text(report.get("due"), "call.report.due"),
        notes_verbales_sent=c.date(m.get("notes_verbales_sent"), "call.notes_verbales_sent"),
        languages=tuple(x for x in languages if x),
        word_limit=c.typed(m.get("word_limit"), "call.word_limit", int, "a whole number"),
        contact=c.text(m.get("contact"), "call.contact"),
        questions=_questions(c, m.get("questions")),
        fictional=bool(c.typed(m.get("fictional"), "call.fictional", bool, "true or false")),
    )
    return (call if key and title and deadline else None), text


STAKEHOLDER_KEYS = {"id", "name", "type", "accreditation", "country", "contact"}


def _stakeholder(c: _Checker, item: object, where: str) -> tuple[Stakeholder | None, str | None]:
    s = c.mapping(item, where, STAKEHOLDER_KEYS, {"id", "name", "type"})
    key, name = c.key(s.get("id"), f"{where}.id"), c.text(s.get("name"), f"{where}.name")
    kind = c.choice(s.get("type"), f"{where}.type", StakeholderType)
    accreditation = c.choice(s.get("accreditation"), f"{where}.accreditation", Accreditation)
    if accreditation is not None and kind is not None and kind is not StakeholderType.NHRI:
        c.problem(f"{where}.accreditation", f"only national human rights institutions have one, not {kind.value}")
    country = c.text(s.get("country"), f"{where}.country")
    resolved = resolve_country(country) if country else None
    if country and resolved is None:
        c.problem(f"{where}.country", f"{country!r} is not a country in UN naming or an ISO 3166 alpha-3 code")
    contact = c.text(s.get("contact"), f"{where}.contact", secret=True)
    if not (key and name and kind):
        return None, None
    country, code = resolved or (None, None)
    return Stakeholder(key, name, kind, country, code, accreditation), contact


def _stakeholders(c: _Checker, value: object) -> tuple[list[Stakeholder], dict[str, str]]:
    found: list[Stakeholder] = []
    contacts: dict[str, str] = {}
    seen: set[str] = set()
    for where, item in c.each(value, "stakeholders"):
        stakeholder, contact = _stakeholder(c, item, where)
        if stakeholder is None:
            continue
        if stakeholder.key in seen:
            c.problem(f"{where}.id", f"{stakeholder.key!r} is used by an earlier entry")
            continue
        seen.add(stakeholder.key)
        found.append(stakeholder)
        if contact:
            contacts[stakeholder.key] = contact
    return found, contacts


def _reference(c: _Checker, value: object, where: str, known: set[str], all_ids: set[str]) -> str | None:
    key = c.text(value, where)
    if key is not None and key not in known:
        if key not in all_ids:  # an invalid entry is reported where it is, not again here
            c.problem(where, f"{key!r} is not the id of an entry of stakeholders")
        return None
    return key


def _requests(c: _Checker, value: object, known: set[str], all_ids: set[str]) -> list[CallRequest]:
    found = []
    for where, item in c.each(value, "requests"):
        r = c.mapping(item, where, {"stakeholder", "date", "channel", "reminder"}, {"stakeholder", "date", "channel"})
        key = _reference(c, r.get("stakeholder"), f"{where}.stakeholder", known, all_ids)
        date = c.date(r.get("date"), f"{where}.date")
        channel = c.choice(r.get("channel"), f"{where}.channel", Channel)
        reminder = c.typed(r.get("reminder"), f"{where}.reminder", bool, "true or false")
        if key and date and channel:
            found.append(CallRequest(key, date, channel, bool(reminder)))
    return found


CONTRIBUTION_KEYS = {"file", "stakeholder", "received", "consent", "language", "attachments"}


Ids = tuple[set[str], set[str]]
"""Keys of the valid stakeholder entries, and every id written in the file."""


def _contribution(c: _Checker, item: object, where: str, folder: Path, ids: Ids) -> ContributionEntry | None:
    m = c.mapping(item, where, CONTRIBUTION_KEYS, {"file", "stakeholder", "received", "consent"})
    name = c.text(m.get("file"), f"{where}.file")
    path = (folder / name).resolve() if name else None
    if name and path is not None and not path.is_file():
        c.problem(f"{where}.file", f"{name!r}: no such file")
    key = _reference(c, m.get("stakeholder"), f"{where}.stakeholder", *ids)
    received = c.date(m.get("received"), f"{where}.received")
    consent = c.choice(m.get("consent"), f"{where}.consent", Consent)
    language = c.language(m.get("language"), f"{where}.language")
    attachments = [c.text(a, at) for at, a in c.each(m.get("attachments"), f"{where}.attachments")]
    if not (path and path.is_file() and key and received and consent):
        return None
    return ContributionEntry(path, key, received, consent, language, tuple(a for a in attachments if a))


def _contributions(c: _Checker, value: object, folder: Path, ids: Ids) -> list[ContributionEntry]:
    found: list[ContributionEntry] = []
    files: set[Path] = set()
    for where, item in c.each(value, "contributions"):
        entry = _contribution(c, item, where, folder, ids)
        if entry is not None and entry.path in files:
            c.problem(f"{where}.file", "the same file is listed by an earlier entry")
        elif entry is not None:
            files.add(entry.path)
            found.append(entry)
    return found


class _Loader(safe_yaml.SafeLoader):
    """YAML's safe loader, leaving dates as text for :meth:`_Checker.date` (PyYAML fails on "2026-04-31")."""


def _date_as_text(loader: _Loader, node: yaml.Node) -> str:
    return str(loader.construct_scalar(node))  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _date_as_text)


def _load(path: Path) -> object:
    try:
        return safe_yaml.load(path.read_text(encoding="utf-8"), _Loader)
    except OSError as error:
        raise CallFileError([f"{path}: cannot be read ({error.strerror or error})"]) from None
    except UnicodeDecodeError:
        raise CallFileError([f"{path}: not UTF-8 text"]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "syntax error"
        raise CallFileError([f"{path}: not valid YAML{at}: {problem}"]) from None


def read_call_file(path: Path) -> CallFile:
    """Read and check a call file; paths in it are relative to its folder.

    Raises:
        CallFileError: Every problem found, each naming the file, the entry and the field.
    """
    c = _Checker(str(path))
    known = {"version", "call", "stakeholders", "requests", "contributions"}
    top = c.mapping(_load(path), "", known, {"version", "call"})
    if top and top.get("version") != FORMAT_VERSION and "version" in top:
        c.problem("version", f"{top.get('version')!r} is not a supported version (expected {FORMAT_VERSION})")
    folder = path.resolve().parent
    call, text = _call(c, top.get("call"), folder) if "call" in top else (None, None)
    stakeholders, contacts = _stakeholders(c, top.get("stakeholders"))
    entries = top.get("stakeholders")
    raw_ids = {str(s.get("id")) for s in entries if isinstance(s, Mapping)} if isinstance(entries, list) else set()
    ids = ({s.key for s in stakeholders}, raw_ids)
    requests = _requests(c, top.get("requests"), *ids)
    contributions = _contributions(c, top.get("contributions"), folder, ids)
    if c.problems or call is None:
        raise CallFileError(c.problems or [f"{path}: call: missing"])
    return CallFile(path, call, text, tuple(stakeholders), contacts, tuple(requests), tuple(contributions))
