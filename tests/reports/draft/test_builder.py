"""The draft builder: structure, continuous numbering, order of passages, credits, confidentiality, budget."""

from __future__ import annotations

from hrdmap.domain.mandates import SubParagraph
from hrdmap.domain.report import NoteRef, Report
from hrdmap.reports.draft.inputs import DraftOptions, MandatedRequest, MandateFacts
from hrdmap.reports.draft.sidecar import sidecar

from ..draft_factory import small_report


def _all_text(report: Report) -> str:
    parts = [report.title, *(p.text for p in report.summary), *(n.text for n in report.footnotes)]
    for section in report.sections:
        for p in section.all_paragraphs():
            parts += [p.text, *(i.text for i in p.items)]
    return "\n".join(parts)


def test_sections_follow_the_un_outline() -> None:
    report = small_report()
    assert [(s.numeral, s.title) for s in report.sections] == [
        ("I", "Introduction"),
        ("II", "Framework of the assessment"),
        ("III", "Practices and challenges reported"),
        ("IV", "Conclusions and recommendations"),
    ]
    assert [sub.letter for sub in report.sections[2].subsections] == list("ABCDEFGH")
    assert report.symbol == "A/73/[…]"


def test_paragraphs_are_numbered_continuously_through_the_report() -> None:
    numbers = [p.number for p in small_report().numbered()]
    assert numbers == list(range(1, len(numbers) + 1))


def test_footnotes_are_numbered_in_order_of_call() -> None:
    report = small_report()
    calls = [
        part.number
        for p in report.numbered()
        for part in (*p.content, *(c for item in p.items for c in item.content))
        if isinstance(part, NoteRef)
    ]
    assert calls == [n.number for n in report.footnotes] == list(range(1, len(calls) + 1))


def test_the_introduction_cites_the_mandate_by_paragraph_and_the_requests_sent() -> None:
    intro = [p.text for p in small_report().sections[0].paragraphs]
    assert intro[0] == (
        "In its resolution 72/247, the General Assembly requested the Secretary-General to undertake a "
        "comprehensive assessment, and to submit a report at its seventy-third session (paras. 16 and 17)."
    )
    assert intro[1].startswith("On 22 March 2018, OHCHR sent a note verbale to Member States, inviting them to")
    assert "Reminders were sent on 20 April 2018." in intro[1]


def test_a_request_that_ends_with_a_colon_keeps_its_sub_paragraphs_inline() -> None:
    nested = (SubParagraph("(i)", "Defenders; and"), SubParagraph("(ii)", "NGOs;"))
    items = (
        SubParagraph("(a)", "Give due consideration to the Declaration;"),
        SubParagraph("(b)", "States and their institutions, in consultation with:", nested),
    )
    requests = (
        MandatedRequest(4, "the Secretary-General", "report on the ways in which States", items),
        MandatedRequest(5, "the Secretary-General", "submit a report"),
        MandatedRequest(5, "the High Commissioner", "assist"),
    )
    mandate = MandateFacts("A/RES/1/1", (4, 5), number="1/1", body="General Assembly", requests=requests)
    intro = small_report(mandate=mandate).sections[0].paragraphs[0].text
    assert intro == (
        "In its resolution 1/1, the General Assembly requested the Secretary-General to report on the ways in which"
        " States: (a) give due consideration to the Declaration; and (b) States and their institutions, in"
        " consultation with: (i) defenders; and (ii) NGOs. It also requested the Secretary-General to submit a"
        " report; and the High Commissioner to assist (paras. 4 and 5)."
    )


def test_practices_come_before_challenges_in_an_area() -> None:
    area_a = small_report().sections[2].subsections[0]
    assert [p.sources[0].kind for p in area_a.paragraphs] == ["practice", "challenge"]
    assert area_a.paragraphs[0].text.startswith("In 2025, Norway funded")


def test_footnotes_credit_contributors_in_un_style() -> None:
    notes = {n.text for n in small_report().footnotes}
    assert "Input by Norway." in notes
    assert "Input by the United Nations Development Programme." in notes
    assert "Confidential input on file with the Secretariat." in notes


def test_a_confidential_contributor_is_never_named() -> None:
    report = small_report()
    text = _all_text(report)
    assert "Digital Shield" not in text
    assert "[…] documented 400 online threats" in text
    sources = [s for p in report.numbered() for s in p.all_sources() if s.confidential]
    assert sources and all(s.contributor is None for s in sources)


def test_recommendations_go_to_the_conclusions_grouped_by_area() -> None:
    conclusions = small_report().sections[3].paragraphs
    groups = [p for p in conclusions if p.items]
    assert [g.text for g in groups] == [
        "With regard to laws and policies at country level, contributors recommended the following:",
        "With regard to protection and accountability mechanisms, contributors recommended the following:",
    ]
    assert groups[0].items[0].sources[0].block_id == 23


def test_every_drafted_paragraph_keeps_its_source_blocks() -> None:
    mapped = sidecar(small_report())["paragraphs"]
    sourced = {s["block"] for p in mapped.values() for s in p["sources"]}
    sourced |= {s["block"] for p in mapped.values() for item in p["items"].values() for s in item}
    assert sourced == {11, 12, 21, 22, 23, 31, 32}


def test_a_small_word_limit_keeps_fewer_passages_and_is_reported() -> None:
    full = small_report()
    short = small_report(options=DraftOptions(word_limit=100))
    assert sum(len(p.all_sources()) for p in short.numbered()) < sum(len(p.all_sources()) for p in full.numbered())
    assert short.over_limit
    assert sidecar(short)["words"]["over_limit"] is True
    assert not full.over_limit


def test_annex_counts_contributions_and_coverage() -> None:
    annex = small_report().annex
    assert annex is not None
    types, areas = annex.tables
    assert types.rows[-1] == ("Total", "3", "1")
    row_a = next(r for r in areas.rows if r[0].startswith("A."))
    assert row_a[1:] == ("2", "1", "1", "1", "0")
