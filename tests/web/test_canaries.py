"""The web half of the canary test: every GET route of the app × every persona, over a data folder seeded with the
canary corpus of ``tests/hostile/canaries.py`` (fictional: a confidential contribution full of canary strings).

The routes come from the app's route table, so a new GET route fails :func:`test_every_get_route_is_fetched`
until its path parameters have real values (ids from the seeded store, in :func:`canary_home`) or it is listed in
:data:`NO_CORPUS_OUTPUT` with a reason; :data:`QUERIES` gives the search routes something to find. Each answer
is read the way its reader would: HTML as text, JSON as values, downloads (DOCX, PDF, HTML, CSV) unpacked and
extracted (``canaries.readable``). The rule (``hrdmap.domain.disclosure``: a public
output counts confidential documents only; an internal one shows them, marked):

- **Not cleared** (anonymous, contributor, analyst, reviewer: no ``read confidential data``, or a scope below
  ``confidential``): every answer is a public output for them, whatever the route; **no canary at all**.
- **Cleared** (administrator, officer): an answer may hold canaries only where it marks them:
  * HTML pages: every element (``<title>``, ``<li>``, ``<tr>``, ``<h1>``…) whose text holds a canary holds the
    mark :data:`hrdmap.domain.disclosure.MARK` (``[confidential]``, in the page's language: the officer is also
    checked in the five other languages of the interface), or sits in an element whose text, up to it, holds the
    mark (a document's page marks it once, above its title and paragraphs); a table row is one record, judged
    whole (the mark in any of its cells);
  * JSON: every string holding a canary sits inside an object that says ``"confidential": true`` (or
    ``"consent": "confidential"``), never in one that says ``"confidential": false`` or says nothing;
  * the draft downloads are working drafts (``drafting`` redacts quotes of confidential contributions): no
    canary at all, as ``hrdmap draft``;
  * the call's contacts page (``call_contacts_page``) is the contacts register itself: the contributor's
    contact address may show there, marked or not, as ``hrdmap stakeholders list``; nothing of its contribution.
- The contributor's organisation (``Voces Seguras``) is a stakeholder of the call: lists of a call's stakeholders
  (the call page and its API answer, for those who may read the corpus) may name it, as ``hrdmap calls status``;
  its contribution stays marked. The holder of an intake link (anonymous) sees its own stakeholder's name.
- Incidents (:data:`INCIDENTS`, seeded with the canaries too) are not contributions: each record carries its own
  sensitivity, and cleared roles see a confidential record's canaries beside ``confidential`` (its sensitivity,
  a JSON object's ``"sensitivity": "confidential"``); the others, public indicators and warnings included, none.
- Not checked for marks: the audit trail's pages and exports (:data:`AUDIT`, administrators only), which name the
  files they recorded unmarked, as ``hrdmap audit export`` (docs/threat-model.md, "Not yet").

One data folder is seeded per session and every persona signs in once (the machine is loaded).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from itsdangerous import URLSafeSerializer

from hrdmap.domain.actor import FixedClock, Scope
from hrdmap.domain.disclosure import MARK
from hrdmap.monitoring.incident_file import incidents_from_file
from hrdmap.services import accounts, corpus, intake, mandates
from hrdmap.services.calls.importing import import_call
from hrdmap.services.monitoring import records
from hrdmap.services.recommendations import follow_up
from hrdmap.services.tagging import tag_documents
from hrdmap.services.workspace import open_workspace
from hrdmap.web import i18n
from hrdmap.web.access import route_table
from hrdmap.web.app import create_app
from hrdmap.web.routes.intake import SALT
from hrdmap.web.settings import WebSettings

from ..hostile import canaries
from ..hostile.canaries import CALL, EVERY, PERSONAL
from .conftest import AT, PASSWORD, PERSONAS, SETUP, TOTP, client, settings_for, sign_in

REPO = Path(__file__).resolve().parents[2]
SECRET = b"test-secret-key-" * 3
CLEARED = ("administrator", "officer")
ROLES = ("anonymous", "contributor", "analyst", "reviewer", *CLEARED)
#: Routes that read nothing of the corpus, and why.
NO_CORPUS_OUTPUT = {
    "health": "answers ok without reading the store",
    "openapi": "the API's schema",
    "login_page": "the sign-in form",
    "mfa_page": "the second-factor form",
    "mfa_enrol_page": "the second-factor enrolment form",
    "upload_page": "the upload form",
    "set_language": "sets a cookie and redirects",
}
#: Registry values that may show unmarked where a route lists the call's stakeholders (the contributor's
#: organisation, as ``hrdmap calls status`` names it) or their contacts (the contacts register), and to whom.
STAKEHOLDER, CONTACT = "Voces Seguras (fictional)", "m.quintero@voces-seguras.example"
REGISTRY: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "call_page": (frozenset(ROLES) - {"anonymous"}, (STAKEHOLDER,)),
    "api_call": (frozenset(ROLES) - {"anonymous"}, (STAKEHOLDER,)),
    "draft_page": (frozenset(CLEARED), (STAKEHOLDER,)),
    "call_contacts_page": (frozenset(CLEARED), (STAKEHOLDER, CONTACT)),
    # the intake link is the stakeholder's own credential: its pages name the stakeholder to whoever holds it
    "intake_page": (frozenset(ROLES), (STAKEHOLDER,)),
    "intake_submissions": (frozenset(ROLES), (STAKEHOLDER,)),
}
#: Routes of the audit trail: administrators only; the trail names the files it recorded, those of confidential
#: contributions too, unmarked (docs/threat-model.md, "Not yet"; ``hrdmap audit export`` is exempted the same way
#: in tests/hostile/test_canaries.py). Still checked: no one else sees them (the role × route matrix).
AUDIT = {"audit_page", "audit_export", "audit_export_jsonl", "api_audit"}
#: Routes each role must read (answered 200), so the test cannot pass by being refused everything.
PUBLIC_READS = frozenset({"inputs_page", "indicators_page", "api_indicators", "intake_page", "intake_submissions"})
CORPUS_READS = frozenset({"documents_page", "api_documents", "search_page", "api_search", "call_page", "api_call"})
CLEARED_READS = CORPUS_READS | {"document_page", "api_document", "review_page", "api_review_queue", "draft_download"}
READ: dict[str, frozenset[str]] = {
    "anonymous": PUBLIC_READS,
    "contributor": PUBLIC_READS | {"my_submissions", "dashboard"},
    "analyst": PUBLIC_READS | {"map_page", "api_map", "recommendations_page", "api_recommendations"},
    "reviewer": PUBLIC_READS | CORPUS_READS | {"review_page", "api_review_queue", "mandates_page"},
    "officer": PUBLIC_READS | CLEARED_READS | {"call_contacts_page", "mandates_page", "recommendations_page"},
    "administrator": PUBLIC_READS | CLEARED_READS | {"audit_page", "api_audit"},
}
#: Incidents are not contributions: each record (incident, victim, source) carries its own sensitivity, which the
#: incident pages show beside it (``Sensitivity: confidential``), and that is their mark.
INCIDENTS_ROUTES = {"incidents_page", "incident_page", "api_incidents", "api_incident"}
SENSITIVITY = "confidential"
#: Query strings that make a route show something of the corpus (the search box, say).
QUERIES = {
    "search_page": ("", "?q=witness", "?q=Quintero"),
    "api_search": ("?q=witness", "?q=Quintero"),
    "recommendations_page": ("", "?by=theme"),
    "api_recommendations": ("", "?by=theme"),
}


#: Incidents (FICTIONAL) whose confidential records carry canaries: a confidential incident with the witness as
#: victim and a person as source, and a public incident with a confidential victim.
INCIDENTS = """
incidents:
  - title: Threats against a witness (fictional)
    date: 2026-04-02
    country: Guatemala
    place: Quetzaltenango
    sensitivity: confidential
    acts: [threats]
    victims: [{name: Tobias Okafor-Lindqvist, sex: male, roles: [defenders], sensitivity: confidential}]
    sources: [{kind: person, name: Marisol Quintero-Vance, reference: "phone +502 5555 0142", reliability: high,
               independence: primary, sensitivity: confidential}]
    external_id: canary:1
  - title: Detention of a defender (fictional)
    date: 2026-04-03
    country: Guatemala
    sensitivity: public
    acts: [arbitrary-detention]
    victims: [{name: Kestrelorchid Defender, sex: female, roles: [defenders], sensitivity: confidential}]
    sources: [{kind: organisation, name: A fictional NGO, reference: report-1, reliability: high}]
    external_id: canary:2
