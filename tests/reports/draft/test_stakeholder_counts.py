"""The sentence that counts contributors by type, in UN editorial style."""

from __future__ import annotations

import pytest

from hrdmap.domain.calls import StakeholderType as T
from hrdmap.reports.draft.stakeholder_counts import (
    Contributor,
    alphabetical,
    confidential_sentence,
    contributions_sentence,
    contributors_phrase,
    join_and,
)


def some(kind: T, count: int, prefix: str = "Org") -> list[Contributor]:
    return [Contributor(f"{prefix} {kind.value} {n}", kind) for n in range(count)]


STATES_2018 = ["Norway", "Colombia", "Czechia", "Mexico", "Qatar", "Switzerland", "Uruguay", "Ukraine"]


def test_the_2018_figures_are_written_as_the_report_writes_them() -> None:
    contributors = (
        [Contributor(name, T.MEMBER_STATE) for name in STATES_2018]
        + some(T.UN_ENTITY, 18)
        + some(T.NHRI, 6)
        + some(T.REGIONAL_ORGANISATION, 2)
        + some(T.NGO, 17)
    )
    assert contributors_phrase(contributors) == (
        "51 stakeholders: 8 States (Colombia, Czechia, Mexico, Norway, Qatar, Switzerland, Ukraine and Uruguay), "
        "18 United Nations entities, 6 national human rights institutions, 2 regional organizations and "
        "17 civil society organizations"
    )


def test_numbers_under_ten_are_words_when_the_whole_series_is_under_ten() -> None:
    contributors = [Contributor("Chile", T.MEMBER_STATE), Contributor("Portugal", T.MEMBER_STATE)] + some(T.NHRI, 1)
    assert contributors_phrase(contributors) == (
        "three stakeholders: two States (Chile and Portugal) and one national human rights institution"
    )


def test_a_series_with_a_number_of_ten_or_more_is_all_in_figures() -> None:
    phrase = contributors_phrase(some(T.NGO, 10) + some(T.UN_ENTITY, 1))
    assert phrase == "11 stakeholders: 1 United Nations entity and 10 civil society organizations"


def test_nine_is_the_last_number_written_as_a_word() -> None:
    assert contributors_phrase(some(T.NGO, 9)) == "nine civil society organizations"
    assert contributors_phrase(some(T.NGO, 10)) == "10 civil society organizations"


def test_one_type_needs_no_total() -> None:
    states = [Contributor(n, T.MEMBER_STATE) for n in ("Portugal", "Chile", "Norway")]
    assert contributors_phrase(states) == "three States (Chile, Norway and Portugal)"


def test_observer_states_count_and_are_named_with_member_states() -> None:
    states = [Contributor("Norway", T.MEMBER_STATE), Contributor("Holy See", T.OBSERVER_STATE)]
    assert contributors_phrase(states) == "two States (Holy See and Norway)"


def test_states_are_in_alphabetical_order_ignoring_accents_and_case() -> None:
    names = ["Cuba", "Côte d'Ivoire", "Costa Rica", "türkiye", "Tunisia"]
    assert alphabetical(names) == ["Costa Rica", "Côte d'Ivoire", "Cuba", "Tunisia", "türkiye"]


def test_a_state_whose_contributions_are_all_confidential_is_counted_not_named() -> None:
    states = [
        Contributor("Norway", T.MEMBER_STATE),
        Contributor("Chile", T.MEMBER_STATE),
        Contributor("Secretland", T.MEMBER_STATE, named=False),
    ]
    phrase = contributors_phrase(states)
    assert phrase == "three States (Chile, Norway and one other)"
    assert "Secretland" not in phrase
    assert contributors_phrase([Contributor("Secretland", T.MEMBER_STATE, named=False)]) == "one State"


def test_the_order_of_types_follows_the_report() -> None:
    contributors = some(T.ACADEMIC, 1) + some(T.NGO, 1) + some(T.UN_ENTITY, 1) + some(T.TREATY_BODY, 2)
    contributors += some(T.SPECIAL_PROCEDURE, 1) + some(T.OTHER, 1) + [Contributor("Chile", T.MEMBER_STATE)]
    assert contributors_phrase(contributors) == (
        "eight stakeholders: one State (Chile), one United Nations entity, one special procedure mandate holder, "
        "two treaty bodies, one civil society organization, one academic institution and one other stakeholder"
    )


@pytest.mark.parametrize(
    ("items", "joined"),
    [([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C")],
)
def test_items_are_joined_with_and_before_the_last_without_a_serial_comma(items: list[str], joined: str) -> None:
    assert join_and(items) == joined


def test_the_sentence_wraps_the_phrase_and_says_when_nothing_came() -> None:
    assert contributions_sentence([]) == "No contributions were received."
    assert contributions_sentence(some(T.NGO, 2)) == (
        "Contributions were received from two civil society organizations."
    )


@pytest.mark.parametrize(
    ("count", "sentence"),
    [
        (0, ""),
        (1, "In addition, one contribution is confidential and on file with the Secretariat."),
        (2, "In addition, two contributions are confidential and on file with the Secretariat."),
        (12, "In addition, 12 contributions are confidential and on file with the Secretariat."),
    ],
)
def test_confidential_contributions_are_counted(count: int, sentence: str) -> None:
    assert confidential_sentence(count) == sentence
