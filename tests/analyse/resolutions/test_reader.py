"""Reading resolutions: head, preamble, operative paragraphs and sub-paragraphs, from any format."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from hrdmap.analyse.resolutions.reader import ResolutionError, parse_resolution
from hrdmap.domain.document import Block, BlockKind, Document
from hrdmap.domain.mandates import Body, Resolution
from hrdmap.ingest.base import Limits
from hrdmap.ingest.registry import choose
from hrdmap.structure.builder import build_document

REPO = Path(__file__).resolve().parents[3]


def read(path: Path) -> Document:
    """A file through the real pipeline: extractor, then structure recovery."""
    data = path.read_bytes()
    raw = choose(data, path.name).extract(data, path.name, Limits())
    return build_document(raw, source=str(path), sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def blocks(*texts: str) -> Document:
    """A document made of one unlabelled paragraph block per text (labels, if any, left in the text)."""
    return Document(
        source="made.txt",
        sha256="0" * 64,
        format="text",
        blocks=[Block(i, BlockKind.PARAGRAPH, t) for i, t in enumerate(texts)],
    )


@pytest.fixture(scope="module")
def res_80_251(shared_data: Path) -> Resolution:
    return parse_resolution(read(shared_data / "un-doc-pdfs" / "A_RES_80_251.pdf"))


@pytest.mark.shared_data
def test_80_251_head(res_80_251: Resolution) -> None:
    r = res_80_251
    assert (r.symbol, r.body, r.number, r.session, r.kind) == (
        "A/RES/80/251",
        Body.GA,
        "80/251",
        80,
        "resolution",
    )
    assert (
        r.title == "Mandate creation, implementation and review for an efficient and effective United Nations"
    )
    assert r.adopted == dt.date(2026, 3, 31)


@pytest.mark.shared_data
def test_80_251_preamble(res_80_251: Resolution) -> None:
    assert [p.phrase for p in res_80_251.preamble] == [
        "Reaffirming",
        "Recalling",
        "Emphasizing",
        "Recognizing",
    ]
    assert res_80_251.preamble[1].text.startswith("Recalling its resolutions 79/318 of 18 July 2025")
    assert res_80_251.preamble[1].text.endswith("decision 79/571 of 2 September 2025,")


@pytest.mark.shared_data
def test_80_251_operative_paragraphs_are_numbered_1_to_33_in_order(res_80_251: Resolution) -> None:
    assert [p.number for p in res_80_251.operative] == list(range(1, 34))
    verbs = {p.number: p.verb for p in res_80_251.operative}
    assert verbs[1] == "Agrees"
    assert verbs[4] == "Also requests"
    assert verbs[5] == "Commits"
    assert verbs[20] == "Reaffirms"
    assert verbs[23] == "Calls upon"
    assert verbs[26] == "Also agrees"
    assert verbs[30] == "Further requests"
    assert verbs[33] == "Decides"


@pytest.mark.shared_data
def test_80_251_headings_between_paragraphs_are_not_text(res_80_251: Resolution) -> None:
    paragraph = res_80_251.paragraph(1)
    assert paragraph is not None
    assert paragraph.subparagraphs[-1].text.endswith("inform decisions on the future of mandates;")
    assert all("Mandate creation" not in p.text for p in res_80_251.operative)


@pytest.mark.shared_data
def test_80_251_sub_paragraphs_a_to_n_under_paragraph_1(res_80_251: Resolution) -> None:
    paragraph = res_80_251.paragraph(1)
    assert paragraph is not None
    assert [s.label for s in paragraph.subparagraphs] == [f"({c})" for c in "abcdefghijklmn"]
    assert paragraph.subparagraphs[8].text.startswith(
        "Enhanced visibility and transparency"
    )  # (i) is a letter
    assert paragraph.subparagraphs[8].children == ()
    assert paragraph.text.endswith("United Nations system mandates:")


@pytest.mark.shared_data
def test_80_251_roman_sub_paragraphs_nest_under_d_of_paragraph_33(res_80_251: Resolution) -> None:
    paragraph = res_80_251.paragraph(33)
    assert paragraph is not None
    assert [s.label for s in paragraph.subparagraphs] == [f"({c})" for c in "abcdefgh"]
    d = paragraph.subparagraphs[3]
    assert d.text == "The Working Group will:"
    assert [c.label for c in d.children] == ["(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)", "(vii)"]
    assert d.children[4].text.startswith("Receive the Secretary-General’s advice, as set out in paragraph 18")
    assert paragraph.subparagraphs[7].text.endswith("effective discharge of its mandate.")


@pytest.mark.shared_data
def test_80_251_every_operative_paragraph_other_than_1_and_33_has_no_sub_paragraphs(
    res_80_251: Resolution,
) -> None:
    assert [p.number for p in res_80_251.operative if p.subparagraphs] == [1, 33]


def test_a_human_rights_council_resolution_from_text(fixtures: Path) -> None:
    r = parse_resolution(read(fixtures / "mandates" / "hrc-22-6-defenders.txt"))
    assert (r.symbol, r.body, r.number, r.session, r.title) == (
        "A/HRC/RES/22/6",
        Body.HRC,
        "22/6",
        22,
        "Protecting human rights defenders",
    )
    assert r.adopted == dt.date(2013, 3, 21)  # from the meeting line at the end
    assert [p.phrase for p in r.preamble] == [
        "Guided by",
        "Reaffirming",
        "Recalling",
        "Gravely concerned",
        "Welcoming",
    ]
    assert [p.number for p in r.operative] == list(range(1, 9))
    three = r.paragraph(3)
    assert three is not None and three.text == "Urges States:"
    assert [s.label for s in three.subparagraphs] == ["(a)", "(b)", "(c)"]
    assert r.operative[-1].text.endswith("in accordance with its programme of work.")


def test_a_second_council_resolution_with_its_adoption_date_in_the_head(fixtures: Path) -> None:
    r = parse_resolution(read(fixtures / "mandates" / "hrc-36-21-reprisals.txt"))
    assert (r.symbol, r.session, r.adopted) == ("A/HRC/RES/36/21", 36, dt.date(2017, 9, 29))
    assert [p.phrase for p in r.preamble] == ["Reaffirming", "Deeply concerned", "Taking note"]
    assert [(p.number, p.verb) for p in r.operative] == [
        (1, "Condemns"),
        (2, "Urges"),
        (3, "Requests"),
        (4, "Invites"),
        (5, "Encourages"),
        (6, "Decides"),
    ]


def test_the_fictional_example_resolution() -> None:
    path = REPO / "examples" / "resolution.txt"
    if not path.is_file():
        pytest.skip("examples/resolution.txt is absent")
    r = parse_resolution(read(path))
    assert (r.symbol, r.number, r.session, r.adopted) == ("A/RES/EX/1", "80/EX/1", 80, dt.date(2025, 12, 17))
    assert len(r.preamble) == 5
    assert [p.number for p in r.operative] == list(range(1, 23))
    sixteen = r.paragraph(16)
    assert sixteen is not None and [s.label for s in sixteen.subparagraphs] == ["(a)", "(b)", "(c)"]


def test_paragraphs_joined_into_one_block_are_split_again() -> None:
    document = blocks(
        "22/6. Protecting human rights defenders",
        "The Human Rights Council, Guided by the Charter, Recalling its resolution 16/5, "
        "1. Welcomes the report; 2. Urges States: (a) To protect defenders; (b) To investigate attacks; "
        "3. Requests the Secretary-General to report at its twenty-fifth session. "
        "38th meeting 21 March 2013",
    )
    r = parse_resolution(document)
    assert r.symbol == "A/HRC/RES/22/6"
    assert [p.phrase for p in r.preamble] == ["Guided by", "Recalling"]
    assert [p.number for p in r.operative] == [1, 2, 3]
    two = r.paragraph(2)
    assert two is not None and [s.text for s in two.subparagraphs] == [
        "To protect defenders;",
        "To investigate attacks;",
    ]
    assert r.operative[-1].text.endswith("twenty-fifth session.")


def test_lines_split_by_a_page_break_are_joined() -> None:
    document = blocks(
        "A/RES/72/247",
        "The General Assembly,",
        "Recalling its resolution 53/144 of 9 December 1998 on the Declaration on the Right and",
        "Responsibility of Individuals, Groups and Organs of Society,",
        "1. Requests the Secretary-General to submit a comprehensive assessment",
        "to the General Assembly at its seventy-third session;",
    )
    r = parse_resolution(document)
    assert len(r.preamble) == 1 and r.preamble[0].text.endswith("Organs of Society,")
    assert r.operative[0].text.endswith("at its seventy-third session;")
    assert r.session == 72


def test_a_decision_of_the_council() -> None:
    r = parse_resolution(
        blocks("A/HRC/DEC/22/117", "The Human Rights Council,", "1. Decides to hold a panel.")
    )
    assert (r.kind, r.body, r.session) == ("decision", Body.HRC, 22)


def test_a_french_resolution() -> None:
    r = parse_resolution(
        blocks(
            "A/HRC/RES/22/6",
            "Le Conseil des droits de l’homme,",
            "Guidé par les buts et principes de la Charte des Nations Unies,",
            "Profondément préoccupé par les menaces contre les défenseurs des droits de l’homme,",
            "1. Prie le Secrétaire général de présenter un rapport au Conseil;",
            "2. Prie également le Haut-Commissaire de fournir une assistance;",
            "3. Décide de poursuivre l’examen de la question.",
        )
    )
    assert [p.phrase for p in r.preamble] == ["Guidé par", "Profondément préoccupé par"]
    assert [(p.verb, p.verb_key) for p in r.operative] == [
        ("Prie", "requests"),
        ("Prie également", "requests"),
        ("Décide", "decides"),
    ]


def test_a_spanish_operative_paragraph() -> None:
    r = parse_resolution(
        blocks(
            "A/RES/72/247",
            "La Asamblea General,",
            "Recordando su resolución 53/144,",
            "1. Solicita también al Secretario General que presente un informe;",
            "2. Exhorta a los Estados a que protejan a los defensores;",
        )
    )
    assert r.body is Body.GA
    assert [(p.verb, p.verb_key) for p in r.operative] == [
        ("Solicita también", "requests"),
        ("Exhorta", "calls upon"),
    ]


def test_a_document_without_numbered_paragraphs_is_not_a_resolution() -> None:
    with pytest.raises(ResolutionError, match=r"made\.txt: no numbered operative paragraphs"):
        parse_resolution(blocks("A/73/230", "Report of the Secretary-General", "Some prose."))


def test_a_resolution_without_symbol_or_number_is_refused_with_a_reason() -> None:
    with pytest.raises(ResolutionError, match="no resolution symbol or number"):
        parse_resolution(blocks("The General Assembly,", "Recalling the Charter,", "1. Decides to meet."))
