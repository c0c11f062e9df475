"""Requests: who is asked to do what, for which body, by when, how often."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from hrdmap.analyse.resolutions import addressees
from hrdmap.analyse.resolutions.reader import parse_resolution
from hrdmap.analyse.resolutions.requests import extract_requests
from hrdmap.domain.document import Block, BlockKind, Document
from hrdmap.domain.mandates import Addressee, Body, ProductKind, Recurrence, Request
from hrdmap.ingest.base import Limits
from hrdmap.ingest.registry import choose
from hrdmap.structure.builder import build_document

D = dt.date
SG = addressees.SECRETARY_GENERAL
OHCHR = addressees.HIGH_COMMISSIONER
SR = addressees.DEFENDERS_RAPPORTEUR


def requests_in(path: Path) -> list[Request]:
    data = path.read_bytes()
    raw = choose(data, path.name).extract(data, path.name, Limits())
    document = build_document(raw, source=str(path), sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    return extract_requests(parse_resolution(document))


def requests_from(*texts: str) -> list[Request]:
    blocks = [Block(i, BlockKind.PARAGRAPH, t) for i, t in enumerate(texts)]
    return extract_requests(parse_resolution(Document("made.txt", "0" * 64, "text", blocks=blocks)))


def summary(requests: list[Request]) -> list[tuple[str, str, str]]:
    return [(r.reference, r.verb, r.addressee.name) for r in requests]


@pytest.fixture(scope="module")
def res_80_251(shared_data: Path) -> list[Request]:
    return requests_in(shared_data / "un-doc-pdfs" / "A_RES_80_251.pdf")


@pytest.mark.shared_data
def test_80_251_who_is_asked(res_80_251: list[Request]) -> None:
    ga, wg, chairs = "General Assembly", "Working Group", "Co-Chairs of the Working Group"
    assert summary(res_80_251) == [
        ("3", "Requests", SG),
        ("4", "Also requests", SG),
        ("6", "Requests", SG),
        ("8", "Requests", SG),
        ("10", "Encourages", SG),
        ("11", "Requests", SG),
        ("13", "Agrees", ga),
        ("16", "Requests", SG),
        ("18", "Requests", SG),
        ("19", "Also requests", SG),
        ("21", "Decides", ga),
        ("22", "Agrees", ga),
        ("23", "Calls upon", "intergovernmental organs"),
        ("24", "Requests", SG),
        ("28", "Requests", SG),
        ("29", "Also requests", SG),
        ("30", "Further requests", SG),
        (
            "31",
            "Calls upon",
            "presiding officers and bureaux of intergovernmental organs across the United Nations system",
        ),
        ("32", "Calls upon", "intergovernmental organs"),
        ("33", "Decides", ga),
        ("33 (b)", "Decides", "President of the General Assembly"),
        ("33 (c)", "Decides", wg),
        ("33 (d) (i)", "Decides", wg),
        ("33 (d) (ii)", "Decides", wg),
        ("33 (d) (iii)", "Decides", wg),
        ("33 (d) (iv)", "Decides", wg),
        ("33 (d) (v)", "Decides", wg),
        ("33 (d) (vi)", "Decides", wg),
        ("33 (d) (vii)", "Decides", wg),
        ("33 (e)", "Decides", chairs),
        ("33 (f)", "Decides", chairs),
        ("33 (g)", "Decides", "States"),
        ("33 (h)", "Decides", SG),
    ]


@pytest.mark.shared_data
def test_80_251_what_and_by_when(res_80_251: list[Request]) -> None:
    by_ref = {r.reference: r for r in res_80_251}
    three = by_ref["3"]
    assert three.addressee.text == "the Secretary-General"  # the parenthetical "making full use …" is skipped
    assert three.action.startswith("make available, upon request, enhanced administrative")
    dues = {ref: [(d.text, d.closes) for d in r.due_points] for ref, r in by_ref.items() if r.due_points}
    assert dues == {
        "16": [("by the end of June 2026", D(2026, 6, 30))],
        "18": [("by the end of September 2026", D(2026, 9, 30))],
        "24": [("by the end of December 2026", D(2026, 12, 31))],
        "33 (c)": [("by 1 May 2026", D(2026, 5, 1)), ("no later than 30 April 2027", D(2027, 4, 30))],
        "33 (d) (i)": [("by the end of May 2026", D(2026, 5, 31))],
        "33 (d) (ii)": [("by the end of July 2026", D(2026, 7, 31))],
        "33 (d) (iii)": [("by the end of August 2026", D(2026, 8, 31))],
        "33 (d) (iv)": [("by the end of August 2026", D(2026, 8, 31))],
        "33 (d) (v)": [("by mid-December 2026", D(2026, 12, 15))],
        "33 (d) (vi)": [("by mid- February 2027", D(2027, 2, 15))],
        "33 (d) (vii)": [("by the end of March 2027", D(2027, 3, 31))],
        "33 (f)": [("by the end of the eightieth session of the Assembly", D(2026, 9, 7))],
    }
    f = by_ref["33 (f)"]
    assert (f.recipients, f.product, f.due and f.due.session) == ((Body.GA,), ProductKind.UPDATE, 80)
    assert by_ref["6"].recurrence is Recurrence.ONGOING
    assert by_ref["28"].recurrence is Recurrence.PERIODIC
    assert by_ref["18"].product is ProductKind.ADVICE
    assert by_ref["24"].product is ProductKind.REVIEW


@pytest.mark.shared_data
def test_80_251_statements_are_not_requests(res_80_251: list[Request]) -> None:
    paragraphs = {r.paragraph for r in res_80_251}
    # "Agrees that …", "Commits to …", "Reaffirms that …" and an addressee-less "Encourages the … allocation".
    assert paragraphs.isdisjoint({1, 2, 5, 7, 9, 12, 14, 15, 17, 20, 25, 26, 27})


def test_hrc_22_6_requests(fixtures: Path) -> None:
    found = requests_in(fixtures / "mandates" / "hrc-22-6-defenders.txt")
    assert summary(found) == [
        ("2", "Calls upon", "all States"),
        ("3 (a)", "Urges", "States"),
        ("3 (b)", "Urges", "States"),
        ("3 (c)", "Urges", "States"),
        ("5", "Requests", SR),
        ("6", "Requests", SG),
        ("6", "Requests", OHCHR),
        ("7", "Invites", OHCHR),
        ("8", "Decides", "Human Rights Council"),
    ]
    by_ref = {(r.reference, r.addressee.name): r for r in found}
    five = by_ref[("5", SR)]
    assert five.addressee.text == "the Special Rapporteur"
    assert five.action.startswith("continue to report annually")
    assert (five.recurrence, five.product, five.recipients) == (
        Recurrence.ANNUAL,
        ProductKind.REPORT,
        (Body.HRC, Body.GA),
    )
    assert five.due is None
    seven = by_ref[("7", OHCHR)]
    assert seven.product is ProductKind.COMPILATION
    assert seven.due is not None
    assert (seven.due.body, seven.due.session, seven.due.opens) == (Body.HRC, 25, D(2014, 2, 24))
    eight = by_ref[("8", "Human Rights Council")]
    assert eight.action.startswith("continue its consideration of the question")
    assert eight.due is not None and eight.due.session == 25
    assert by_ref[("3 (b)", "States")].action == (
        "refrain from subjecting human rights defenders to reprisals for their cooperation with the "
        "United Nations"
    )


def test_hrc_36_21_requests(fixtures: Path) -> None:
    found = requests_in(fixtures / "mandates" / "hrc-36-21-reprisals.txt")
    assert summary(found) == [
        ("2", "Urges", "all States"),
        ("3", "Requests", SG),
        ("4", "Invites", "President of the Human Rights Council"),
        ("5", "Encourages", "United Nations entities"),
        ("6", "Decides", "Human Rights Council"),
    ]
    sg, president, entities, council = found[1:]
    assert (sg.recurrence, sg.product) == (Recurrence.ANNUAL, ProductKind.REPORT)
    assert sg.due is not None and (sg.due.body, sg.due.session, sg.due.opens) == (
        Body.HRC,
        39,
        D(2018, 9, 10),
    )
    assert president.product is ProductKind.CONSULTATION
    assert (
        president.due is not None and president.due.session == 37
    )  # "at its next session", adopted at the 36th
    assert entities.recurrence is Recurrence.PERIODIC
    assert council.due is not None and council.due.session == 42


def test_the_fictional_example_resolution(examples: Path) -> None:
    path = examples.parent / "resolution.txt"
    if not path.is_file():
        pytest.skip("examples/resolution.txt is absent")
    by_ref = {r.reference: r for r in requests_in(path)}
    seventeen = by_ref["17"]
    assert (seventeen.addressee.name, seventeen.recipients) == (SG, (Body.GA,))
    assert seventeen.due is not None and (seventeen.due.session, seventeen.due.opens) == (82, D(2027, 9, 7))
    assert by_ref["18"].addressee.name == OHCHR
    assert by_ref["18"].product is ProductKind.COMPILATION
    assert by_ref["18"].due is not None and by_ref["18"].due.closes == D(2026, 12, 31)
    assert by_ref["19"].addressee.name == "President of the General Assembly"
    assert by_ref["20"].addressee.name == "United Nations entities"
    assert (by_ref["21"].addressee.name, by_ref["21"].recurrence) == (SR, Recurrence.ANNUAL)
    assert {"5 (a)", "5 (b)", "5 (c)"} <= set(by_ref)


def test_an_addressee_with_a_parenthetical_before_the_infinitive() -> None:
    (request,) = requests_from(
        "A/RES/72/247",
        "The General Assembly,",
        "1. Requests the Secretary-General, in consultation with States and pursuant to resolution 53/144, "
        "to submit to the General Assembly at its seventy-third session a comprehensive assessment;",
    )
    assert (request.addressee.name, request.recipients, request.product) == (
        SG,
        (Body.GA,),
        ProductKind.ASSESSMENT,
    )
    assert request.action.startswith("submit to the General Assembly")
    assert request.due is not None and request.due.opens == D(2018, 9, 18)


def test_a_mandate_title_with_to_is_not_cut_at_to() -> None:
    (request,) = requests_from(
        "A/HRC/RES/50/17",
        "The Human Rights Council,",
        "1. Requests the Special Rapporteur on the rights to freedom of peaceful assembly and of association "
        "to "
        "submit a report to the Council at its fifty-third session;",
    )
    assert request.addressee.name == (
        "Special Rapporteur on the rights to freedom of peaceful assembly and of association"
    )
    assert request.action.startswith("submit a report")


def test_decides_that_is_a_rule_not_a_request() -> None:
    assert (
        requests_from("A/RES/72/247", "The General Assembly,", "1. Decides that the item shall be biennial;")
        == []
    )


def test_french_and_spanish_requests() -> None:
    fr = requests_from(
        "A/HRC/RES/22/6",
        "Le Conseil des droits de l’homme,",
        "1. Prie le Secrétaire général de présenter un rapport au Conseil à sa vingt-cinquième session;",
    )
    es = requests_from(
        "A/RES/72/247",
        "La Asamblea General,",
        "1. Exhorta a todos los Estados a que protejan a los defensores;",
    )
    assert [(r.addressee.name, r.action) for r in fr] == [
        (SG, "présenter un rapport au Conseil à sa vingt-cinquième session")
    ]
    assert [(r.addressee.name, r.action) for r in es] == [("all States", "protejan a los defensores")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the Secretary-General", SG),
        ("the United Nations High Commissioner for Human Rights", OHCHR),
        ("the Office of the United Nations High Commissioner for Human Rights", OHCHR),
        ("OHCHR", OHCHR),
        ("all Member States", "all States"),
        ("Member States", "States"),
        ("States parties", "States parties"),
        ("relevant United Nations entities", "United Nations entities"),
        ("the human rights treaty bodies", "treaty bodies"),
        ("the President of the General Assembly", "President of the General Assembly"),
        ("the Special Rapporteur on the situation of human rights defenders", SR),
        ("the Special Rapporteur on torture", "Special Rapporteur on torture"),
        ("United Nations country teams", "United Nations country teams"),
    ],
)
def test_addressees_are_normalised(text: str, name: str) -> None:
    assert addressees.normalise(text) == Addressee(name, text)


# Compound paragraphs (issue 12, finding 3): every verb of an operative paragraph opens its own clause, with its
# own addressee, action and due point. The texts are written for the tests, in the resolutions' wording.


def test_decides_and_requests_gives_two_requests_each_with_its_own_due_point() -> None:
    decided, asked = requests_from(
        "A/RES/79/301",
        "The General Assembly,",
        "1. Decides to convene a high-level plenary meeting on human rights defenders at its eighty-first "
        "session, and requests the President of the General Assembly to hold consultations with Member States "
        "on its modalities by the end of March 2026;",
    )
    assert (decided.verb, decided.addressee.name) == ("Decides", "General Assembly")
    assert decided.product is ProductKind.HIGH_LEVEL_MEETING
    assert [d.session for d in decided.due_points] == [81]
    assert (asked.verb, asked.addressee.name) == ("requests", "President of the General Assembly")
    assert asked.action == "hold consultations with Member States on its modalities by the end of March 2026"
    assert [d.closes for d in asked.due_points] == [D(2026, 3, 31)]
    assert asked.product is ProductKind.CONSULTATION and asked.paragraph == decided.paragraph == 1


def test_encourages_invites_and_requests_give_three_addressees() -> None:
    found = requests_from(
        "A/HRC/RES/58/9",
        "The Human Rights Council,",
        "1. Encourages States to adopt laws that recognize and protect human rights defenders, invites United "
        "Nations entities to support national protection mechanisms, and requests the Office to prepare a "
        "compilation of good practices for submission to the Council at its sixty-first session;",
    )
    assert summary(found) == [
        ("1", "Encourages", "States"),
        ("1", "invites", "United Nations entities"),
        ("1", "requests", OHCHR),
    ]
    states, entities, office = found
    assert states.action == "adopt laws that recognize and protect human rights defenders"
    assert entities.action == "support national protection mechanisms" and not entities.due_points
    assert office.product is ProductKind.COMPILATION
    assert office.due is not None and (office.due.body, office.due.session) == (Body.HRC, 61)


def test_a_clause_without_a_comma_and_an_adverb_before_the_verb() -> None:
    found = requests_from(
        "A/RES/79/302",
        "The General Assembly,",
        "1. Requests the Secretary-General to submit a report at its eighty-second session and also invites the "
        "Special Rapporteur on the situation of human rights defenders to contribute to it;",
    )
    assert summary(found) == [("1", "Requests", SG), ("1", "also invites", SR)]
    assert found[0].action == "submit a report at its eighty-second session"


def test_a_statement_clause_ends_the_action_before_it_but_asks_nothing() -> None:
    (request,) = requests_from(
        "A/RES/79/303",
        "The General Assembly,",
        "1. Requests the Secretary-General to report annually on reprisals, and stresses that no one should "
        "suffer reprisals for cooperating with the United Nations;",
    )
    assert request.action == "report annually on reprisals"
    assert request.recurrence is Recurrence.ANNUAL


@pytest.mark.parametrize(
    "text",
    [
        "1. Requests the Office to process complaints and requests from States to be included in the registry;",
        "1. Encourages the allocation of resources, and encourages consideration of review cycles of three to "
        "five years;",
        "1. Invites States to share information on threats, and requests received by the Office to be answered "
        "promptly;",
    ],
)
def test_verbs_that_open_no_clause_are_left_in_the_action(text: str) -> None:
    found = requests_from("A/RES/79/304", "The General Assembly,", text)
    assert [r.verb for r in found] == [text.split()[1]][: len(found)]
    assert len(found) <= 1


def test_french_compound_paragraph() -> None:
    found = requests_from(
        "A/HRC/RES/58/9",
        "Le Conseil des droits de l’homme,",
        "1. Encourage les États à adopter des lois qui protègent les défenseurs des droits de l’homme, invite les "
        "entités des Nations Unies à appuyer les mécanismes nationaux de protection, et prie le Haut-Commissariat "
        "de présenter une compilation au Conseil à sa soixante et unième session;",
    )
    assert [(r.verb, r.addressee.name) for r in found] == [
        ("Encourage", "States"),
        ("invite", "entités des Nations Unies"),
        ("prie", OHCHR),
    ]
    assert found[2].action == "présenter une compilation au Conseil à sa soixante et unième session"
    assert [(d.body, d.session) for d in found[2].due_points] == [(Body.HRC, 61)] and not found[0].due_points


def test_spanish_compound_paragraph() -> None:
    found = requests_from(
        "A/RES/79/301",
        "La Asamblea General,",
        "1. Decide convocar una reunión de alto nivel sobre los defensores de los derechos humanos, y solicita "
        "asimismo al Secretario General que presente un informe a la Asamblea en su octogésimo primer período de "
        "sesiones;",
    )
    assert [(r.verb, r.addressee.name) for r in found] == [
        ("Decide", "General Assembly"),
        ("solicita asimismo", SG),
    ]
    assert found[1].action.startswith("presente un informe")
    assert [(d.body, d.session) for d in found[1].due_points] == [(Body.GA, 81)]
