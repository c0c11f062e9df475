"""Citations of resolutions, and which requests a citing paragraph answers."""

from __future__ import annotations

import pytest

from hrdmap.analyse.resolutions.citations import answered_requests, body_of_symbol, find_citations
from hrdmap.domain.mandates import Addressee, Body, ProductKind, Request, Resolution

RES = Resolution(symbol="A/RES/72/247", body=Body.GA, number="72/247", session=72)


def request(
    paragraph: int, product: ProductKind | None, recipients: tuple[Body, ...] = (Body.GA,)
) -> Request:
    who = Addressee("Secretary-General", "the Secretary-General")
    return Request(paragraph, None, "Requests", who, "do it",
                   recipients=recipients, product=product)  # fmt: skip


REQUESTS = [
    request(16, ProductKind.ASSESSMENT),
    request(17, ProductKind.COMPILATION),
    request(18, ProductKind.CONSULTATION),
    request(21, ProductKind.REPORT, (Body.GA, Body.HRC)),
]


@pytest.mark.parametrize(
    ("text", "symbol", "paragraphs", "responsive"),
    [
        ("The present report is submitted pursuant to paragraph 17 of General Assembly resolution 72/247.",
         "A/RES/72/247", (17,), True),
        ("in accordance with General Assembly resolution 72/247", "A/RES/72/247", (), True),
        ("A/RES/72/247, para. 16.", "A/RES/72/247", (16,), False),
        ("pursuant to paragraphs 16 and 17 of resolution 72/247", None, (16, 17), True),
        ("See A/HRC/RES/22/6, paras. 4 to 6", "A/HRC/RES/22/6", (4, 5, 6), False),
        ("In its resolution 72/247, the Assembly requested the Secretary-General to report", None, (), True),
        ("Recalling its resolution 72/247 of 20 December 2017,", None, (), False),
        ("the contribution to the assessment requested in resolution 72/247", None, (), False),
    ],
)  # fmt: skip
def test_citations(text: str, symbol: str | None, paragraphs: tuple[int, ...], responsive: bool) -> None:
    (citation,) = find_citations(text)
    assert (citation.symbol, citation.number, citation.paragraphs, citation.responsive) == (
        symbol,
        citation.number,
        paragraphs,
        responsive,
    )


def test_several_resolutions_in_one_mention() -> None:
    numbers = [c.number for c in find_citations("Recalling resolutions 72/247 and 74/146, and A/RES/53/144,")]
    assert numbers == ["72/247", "74/146", "53/144"]


def test_a_named_paragraph_answers_the_requests_of_that_paragraph() -> None:
    (citation,) = find_citations("submitted pursuant to paragraph 17 of General Assembly resolution 72/247")
    assert answered_requests(citation, RES, REQUESTS, Body.GA) == [(1, "paragraph")]


def test_a_whole_resolution_in_responsive_words_answers_its_document_requests() -> None:
    (citation,) = find_citations(
        "This note is submitted in accordance with General Assembly resolution 72/247."
    )
    assert answered_requests(citation, RES, REQUESTS, Body.GA) == [
        (0, "symbol"),
        (1, "symbol"),
        (3, "symbol"),
    ]


def test_the_document_named_before_the_citation_narrows_the_answer() -> None:
    (citation,) = find_citations(
        "The present compilation is submitted pursuant to General Assembly resolution 72/247."
    )
    assert citation.product is ProductKind.COMPILATION
    assert answered_requests(citation, RES, REQUESTS, Body.GA) == [(1, "symbol")]


def test_a_council_document_answers_only_what_goes_to_the_council() -> None:
    (citation,) = find_citations("pursuant to General Assembly resolution 72/247")
    assert answered_requests(citation, RES, REQUESTS, body_of_symbol("A/HRC/38/18")) == [(3, "symbol")]


def test_a_mention_in_passing_answers_nothing() -> None:
    (citation,) = find_citations("as the Assembly noted in resolution 72/247")
    assert answered_requests(citation, RES, REQUESTS, Body.GA) == []


def test_another_bodys_resolution_with_the_same_number_answers_nothing() -> None:
    (citation,) = find_citations("pursuant to paragraph 17 of Human Rights Council resolution 72/247")
    assert answered_requests(citation, RES, REQUESTS, None) == []


@pytest.mark.parametrize(
    ("symbol", "body"),
    [
        ("A/73/230", Body.GA),
        ("A/HRC/38/18", Body.HRC),
        ("E/2018/64", Body.ECOSOC),
        (None, None),
        ("CCPR/C/1", None),
    ],
)
def test_the_body_a_document_goes_to(symbol: str | None, body: Body | None) -> None:
    assert body_of_symbol(symbol) is body


def test_a_footnote_naming_the_paragraph_answers_whatever_its_wording() -> None:
    (citation,) = find_citations("A/RES/72/247, para. 16")
    assert answered_requests(citation, RES, REQUESTS, None) == [(0, "paragraph")]
