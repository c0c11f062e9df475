"""UPR recommendation lists as real reports print them (issue 12, finding 12), on passages written for the test:
lead-ins worded without "recommendation", a lead-in naming no State, items glued across a page break, grouped
brackets, misspelt States, items numbered "1.", "2." under the lead-in."""

from __future__ import annotations

from hrdmap.analyse.recommendations import announced_list, extract_recommendations
from hrdmap.analyse.taggers.base import Passage
from hrdmap.domain.recommendations import Recommendation


def recs(*texts: str) -> list[Recommendation]:
    return extract_recommendations([Passage(i, t) for i, t in enumerate(texts)])


def test_a_lead_in_without_the_word_recommendation_gives_response_and_state() -> None:
    found = recs(
        "86. The following enjoy the support of Chile, which considers them already implemented:",
        "86.1. Adopt a law on defenders (Norway);",
        "87. The following did not enjoy the support of Chile:",
        "87.1. Abolish the law on foreign agents (Spain);",
        "88. The following will be examined by Chile, which will respond in due time:",
        "88.1. Ratify the Convention (Peru);",
    )
    assert [(r.number, r.response, r.addressee) for r in found] == [
        ("86.1", "supported", "Chile"),
        ("87.1", "noted", "Chile"),
        ("88.1", None, "Chile"),
    ]


def test_a_lead_in_naming_no_state_takes_the_state_the_report_reviewed() -> None:
    found = recs(
        "1. The Working Group held its session in May. The review of Mongolia was held at the 5th meeting.",
        "90. The recommendations listed below enjoy the support of the State under review:",
        "90.1. Protect journalists (Ireland);",
    )
    assert [(r.response, r.addressee) for r in found] == [("supported", "Mongolia")]


def test_a_lead_in_split_over_two_passages_still_gives_the_response() -> None:
    found = recs(
        "95. The recommendations formulated during the interactive dialogue and listed below",
        "have been examined by Ghana and enjoy its support:",
        "95.1. Adopt a law on defenders (Norway);",
    )
    assert [(r.response, r.addressee) for r in found] == [("supported", "Ghana")]


def test_the_first_item_of_a_page_glued_to_the_last_of_the_page_before_is_its_own() -> None:
    found = recs(
        "98. The following recommendations enjoy the support of Kenya:",
        "98.12. Adopt a law on defenders (France); 98.13. Ensure prompt investigations into attacks on journalists"
        " (Chile, Peru); 98.14 Invite the Special Rapporteur (Ghana);",
    )
    assert [(r.number, r.recommending_states) for r in found] == [
        ("98.12", ("France",)),
        ("98.13", ("Chile", "Peru")),
        ("98.14", ("Ghana",)),
    ]
    assert found[1].text == "Ensure prompt investigations into attacks on journalists"
    assert all(r.response == "supported" for r in found)


def test_a_lead_in_glued_to_its_first_item() -> None:
    found = recs("99. The following recommendations enjoy the support of Kenya: 99.1. Adopt a law (France);")
    assert [(r.number, r.response, r.addressee) for r in found] == [("99.1", "supported", "Kenya")]


def test_grouped_brackets_keep_every_state() -> None:
    [rec] = recs("120.5. Ratify the Optional Protocol (Chile); (Czech Republic); (Portugal);")
    assert rec.recommending_states == ("Chile", "Czechia", "Portugal")
    assert rec.text == "Ratify the Optional Protocol"


def test_a_misspelt_state_keeps_the_recommendation_and_flags_the_name() -> None:
    [rec] = recs("120.6. Ratify the Convention against Torture (CAT) (Chilie);")
    assert rec.text == "Ratify the Convention against Torture (CAT)"
    assert rec.recommending_states == ("Chilie",) and rec.unknown_states == ("Chilie",)
    [both] = recs("120.7. Protect defenders (Norway, Kyrgyztan);")
    assert both.recommending_states == ("Norway", "Kyrgyztan") and both.unknown_states == ("Kyrgyztan",)


def test_state_names_written_inverted_or_with_an_article_are_known() -> None:
    [rec] = recs("129.2. Guarantee a free press (Venezuela, Bolivarian Republic of); (The Holy See);")
    assert rec.unknown_states == ()
    assert len(rec.recommending_states) == 2


def test_a_bracket_of_text_is_not_taken_for_states() -> None:
    assert recs("120.8. Ratify ILO Convention No. 169 (No. 169);") == []
    assert recs("120.9. Consult civil society (NGOs, unions);") == []


def test_items_numbered_one_two_under_a_lead_in_are_numbered_after_it() -> None:
    found = recs(
        "111. The recommendations formulated during the interactive dialogue and listed below will be examined by"
        " Slovenia, which will provide responses in due course:",
        "1. To examine the possibility of joining the Convention on Migrant Workers (Algeria, Egypt);",
        "2. To strengthen the Human Rights Ombudsman (Egypt); 3. To share experiences (Moldova);",
        "112. All conclusions and/or recommendations reflect the positions of the submitting States.",
        "4. A numbered paragraph of another section (Egypt).",
    )
    assert [(r.number, r.addressee) for r in found] == [
        ("111.1", "Slovenia"),
        ("111.2", "Slovenia"),
        ("111.3", "Slovenia"),
    ]


def test_a_list_announced_but_unreadable_is_told_apart_from_no_list() -> None:
    lead = "70. The following recommendations enjoy the support of Kenya:"
    assert announced_list([Passage(1, lead), Passage(2, "a) Adopt a law - France")]) == "70"
    assert announced_list([Passage(1, "12. Kenya welcomed the report.")]) is None
