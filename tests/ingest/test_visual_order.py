"""Right-to-left lines: glyphs placed on a page, in any stored order → text in reading order."""

from __future__ import annotations

from bidi.algorithm import get_display

from hrdmap.ingest.visual_order import has_right_to_left, logical_text


def placed(display: str, *, shuffle: bool = False) -> list[tuple[float, float, str]]:
    """The glyphs of a line drawn left to right as ``display`` shows it, 5 points each."""
    glyphs = [(5.0 * i, 5.0 * i + 5, char) for i, char in enumerate(display)]
    return glyphs[::-1] if shuffle else glyphs


def test_numbers_and_latin_runs_keep_their_order_inside_arabic() -> None:
    logical = "انظر قرار الجمعية العامة A/RES/EX/1 المؤرخة 2 آذار/مارس 2026."
    display = get_display(logical, base_dir="R")
    assert logical_text(placed(display)) == logical
    # The order in which the PDF or pdfium lists the glyphs does not matter: their positions do.
    assert logical_text(placed(display, shuffle=True)) == logical


def test_brackets_face_their_content_whether_or_not_they_were_mirrored() -> None:
    logical = "المنتدى الإقليمي (منظمة خيالية) 28 نيسان"
    mirrored = get_display(logical, base_dir="R")  # the pure-Python algorithm mirrors brackets
    unmirrored = mirrored.translate(str.maketrans("()", ")("))
    assert logical_text(placed(mirrored)) == logical
    assert logical_text(placed(unmirrored)) == logical


def test_the_letters_of_one_ligature_glyph_stay_in_reading_order() -> None:
    # pdfium gives lam and alef of a lam-alef glyph one box, in reading order.
    glyphs = [(20.0, 30.0, "ل"), (20.0, 30.0, "إ"), (10.0, 20.0, "ن"), (0.0, 10.0, "س")]
    assert logical_text(glyphs) == "لإنس"


def test_a_latin_line_with_an_arabic_name_stays_left_to_right() -> None:
    logical = "Input from the forum المنتدى in 2026."
    assert logical_text(placed(get_display(logical, base_dir="L"))) == logical


def test_only_arabic_and_hebrew_need_reordering() -> None:
    assert has_right_to_left("مجلس حقوق الإنسان")
    assert has_right_to_left("שלום")
    assert not has_right_to_left("Human Rights Council 2026")
