"""A country counts on the map only where a passage is about it (issue 12, finding 9): not the recommending State
in brackets, not a State that voiced concern about another, not an organisation's name, not a sender. Spans come
from the real gazetteer tagger; the passages are written for the test."""

from __future__ import annotations

import pytest

from hrdmap.analyse.taggers.gazetteer import COUNTRIES, GazetteerTagger
from hrdmap.reports.map.places import countries_about


def about(text: str, document_country: str | None = None) -> set[str]:
    mentions = {
        tag.label: [(e.start, e.end) for e in tag.evidence if e.start is not None and e.end is not None]
        for tag in GazetteerTagger().tag_text(text)
        if tag.framework == COUNTRIES
    }
    return countries_about(text, mentions, document_country)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("98.12. Protect journalists and human rights defenders in Kenya (Norway);", {"KEN"}),
        ("120.5. Ratify the Optional Protocol (Chile); (Czech Republic); (Portugal);", {"BRA"}),
        ("Norway expressed concern about the arrest of defenders in Belarus.", {"BLR"}),
        ("The delegation of Germany welcomed the new law on defenders adopted by Honduras.", {"HND"}),
        ("France recommended that Kenya protect land defenders.", {"KEN"}),
        ("The Kenya Human Rights Commission documented 40 attacks on defenders in Uganda.", {"UGA"}),
        ("The Netherlands Helsinki Committee trained lawyers from Azerbaijan.", {"AZE"}),
        ("The Permanent Mission of Norway transmits the contribution on defenders in Guatemala.", {"GTM"}),
        ("Defenders in Kenya face threats and smears.", {"KEN"}),
        ("Norway funded a national dialogue between the Government and defenders in Norway.", {"NOR"}),
    ],
)
def test_a_country_counts_only_where_the_passage_is_about_it(text: str, expected: set[str]) -> None:
    assert about(text, document_country="BRA") == expected


def test_a_passage_only_about_speakers_is_about_the_state_under_review_or_no_country() -> None:
    text = "Norway welcomed the adoption of the law on the protection of defenders."
    assert about(text, document_country="HND") == {"HND"}
    assert about(text) == set()


def test_an_organisation_name_alone_does_not_fall_back_to_the_document_state() -> None:
    text = "The Colombian Commission of Jurists held a training on protection measures."
    assert about(text, document_country="BRA") == set()
