"""Layout analysis on hand-made lines: what a reader sees on a page, without a PDF."""

from __future__ import annotations

from dataclasses import dataclass, field

from hrdmap.domain.raw import RawKind, RawLine, RawRule
from hrdmap.structure.layout import blocks_from_lines

LEFT, RIGHT = 56.0, 482.0  # the text column of an A4 UN page


@dataclass
class Page:
    """Writes lines down a page the way a word processor sets them: 12 pt apart, 10 pt text."""

    number: int
    y: float = 100.0
    lines: list[RawLine] = field(default_factory=list)

    def line(
        self,
        text: str,
        *,
        size: float = 10.0,
        left: float = LEFT,
        right: float = RIGHT,
        bold: bool = False,
        gap: float = 0.0,
    ) -> Page:
        self.y += gap
        self.lines.append(_line(text, self.number, self.y, size, left, right, bold))
        self.y += size * 1.2
        return self

    def end(self, text: str, *, right: float = 300.0, bold: bool = False) -> Page:
        """The last line of a paragraph, short of the right margin."""
        return self.line(text, right=right, bold=bold)

    def marker(self, label: str, *, after: RawLine | None = None) -> Page:
        """A superscript footnote reference right after ``after`` (the last line by default)."""
        host = after or self.lines[-1]
        self.lines.append(RawLine(label, host.page, host.top - 2.5, host.bottom - 3.5, host.right, host.right + 5, 6.0))
        return self

    def header(self, text: str, *, bottom: bool = False) -> Page:
        y = 760.0 if bottom else 58.0
        self.lines.append(_line(text, self.number, y, 9.0, LEFT, LEFT + 50, True))
        return self


def _line(text: str, page: int, top: float, size: float, left: float, right: float, bold: bool) -> RawLine:
    return RawLine(text, page, top, top + size * 1.1, left, right, size, bold=bold)


def _texts(lines: list[RawLine]) -> list[str]:
    blocks, _ = blocks_from_lines(lines)
    return [block.text for block in blocks]


def test_numbered_paragraphs_become_one_block_each_with_their_label() -> None:
    page = Page(1)
    page.line("1. The Council decides to extend the mandate of the Special Rapporteur for a")
    page.end("period of three years.")
    page.line("2. Requests the Secretary-General to provide all the assistance", gap=6)
    page.end("necessary.")
    assert _texts(page.lines) == [
        "1. The Council decides to extend the mandate of the Special Rapporteur for a period of three years.",
        "2. Requests the Secretary-General to provide all the assistance necessary.",
    ]


def test_a_label_starts_a_block_even_without_a_gap() -> None:
    page = Page(1)
    page.line("3. The following documents were issued:")
    page.line("(a) A national report;")
    page.line("(b) A compilation prepared by OHCHR;")
    page.line("I. Summary of the proceedings")
    assert _texts(page.lines) == [
        "3. The following documents were issued:",
        "(a) A national report;",
        "(b) A compilation prepared by OHCHR;",
        "I. Summary of the proceedings",
    ]


def test_a_number_inside_a_sentence_does_not_start_a_block() -> None:
    page = Page(1)
    page.line("12. The Committee recalled its general comment")
    page.end("15. It also recalled paragraph 3.")
    assert _texts(page.lines) == ["12. The Committee recalled its general comment 15. It also recalled paragraph 3."]


def test_running_headers_footers_job_numbers_and_page_numbers_are_removed() -> None:
    lines: list[RawLine] = []
    for number in range(1, 5):
        page = Page(number)
        if number > 1:
            page.header("A/HRC/14/15")
            page.header(f"{number}/4", bottom=True)
        else:
            page.header("GE.10-12049 (E) 120310 150310", bottom=True)
        page.line(f"{number}. Paragraph on page {number} that runs to the end of the")
        page.end("line and stops.")
        lines += page.lines
    lines.append(_line("Page 4", 4, 775.0, 9.0, 500, 530, False))
    texts = _texts(lines)
    assert texts == [f"{n}. Paragraph on page {n} that runs to the end of the line and stops." for n in range(1, 5)]


