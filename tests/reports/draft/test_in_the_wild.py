"""The draft on contributions as they arrive (issue 12, finding 8): passages in other languages are never pasted
into an English body, correspondence is no finding, a challenge is no recommendation, and citations name the
parent paragraph. Inputs are written for the test (:mod:`tests.reports.draft_factory`)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from hrdmap.domain.report import NoteRef, Report, Span
from hrdmap.reports.boilerplate import non_substantive
from hrdmap.reports.draft.builder import build_draft
from hrdmap.reports.draft.inputs import Candidate
from hrdmap.reports.draft.sidecar import sidecar
from hrdmap.reports.draft.templates import Templates
from hrdmap.reports.render.html import render_html

from ..draft_factory import candidates, draft_input

FRENCH = (
    "La Commission a organisé en 2025 des consultations avec les défenseurs des droits fonciers dans trois provinces."
)


def _report(extra: list[Candidate], **changes: object) -> Report:
    return build_draft(draft_input(candidates=(*candidates(), *extra), **changes), Templates().phrases())


def _paragraph_with(report: Report, block_id: int):  # type: ignore[no-untyped-def]
    for paragraph in report.numbered():
        if any(s.block_id == block_id for s in paragraph.all_sources()):
            return paragraph
    raise AssertionError(f"block {block_id} not drafted")


def _notes(report: Report, paragraph) -> list:  # type: ignore[no-untyped-def]
    numbers = [p.number for p in (*paragraph.content, *(i for it in paragraph.items for i in it.content))
               if isinstance(p, NoteRef)]
    return [n for n in report.footnotes if n.number in numbers]


def test_a_passage_in_another_language_is_stated_in_english_and_quoted_in_its_footnote() -> None:
    french = Candidate(41, 1, 20, FRENCH, "fr", "4.", {"A": 0.9}, {"practice": 0.9}, countries=("Morocco",),
                       groups=("Land and environmental defenders",))
    report = _report([french])
    paragraph = _paragraph_with(report, 41)
    body = paragraph.text
    assert "Commission a organisé" not in body
    assert all(span.language is None for span in paragraph.content if isinstance(span, Span))
    assert body.startswith("Norway described a practice concerning dialogue between Governments and defenders")
    assert "in Morocco" in body and "land and environmental defenders" in body
    [note] = _notes(report, paragraph)
    assert note.text == "Input by Norway. Original in French:"
    assert note.original == Span(f"“{FRENCH}”", "fr")
    assert sidecar(report)["originals"][str(note.number)] == {"language": "fr", "text": f"“{FRENCH}”"}
    page = render_html(report, Templates())
    assert f'<span class="original" lang="fr" dir="auto">“{FRENCH}”</span>'.replace("'", "&#39;") in page


def test_with_an_offline_translator_the_body_is_the_translation() -> None:
    def translate(text: str, source: str, target: str) -> str | None:
        return "The Commission held consultations with land defenders in three provinces in 2025." if (
            source, target) == ("fr", "en") else None

    french = Candidate(41, 1, 20, FRENCH, "fr", "4.", {"A": 0.9}, {"practice": 0.9})
    report = _report([french], translate=translate)
    paragraph = _paragraph_with(report, 41)
    assert "The Commission held consultations with land defenders" in paragraph.text
    [note] = _notes(report, paragraph)
    assert note.text == "Input by Norway. Machine translation from French; original:"
    assert note.original is not None and note.original.language == "fr"


def test_a_confidential_foreign_passage_names_no_one() -> None:
    spanish = Candidate(42, 3, 21, "La red documentó 40 amenazas contra periodistas en la región durante 2025.",
                        "es", None, {"D": 0.9}, {"challenge": 0.9})
    report = _report([spanish])
    paragraph = _paragraph_with(report, 42)
    assert paragraph.text.startswith("One contributor reported a challenge concerning")
    assert "Digital Shield" not in paragraph.text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Please find attached our contribution to the call for inputs on human rights defenders.", "cover letter"),
        ("The Permanent Mission of Norway presents its compliments to the Office of the United Nations High "
         "Commissioner for Human Rights and has the honour to transmit its contribution.", "cover letter"),
        ("All persons and organizations named in this document are fictional.", "disclaimer"),
        ("The views expressed in this submission are those of the authors and do not necessarily reflect those "
         "of the network.", "disclaimer"),
        ("The Mission avails itself of this opportunity to renew to the Office the assurances of its highest "
         "consideration.", "courtesy"),
        ("Yours sincerely,", "courtesy"),
        ("Jane Doe, Executive Director, East African Defenders Link.", "signature"),
        ("J'ai l'honneur de vous transmettre la contribution de la Commission nationale.", "cover letter"),
        ("Veuillez agréer, Madame, l'expression de ma haute considération.", "courtesy"),
        ("Toutes les personnes mentionnées sont fictives.", "disclaimer"),
        ("Tengo el honor de remitirle la contribución del Gobierno de Costa Rica.", "cover letter"),
        ("Atentamente, la Defensoría de los Habitantes.", "courtesy"),
        ("Имею честь препроводить вклад Структуры «ООН-женщины».", "cover letter"),
        ("С уважением, координатор программы.", "courtesy"),
        ("تغتنم البعثة هذه الفرصة لتعرب مجددا عن أسمى آيات تقديرها.", "courtesy"),
        ("顺致崇高的敬意。", "courtesy"),
        ("(Signed) Ana Pérez", "signature"),
    ],
)
def test_correspondence_in_the_six_languages_is_recognised(text: str, kind: str) -> None:
    assert non_substantive(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "In 2025, Norway funded a national dialogue between the Government and defenders on the draft law.",
        "The Director of the Commission met 40 defenders in Nairobi and referred 12 cases to the police.",
        "Le Gouvernement a adopté en 2014 une loi relative à la protection des défenseurs des droits humains.",
        "Defenders of fictional characters' rights? No: defenders of land rights were threatened in 2025, and the "
        "authorities opened no investigation although the attacks were reported to the police and to the national "
        "human rights institution, which has the honour to be accredited with A status and recorded every case "
        "in its annual report to Parliament.",
    ],
)
def test_findings_are_not_taken_for_correspondence(text: str) -> None:
    assert non_substantive(text) is None


def test_correspondence_tagged_as_a_practice_or_recommendation_stays_out_of_the_draft() -> None:
    cover = Candidate(51, 1, 30, "Please find attached our contribution; we recommend that you contact us.", "en",
                      None, {"A": 0.9}, {"recommendation": 0.9, "practice": 0.8})
    disclaimer = Candidate(52, 2, 31, "All persons named in this contribution are fictional.", "en", None,
                           {"B": 0.9}, {"practice": 0.9})
    report = _report([cover, disclaimer])
    used = {s.block_id for p in report.numbered() for s in p.all_sources()}
    assert not used & {51, 52}


def test_a_challenge_that_mentions_recommendations_stays_a_challenge() -> None:
    challenge = Candidate(
        53, 1, 32, "The recommendations of the Special Rapporteur on the situation of defenders have not been "
        "implemented, and threats continue.", "en", None, {"G": 0.9}, {"recommendation": 0.9, "challenge": 0.7})
    report = _report([challenge])
    conclusions = report.sections[3]
    assert all(s.block_id != 53 for p in conclusions.paragraphs for s in p.all_sources())
    paragraph = _paragraph_with(report, 53)
    assert paragraph.sources[0].kind == "challenge" and paragraph.sources[0].area == "G"


def test_sources_cite_the_parent_paragraph() -> None:
    sub = dataclasses.replace(candidates()[1], citation="12 (a)", label="(a)")
    report = build_draft(draft_input(candidates=(candidates()[0], sub, *candidates()[2:])), Templates().phrases())
    data = sidecar(report)
    labels = {s["label"] for p in data["paragraphs"].values() for s in p["sources"]}
    assert "12 (a)" in labels and "(a)" not in labels and "•" not in labels
    page = render_html(report, Templates())
    assert "para. 12 (a)" in page and "para. (a)" not in page
    assert json.dumps(data)