"""


@dataclass(frozen=True)
class Seeded:
    home: Path
    values: dict[str, tuple[str, ...]]


@pytest.fixture(scope="session")
def canary_home(tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    """The canary corpus imported, tagged, its recommendations extracted, a resolution linked to it, an intake
    link for the confidential contributor, and one user per persona (the contributor invited to the call)."""
    folder = tmp_path_factory.mktemp("web-canaries")
    call = canaries.write_corpus(folder / "in")
    home = folder / "home"
    with open_workspace(settings_for(home)) as ws:
        import_call(ws, SETUP, call)
        tag_documents(ws, SETUP, taggers=["gazetteer", "statement-kind", "framework-keywords"])
        follow_up.extract_from_corpus(ws, SETUP, ["1", "2"])
        mandates.add_resolution(ws, SETUP, REPO / "examples" / "resolution.txt")
        mandates.link_answers(ws, SETUP)
        link, _, _ = intake.make_link(ws, SETUP, CALL, "voces-seguras", days=30)
        (folder / "incidents.yaml").write_text(INCIDENTS, encoding="utf-8")
        incident_ids = [records.add_incident(ws, SETUP, i) for i in incidents_from_file(folder / "incidents.yaml")]
        for persona, (name, roles, scope) in PERSONAS.items():
            if persona == "contributor":
                scope = Scope(calls=frozenset({CALL}))
            user = accounts.add_user(ws, SETUP, name, PASSWORD, [r.value for r in roles], scope)
            if name in TOTP:
                with ws.store.transaction():
                    ws.store.accounts.save_user(replace(user, totp_secret=TOTP[name]))
        documents = [d.id for d in corpus.list_documents(ws, SETUP)]
    token = URLSafeSerializer(SECRET, salt=SALT).dumps({"link": link.id, "call": CALL, "stakeholder": link.stakeholder})
    values = {
        "document_id": tuple(str(i) for i in sorted(documents)),
        "key": (CALL,),
        "fmt": ("docx", "pdf", "html"),
        "token": (token,),
        "incident_id": tuple(str(i) for i in incident_ids),
        "code": ("en",),
    }
    return Seeded(home, values)


@pytest.fixture(scope="session")
def canary_app(canary_home: Seeded) -> Iterator[FastAPI]:
    """One app over the seeded folder for the whole session (the routes fetched here only read)."""
    built = create_app(settings_for(canary_home.home), WebSettings(SECRET, dev=True), clock=FixedClock(AT))
    yield built
    built.state.hrdmap.pool.close()


@pytest.fixture(scope="session")
def browsers(canary_app: FastAPI) -> dict[str, TestClient]:
    """One signed-in client per persona (and an anonymous one)."""
    return {role: sign_in(canary_app, role, FixedClock(AT)) for role in ROLES}


def _get_routes(app: FastAPI) -> list[APIRoute]:
    return sorted((r for r in route_table(app.routes) if "GET" in r.methods), key=lambda r: r.name)


def _paths(route: APIRoute, values: dict[str, tuple[str, ...]]) -> list[str]:
    names = re.findall(r"{(\w+)}", route.path)
    missing = [n for n in names if n not in values]
    assert not missing, f"{route.name}: give {missing} real values in the canary test's VALUES"
    combos = itertools.product(*(values[n] for n in names))
    paths = [route.path.format(**dict(zip(names, combo, strict=True))) for combo in combos]
    return [p + q for p in paths for q in QUERIES.get(route.name, ("",))]


def test_every_get_route_is_fetched(canary_app: FastAPI, canary_home: Seeded) -> None:
    routes = _get_routes(canary_app)
    assert len(routes) > 30
    for route in routes:
        if route.name not in NO_CORPUS_OUTPUT:
            assert _paths(route, canary_home.values)
    assert set(NO_CORPUS_OUTPUT) <= {r.name for r in routes}, "a listed route no longer exists"


class _Elements(HTMLParser):
    """The text of each element of a page, with the text of its ancestors, so a canary is judged with the
    element around it."""

    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[list[str]] = [[]]
        self.tags: list[str] = ["#root"]
        self.done: list[tuple[list[str], str, bool]] = []  # (texts of the ancestors, own full text, in a row)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            self.handle_data(" ".join(v or "" for _, v in attrs if _ in ("value", "alt", "title")))
            return
        self.stack.append([])
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.tags[1:]:
            return
        while len(self.tags) > 1:
            name = self.tags.pop()
            text = " ".join(self.stack.pop())
            self.done.append((list(self.ancestors()), text, "tr" in self.tags))
            self.stack[-1].append(text)
            if name == tag:
                break

    def ancestors(self) -> Iterator[str]:
        for parts in self.stack:
            yield " ".join(parts)

    def handle_data(self, data: str) -> None:
        self.stack[-1].append(data)


Problem = tuple[list[str], str]  # the canaries shown unmarked, and where


def _unmarked_html(text: str, marks: tuple[str, ...] = (MARK,)) -> list[Problem]:
    """The canaries shown in an element with no mark in itself (the element and its content) — the ancestors'
    text, up to where the element starts, also counts as marking it (a heading marked before a list)."""
    parser = _Elements()
    parser.feed(text)
    parser.close()
    wrong: list[Problem] = []
    for ancestors, own, in_row in parser.done:
        if in_row:
            continue  # a table row is one record: the row itself is judged, its mark in any of its cells
        shown = canaries.found(own)
        if shown and not any(m in own or any(m in a for a in ancestors) for m in marks):
            wrong.append((shown, own[:160]))
    return wrong


def _marked(value: dict[str, object]) -> bool:
    return value.get("confidential") is True or "confidential" in (value.get("consent"), value.get("sensitivity"))


def _unmarked_json(value: object, marked: bool = False) -> list[Problem]:
    """Strings holding a canary that no enclosing object marks confidential."""
    if isinstance(value, dict):
        if value.get("confidential") is False:
            marked = False
        inner = marked or _marked(value)
        return [w for k, v in value.items() for w in _unmarked_json(v, inner) + _unmarked_json(k, inner)]
    if isinstance(value, list):
        return [w for item in value for w in _unmarked_json(item, marked)]
    if isinstance(value, str) and not marked and canaries.found(value):
        return [(canaries.found(value), value[:160])]
    return []


def _registry_removed(text: str, route: APIRoute, role: str) -> str:
    """The answer without the registry values the role may see unmarked on the route."""
    roles, shown = REGISTRY.get(route.name, (frozenset(), ()))
    if role in roles:
        for value in shown:
            text = text.replace(value, " ")
    return text


def _read(answer_bytes: bytes, content_type: str, tmp: Path) -> str:
    if "text/html" in content_type or "json" in content_type:
        return answer_bytes.decode("utf-8", "replace")
    path = tmp / "download"
    path.write_bytes(answer_bytes)
    return canaries.readable(path)


#: Each role in English; the officer also in the five other languages of the interface (the mark translated).
CASES = [(role, "en") for role in ROLES] + [("officer", lang) for lang in sorted(set(i18n.LANGUAGES) - {"en"})]


def _browser(app: FastAPI, browsers: dict[str, TestClient], role: str, lang: str) -> TestClient:
    if lang == "en":
        return browsers[role]
    browser = client(app)  # the same session (signing in again would meet the rate limit), another language
    for cookie in browsers[role].cookies.jar:
        browser.cookies.set(cookie.name, cookie.value or "", domain=cookie.domain, path=cookie.path)
    browser.cookies.set(i18n.LANG_COOKIE, lang)
    return browser


@pytest.mark.slow
@pytest.mark.parametrize(("role", "lang"), CASES, ids=[f"{r}-{lang}" for r, lang in CASES])
def test_canaries_appear_only_where_the_role_may_see_them_marked(
    canary_app: FastAPI, canary_home: Seeded, browsers: dict[str, TestClient], role: str, lang: str, tmp_path: Path
) -> None:
    browser = _browser(canary_app, browsers, role, lang)
    mark = f"[{i18n.gettext(lang)('confidential')}]"
    assert lang == "en" or mark != MARK, f"the mark is not translated into {lang}"
    wrong: list[str] = []
    fetched: set[str] = set()
    for route in _get_routes(canary_app):
        if route.name in NO_CORPUS_OUTPUT or (lang != "en" and route.name == "draft_download"):
            continue  # the drafts' language is the call's, not the interface's: read once
        for path in _paths(route, canary_home.values):
            answer = browser.get(path)
            if answer.status_code >= 500:
                wrong.append(f"{path}: server error {answer.status_code}")
                continue
            if answer.status_code != 200:
                continue
            fetched.add(route.name)
            kind = answer.headers.get("content-type", "")
            text = _read(answer.content, kind, tmp_path)
            text = _registry_removed(text, route, role)
            if "?q=" in path:  # the search box shows the reader's own query back
                text = text.replace(path.split("?q=", 1)[1], " ")
            if route.name in AUDIT and role in CLEARED:
                continue
            if role not in CLEARED or route.name.startswith("draft_download"):
                shown = canaries.found(text)
                if shown:
                    wrong.append(f"{path}: shows {shown}")
                continue
            if "json" in kind:
                problems = [p for value in canaries.json_values(text) for p in _unmarked_json(value)]
            elif "text/html" in kind:
                problems = _unmarked_html(text, (mark, SENSITIVITY) if route.name in INCIDENTS_ROUTES else (mark,))
            else:
                problems = [(canaries.found(text), "a download")]
            bad = [(shown, where) for shown, where in problems if shown]
            if bad:  # the innermost element first: enough to find it
                wrong.append(f"{path}: unmarked {bad[0][0]} in {bad[0][1]!r} ({len(bad)} elements)")
    expected = READ[role] - ({"draft_download"} if lang != "en" else set())
    assert fetched >= expected, f"{role} no longer reads {expected - fetched}: the test would miss them"
    assert wrong == [], "\n".join(wrong)


def test_the_canaries_are_in_the_store(browsers: dict[str, TestClient], canary_home: Seeded) -> None:
    """The test would pass over an empty corpus: the officer's views must find the canaries, marked."""
    seen = ""
    for document_id in canary_home.values["document_id"]:
        seen += browsers["officer"].get(f"/documents/{document_id}").text
    assert set(canaries.found(seen, PERSONAL)) >= {"Marisol", "Quintero", "Okafor", "Quetzaltenango"}
    assert MARK in seen
    assert canaries.found(browsers["officer"].get("/api/search?q=witness").text, EVERY)
