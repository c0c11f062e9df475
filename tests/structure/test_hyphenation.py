"""Lines joined at a line-end hyphen: a word broken by the word processor, or a compound's hyphen."""

from __future__ import annotations

from hrdmap.structure.hyphenation import Vocabulary, join_lines

LINES = [
    "The Office's joint human rights office accom-",
    "panied 27 defenders and ensured the follow-",
    "up of their cases. Training followed by accompaniment worked; the State adopted a real-",
    "estate law and clear-",
    "cut rules, and its recom-",
    "mendations were accepted. The recommendations of the Committee on capacity-",
    "building were noted.",
]


def test_a_word_broken_at_a_line_end_is_joined_and_a_compound_keeps_its_hyphen() -> None:
    text = join_lines(LINES, Vocabulary(LINES))
    assert "office accompanied 27 defenders" in text  # "accompaniment" starts like it
    assert "its recommendations were accepted" in text  # the document writes "recommendations"
    assert "the follow-up of their cases" in text  # a common first part
    assert "on capacity-building were noted" in text  # a common second part
    assert "a real-estate law and clear-cut rules" in text  # nothing in the document says otherwise


def test_the_parts_of_a_broken_word_are_not_words_of_the_document() -> None:
    words = Vocabulary(LINES)
    assert not words.known("accom")
    assert not words.known("panied")
    assert words.known("accompaniment")
    assert not words.known("capacity")  # cut at a line end too
    assert words.starts_word("accompan")
    assert not words.starts_word("companied")