def test_text_repeated_in_the_same_margin_is_a_running_head() -> None:
    lines: list[RawLine] = []
    for number in range(1, 4):
        page = Page(number).header("Mandate creation and review")
        page.line(f"{number}. Text.")
        lines += page.lines
    assert _texts(lines) == ["1. Text.", "2. Text.", "3. Text."]


def test_a_paragraph_broken_by_a_page_break_is_joined() -> None:
    first = Page(1)
    first.line("5. In his introductory statement, the Minister referred to the process of")
    first.line("preparing the national report, which had involved relevant Government")
    second = Page(2).header("A/HRC/14/15")
    second.line("institutions as well as representatives of civil society.")
    second.line("6. The Minister noted that the delegation had been composed of", gap=6)
    assert _texts(first.lines + second.lines)[0] == (
        "5. In his introductory statement, the Minister referred to the process of preparing the national "
        "report, which had involved relevant Government institutions as well as representatives of civil society."
    )


def test_a_paragraph_ending_short_of_the_margin_is_not_joined_across_the_page_break() -> None:
    first = Page(1)
    first.line("7. Slovenia wished to provide an update on developments that had occurred")
    first.end("since the preparation of the national report.")
    second = Page(2)
    second.line("The Government decided to implement the relevant decisions of the Court.")
    assert len(_texts(first.lines + second.lines)) == 2


def test_footnote_area_is_separated_and_its_markers_cited_by_the_right_block() -> None:
    page = Page(1)
    page.line("8. CRC was concerned that there is no specific plan of action on")
    page.end("the Optional Protocol.").marker("23")
    page.line("9. Slovenia adopted the Plan of Action for the World Programme.", gap=6).marker("24")
    note_23 = _line("CRC/C/OPSC/SVN/CO/1, para. 10.", 1, 700, 8.0, 70, 300, False)
    note_24 = _line("Ibid., para. 11.", 1, 711, 8.0, 70, 300, False)
    labels = [
        RawLine(n, 1, line.top - 1.5, line.bottom - 3, 62, 67, 5.0) for n, line in (("23", note_23), ("24", note_24))
    ]
    blocks, notes = blocks_from_lines([*page.lines, note_23, note_24, *labels])
    assert [b.text for b in blocks] == [
        "8. CRC was concerned that there is no specific plan of action on the Optional Protocol.",
        "9. Slovenia adopted the Plan of Action for the World Programme.",
    ]
    assert [b.footnote_refs for b in blocks] == [("23",), ("24",)]
    assert [(n.label, n.text) for n in notes] == [("23", "CRC/C/OPSC/SVN/CO/1, para. 10."), ("24", "Ibid., para. 11.")]


def test_a_footnote_continued_on_the_next_page_is_joined_and_the_paragraph_too() -> None:
    first = Page(1)
    first.line("10. The Committee welcomed the adoption of the Act on Equal").marker("1")
    first.line("Opportunities for Women and Men and its implementation by the")
    note = _line("See CEDAW/C/SVN/CO/4, paragraphs 12 and 13, and the replies of the", 1, 700, 8.0, 70, RIGHT, False)
    label = RawLine("1", 1, 698.5, 705, 62, 67, 5.0)
    second = Page(2)
    second.line("Government.")
    rest = _line("Government (CEDAW/C/SVN/Q/4/Add.1).", 2, 700, 8.0, 70, 300, False)
    blocks, notes = blocks_from_lines([*first.lines, note, label, *second.lines, rest])
    assert [b.text for b in blocks] == [
        "10. The Committee welcomed the adoption of the Act on Equal Opportunities for Women and Men and its "
        "implementation by the Government."
    ]
    assert [(n.label, n.text) for n in notes] == [
        ("1", "See CEDAW/C/SVN/CO/4, paragraphs 12 and 13, and the replies of the Government (CEDAW/C/SVN/Q/4/Add.1).")
    ]


