"""Text normalisation: one form for each word, whatever the file stored."""

from __future__ import annotations

import unicodedata

import pytest

from hrdmap.structure.text import is_probably_visual_order, normalize_text


def test_arabic_presentation_forms_become_base_letters() -> None:
    # "السلام" as a PDF's glyphs map it: isolated/initial/medial/final presentation forms.
    presentation = "\ufe8d\ufedf\ufeb4\ufee0\ufe8e\ufee1"
    assert normalize_text(presentation) == "السلام"


def test_lam_alef_ligature_becomes_lam_and_alef() -> None:
    assert normalize_text("\ufefb") == "\u0644\u0627"
    assert normalize_text("\ufef5") == "\u0644\u0622"


def test_tatweel_is_removed() -> None:
    assert normalize_text("الأمـــم المتحدة") == "الأمم المتحدة"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Human rights de\u00adfenders", "Human rights defenders"),  # soft hyphen
        ("\ufb01nancial \ufb02ows", "financial flows"),  # ligatures
        ("zero\u200bwidth\u200d join\u2060er", "zerowidth joiner"),
        ("\u202bمرحبا\u202c \u200fhello\u200e", "مرحبا hello"),  # bidi controls
        ("  many\t\tspaces\n\nand\u00a0lines\u202f: ", "many spaces and lines :"),
        ("\ufeffByte order mark", "Byte order mark"),
    ],
)
def test_invisible_characters_and_whitespace(raw: str, clean: str) -> None:
    assert normalize_text(raw) == clean


def test_text_is_composed_but_other_compatibility_characters_are_kept() -> None:
    decomposed = "Re\u0301sume\u0301 n\u00b0 2\u00b2 \uff08\u4eba\u6743\uff09"
    result = normalize_text(decomposed)
    assert result == "Résumé n° 2² （人权）"
    assert unicodedata.is_normalized("NFC", result)


def test_visual_order_arabic_is_recognised() -> None:
    logical = "تعزيز وحماية حقوق الإنسان في العالم والمدافعين عن الحقوق"
    visual = " ".join(word[::-1] for word in reversed(logical.split()))
    assert not is_probably_visual_order(logical)
    assert is_probably_visual_order(visual)
    assert not is_probably_visual_order("Human rights defenders")
