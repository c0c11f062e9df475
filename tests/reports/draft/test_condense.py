"""Condensing passages by extraction: sentence splits, choice, trimming and the "reported that" frame."""

from __future__ import annotations

import re

from hrdmap.reports.draft.condense import condense, reported_that, sentences, trim

FRAME = "{contributor} reported that {text}"


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_sentences_do_not_split_at_abbreviations_or_symbols() -> None:
    text = "See resolution 72/247, paras. 16 and 17. The Office, e.g. in Kenya, acted. Mr. A. left."
    found = [text[s:e] for s, e in sentences(text)]
    assert found == ["See resolution 72/247, paras. 16 and 17.", "The Office, e.g. in Kenya, acted.", "Mr. A. left."]


def test_condense_keeps_the_first_sentence_and_the_one_holding_the_evidence() -> None:
    text = (
        "The network met in Nairobi. It discussed the weather at length and many other things of no interest. "
        "Reprisals against two members followed the meeting."
    )
    start = text.index("Reprisals")
    result = condense(text, ((start, start + 9),), max_words=14)
    assert result == "The network met in Nairobi. Reprisals against two members followed the meeting."


def test_condense_adds_no_word_of_its_own() -> None:
    text = "Furthermore, the Office trained 40 defenders." + " They learned a lot." * 30
    result = condense(text, (), max_words=20)
    assert _words(result) <= _words(text)
    assert result.startswith("The Office trained 40 defenders.")


def test_an_overlong_sentence_is_cut_at_a_clause_and_marked() -> None:
    text = ", ".join(f"clause number {n} of the sentence" for n in range(60)) + "."
    result = condense(text, (), max_words=20)
    assert result.endswith("[…].")
    assert len(result.split()) <= 22


def test_trim_removes_footnote_markers_and_a_trailing_colon() -> None:
    assert trim("In addition, defenders were trained.[3]") == "Defenders were trained."
    assert trim("We recommend that the State:") == "We recommend that the State."


def test_reported_that_frames_english_sentences_opening_with_a_common_word() -> None:
    framed = reported_that("In 2025, the Office trained defenders.", "Norway", FRAME, "en", "en")
    assert framed == "Norway reported that in 2025, the Office trained defenders."


def test_reported_that_leaves_other_sentences_as_they_are() -> None:
    assert reported_that("Norway funded a dialogue.", "Norway", FRAME, "en", "en") == "Norway funded a dialogue."
    french = "La Commission a reçu 46 plaintes."
    assert reported_that(french, "X", FRAME, "fr", "en") == french
    own_name = "The United Nations Development Programme (UNDP) welcomes the call."
    assert reported_that(own_name, "The United Nations Development Programme", FRAME, "en", "en") == own_name