def test_line_end_hyphenation_is_undone_but_compound_hyphens_stay() -> None:
    page = Page(1)
    page.line("11. The State ensures the protection of defenders and their protec-")
    page.line("tion by the police, with the support of non-")
    page.line("governmental organizations, and a follow-")
    page.line("up mechanism for the Anti-")
    page.end("Corruption Commission and capacity-building.")
    assert _texts(page.lines) == [
        "11. The State ensures the protection of defenders and their protection by the police, with the support "
        "of non-governmental organizations, and a follow-up mechanism for the Anti-Corruption Commission and "
        "capacity-building."
    ]


def test_a_hyphenated_compound_found_elsewhere_keeps_its_hyphen() -> None:
    page = Page(1)
    page.line("12. Defenders face rights-based restrictions; the State said that its rights-")
    page.end("based approach was sound.")
    assert _texts(page.lines) == [
        "12. Defenders face rights-based restrictions; the State said that its rights-based approach was sound."
    ]


def test_headings_and_title_are_marked() -> None:
    page = Page(1)
    page.line("Report of the Working Group on the Universal Periodic Review", size=17, bold=True, gap=200)
    page.line("I. Summary of the proceedings of the review process", size=14, bold=True, gap=20)
    page.line("A. Presentation by the State under review", size=12, bold=True, gap=10)
    page.end("1. The Working Group held its seventh session.")
    second = Page(2)
    second.line("Introduction", size=14, bold=True)
    second.end("2. The delegation was headed by the Minister.")
    blocks, _ = blocks_from_lines(page.lines + second.lines)
    kinds = [(b.kind, b.level) for b in blocks]
    assert kinds == [
        (RawKind.TITLE, 0),
        (RawKind.HEADING, 0),  # labelled: the builder reads the level from "I."
        (RawKind.HEADING, 0),
        (RawKind.PARAGRAPH, 0),
        (RawKind.HEADING, 1),
        (RawKind.PARAGRAPH, 0),
    ]


def test_a_bold_numbered_sentence_is_a_paragraph_not_a_heading() -> None:
    page = Page(1)
    page.line("101.1. Ratify the Convention on the Rights of Persons with Disabilities", bold=True)
    page.end("(France);", right=150, bold=True)
    assert blocks_from_lines(page.lines)[0][0].kind is RawKind.PARAGRAPH


def test_a_raised_small_number_is_a_marker_but_a_number_on_the_baseline_is_text() -> None:
    page = Page(1)
    page.line("13. The Committee noted the Act").marker("7")
    page.lines.append(_line("of 2005.", 1, page.lines[0].top, 10.0, RIGHT + 10, RIGHT + 50, False))
    blocks, _ = blocks_from_lines(page.lines)
    assert blocks[0].text == "13. The Committee noted the Act of 2005."
    assert blocks[0].footnote_refs == ("7",)


def test_right_to_left_runs_are_read_right_to_left() -> None:
    right_run = RawLine("مجلس حقوق", 1, 100, 111, 300, 400, 10.0)
    left_run = RawLine("الإنسان", 1, 100, 111, 200, 290, 10.0)
    assert _texts([left_run, right_run]) == ["مجلس حقوق الإنسان"]


def test_no_lines_give_no_blocks() -> None:
    assert blocks_from_lines([]) == ([], [])


def test_bold_rows_with_shorter_boxes_stay_one_paragraph_each() -> None:
    """UPR reports' bold recommendations: pdfium's boxes for the bold font are much shorter than for the regular
    one, so the gap between bold rows looks wide; the distance between rows (the leading) does not."""
    page = Page(1)
    for n in range(1, 4):
        page.line(f"{n}. The Working Group held its meeting and heard the delegation on the report.")
    page.end("It adopted the report.")
    rows = [
        ("98.1. Ratify the Optional Protocol to the Convention against", 300.0, 141.6),
        ("Torture (Brazil);", 312.0, 184.2),
        ("98.2. Consider ratifying the International Convention for the", 330.0, 141.6),
        ("Protection of all Persons against Enforced Disappearance", 342.0, 184.2),
        ("(Argentina);", 354.0, 184.2),
    ]
    for text, bottom, left in rows:  # boxes 6.5 pt high against the regular text's 11, rows 12 pt apart
        page.lines.append(RawLine(text, 1, bottom - 6.5, bottom, left, RIGHT, 10.0, bold=True))
    blocks, _ = blocks_from_lines(page.lines)
    assert [(b.kind, b.text) for b in blocks[-2:]] == [
        (RawKind.PARAGRAPH, "98.1. Ratify the Optional Protocol to the Convention against Torture (Brazil);"),
        (
            RawKind.PARAGRAPH,
            "98.2. Consider ratifying the International Convention for the Protection of all Persons against "
            "Enforced Disappearance (Argentina);",
        ),
    ]


def test_a_heading_on_two_rows_is_one_heading_and_the_next_labelled_one_another() -> None:
    page = Page(1)
    page.end("10. Slovenia supports human rights.")
    page.line("III. PROMOTION AND PROTECTION OF HUMAN RIGHTS POLITICAL AND", bold=True, gap=20)
    page.line("CIVIL RIGHTS", bold=True, left=200, right=300)
    page.line("A. State governed by the rule of law", bold=True)
    page.end("11. The Constitutional Court decided.")
    blocks, _ = blocks_from_lines(page.lines)
    assert [(b.kind, b.text) for b in blocks[1:3]] == [
        (RawKind.HEADING, "III. PROMOTION AND PROTECTION OF HUMAN RIGHTS POLITICAL AND CIVIL RIGHTS"),
        (RawKind.HEADING, "A. State governed by the rule of law"),
    ]


def test_runs_of_two_lines_sharing_a_row_are_spaced() -> None:
    """A large "General Assembly" shares a row with "Distr.: General" and the date below it."""
    lines = [
        RawLine("General Assembly Distr.: General", 1, 92.7, 116.5, 130, 489, 20.0, bold=True),
        RawLine("20 April 2026", 1, 105.2, 116.5, 430, 486, 10.0),
    ]
    assert _texts(lines) == ["General Assembly Distr.: General 20 April 2026"]


# --- footnote areas (issue 12, finding 1) -------------------------------------------------------------------


def _notes_page(number: int, notes: list[tuple[str, str]], *, size: float = 8.0, top: float = 700.0) -> list[RawLine]:
    """Footnotes at a page's foot: a plain label, then the text, one row each."""
    lines = []
    for i, (label, text) in enumerate(notes):
        lines.append(_line(f"{label} {text}", number, top + i * size * 1.25, size, LEFT, 400, False))
    return lines


def test_a_marker_wrapped_to_the_start_of_a_row_is_not_a_footnote() -> None:
    """LibreOffice wraps a reference that follows a space to the next line: the row then opens with a raised
    number, like a footnote, but the paragraph goes on around it."""
    page = Page(1)
    page.line("6. The Council welcomed the work of national human rights institutions and the")
    wrapped = page.line("measures taken to protect defenders and their families from reprisals for").lines[-1]
    page.lines.append(RawLine("3", 1, wrapped.top - 3, wrapped.bottom - 4, LEFT - 6, LEFT - 1, 6.0))
    page.end("their cooperation with the United Nations.")
    page.line("7. The Office trained defenders in four regions of the country.", gap=6)
    page.end("It also supported networks.")
    blocks, notes = blocks_from_lines(page.lines)
    assert [b.text for b in blocks] == [
        "6. The Council welcomed the work of national human rights institutions and the measures taken to protect "
        "defenders and their families from reprisals for their cooperation with the United Nations.",
        "7. The Office trained defenders in four regions of the country. It also supported networks.",
    ]
    assert blocks[0].footnote_refs == ("3",) and notes == []


def test_footnote_rows_repeated_at_every_page_foot_are_not_running_footers() -> None:
    """With digits masked, "See A/HRC/#/#, para. #." ends many pages' footnote areas: it is text, and the last
    footnote's label is not a page number. The footer below it (job number, "n/N") goes."""
    lines: list[RawLine] = []
    for number in range(1, 5):
        page = Page(number)
        page.end(f"{number}. The Council decided to act.").marker(str(number))
        lines += page.lines
        lines += _notes_page(number, [(str(number), f"See A/HRC/{40 + number}/{number}, para. {number}.")], top=760)
        lines.append(_line(f"24-0123{number}", number, 800, 8.0, LEFT, 100, False))
        lines.append(_line(f"{number}/4", number, 800, 9.0, 450, RIGHT, True))
    blocks, notes = blocks_from_lines(lines)
    assert [b.text for b in blocks] == [f"{n}. The Council decided to act." for n in range(1, 5)]
    assert [(n.label, n.text, n.page) for n in notes] == [
        (str(n), f"See A/HRC/{40 + n}/{n}, para. {n}.", n) for n in range(1, 5)
    ]


def test_text_below_a_separator_rule_is_the_footnote_area_even_at_the_body_size() -> None:
    page = Page(1)
    page.end("1. The Council welcomed the report.").marker("1")
    page.end("2. It requested a follow-up report.").marker("2")
    notes = _notes_page(1, [("1", "A/HRC/40/1."), ("2", "A/HRC/41/2, annex.")], size=10.0)
    rule = RawRule(1, 690.0, 690.5, LEFT, LEFT + 110)
    blocks, found = blocks_from_lines([*page.lines, *notes], [rule])
    assert [b.text for b in blocks] == ["1. The Council welcomed the report.", "2. It requested a follow-up report."]
    assert [(n.label, n.text) for n in found] == [("1", "A/HRC/40/1."), ("2", "A/HRC/41/2, annex.")]
    # Without the rule, text at the body's size opening with a plain number is a paragraph.
    blocks, found = blocks_from_lines([*page.lines, *notes])
    assert found == [] and blocks[-1].text.startswith("1 A/HRC/40/1.")


def test_an_underline_or_a_segment_of_a_table_border_is_not_a_separator() -> None:
    page = Page(1)
    page.end("1. The Council welcomed the report.")
    page.line("Introduction", gap=300, bold=True)
    heading = page.lines[-1]
    page.end("2 States replied to the questionnaire.")
    underline = RawRule(1, heading.bottom - 2, heading.bottom - 1.5, LEFT, LEFT + 60)
    border = [RawRule(1, 400.0, 400.5, LEFT, LEFT + 80), RawRule(1, 400.0, 400.5, LEFT + 80, RIGHT)]
    for rules in ([underline], border):
        blocks, notes = blocks_from_lines(page.lines, rules)
        assert notes == [] and blocks[-1].text == "2 States replied to the questionnaire."


def test_numbers_glued_to_words_cite_the_footnotes_printed_on_their_page() -> None:
    """Some exporters draw references like the text ("Nations9,"): a number glued to a word is a reference
    when a footnote with that label is printed on the page; "G20", "A/HRC/28" and "COVID-19" are not."""
    page = Page(1)
    page.line("9. Taking note of the report on cooperation with the United Nations1, and of the G2")
    page.end("statement on COVID-19 and on document A/HRC/3, the Council decided.")
    notes = _notes_page(1, [("1", "A/HRC/40/9."), ("2", "Not cited."), ("3", "Not cited either.")])
    blocks, found = blocks_from_lines([*page.lines, *notes])
    assert blocks[0].text == (
        "9. Taking note of the report on cooperation with the United Nations, and of the G2 statement on COVID-19 "
        "and on document A/HRC/3, the Council decided."
    )
    assert blocks[0].footnote_refs == ("1",)
    assert [n.label for n in found] == ["1", "2", "3"]


def test_a_rule_typed_as_underscores_is_dropped() -> None:
    page = Page(1)
    page.end("1. The Council decided.")
    page.lines.append(_line("____________________", 1, 500, 10.0, 250, 350, False))
    assert _texts(page.lines) == ["1. The Council decided."]
