"""HTML extraction: the UDHR in six languages, footnote patterns, lists, tables, charsets and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdmap.domain.raw import RawFootnote, RawKind
from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import EmptyFile, TooLarge
from hrdmap.ingest.html import HtmlExtractor

EXTRACTOR = HtmlExtractor()
LIMITS = Limits()
UDHR = {"eng": "en", "fra": "fr", "spa": "es", "rus": "ru", "cmn_hans": "zh", "arb": "ar"}


def extract(markup: str | bytes):  # noqa: ANN201 - a RawDocument
    data = markup.encode("utf-8") if isinstance(markup, str) else markup
    return EXTRACTOR.extract(data, "page.html", LIMITS)


@pytest.mark.shared_data
@pytest.mark.parametrize("code", sorted(UDHR))
def test_udhr_articles_and_numbered_items_in_order(shared_data: Path, code: str) -> None:
    data = (shared_data / "udhr-six-languages" / f"{code}.html").read_bytes()
    assert EXTRACTOR.sniff(data)
    raw = EXTRACTOR.extract(data, f"{code}.html", LIMITS)
    headings = [b for b in raw.blocks if b.kind is RawKind.HEADING]
    assert headings[0].level == 1  # the title
    assert len([h for h in headings if h.level == 2]) == 31  # the preamble and 30 articles
    items = [b for b in raw.blocks if b.kind is RawKind.LIST_ITEM]
    assert len(items) == 32
    assert items[0].label == "1." and items[1].label == "2."
    preamble = raw.blocks[2]  # kept although it sits in <header>
    assert preamble.kind is RawKind.PARAGRAPH
    assert {b.lang for b in raw.blocks} == {UDHR[code]}
    assert raw.lang == UDHR[code]
    assert raw.meta.get("dir") == ("rtl" if code == "arb" else "ltr")


@pytest.mark.shared_data
def test_udhr_article_order_in_english(shared_data: Path) -> None:
    raw = extract((shared_data / "udhr-six-languages" / "eng.html").read_bytes())
    articles = [b.text for b in raw.blocks if b.kind is RawKind.HEADING and b.text.startswith("Article")]
    assert articles == [f"Article {n}" for n in range(1, 31)]
    assert raw.blocks[2].text.startswith("Whereas recognition of the inherent dignity")


def test_pandoc_footnotes() -> None:
    raw = extract(
        "<html><body><p>Defenders are at risk"
        '<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a>.</p>'
        '<section class="footnotes"><hr/><ol><li id="fn1"><p>See A/73/230.'
        '<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li></ol></section>'
        "</body></html>"
    )
    assert [(b.text, b.footnote_refs) for b in raw.blocks] == [("Defenders are at risk.", ("1",))]
    assert raw.footnotes == [RawFootnote("1", "See A/73/230.")]


def test_word_exported_footnotes() -> None:
    raw = extract(
        "<html><body><p class=MsoNormal>Resolution 72/247"
        '<a href="#_ftn1" name="_ftnref1"><span class=MsoFootnoteReference>[1]</span></a> asked.</p>'
        "<div style='mso-element:footnote-list'><div style='mso-element:footnote' id=ftn1>"
        '<p class=MsoFootnoteText><a href="#_ftnref1" name="_ftn1"><span>[1]</span></a>'
        " A/RES/72/247, para. 16.</p>"
        "</div></div></body></html>"
    )
    assert [(b.text, b.footnote_refs) for b in raw.blocks] == [("Resolution 72/247 asked.", ("1",))]
    assert raw.footnotes == [RawFootnote("1", "A/RES/72/247, para. 16.")]


def test_sup_link_footnotes() -> None:
    raw = extract(
        '<html><body><p>Text<sup><a href="#note-a">a</a></sup> here.</p>'
        '<div class="notes"><p id="note-a">Note a.</p></div></body></html>'
    )
    assert raw.blocks[0].footnote_refs == ("a",)
    assert raw.footnotes == [RawFootnote("a", "Note a.")]


def test_ordered_list_start_type_value_and_nesting() -> None:
    raw = extract(
        '<html><body><ol start="12"><li>Twelve</li><li>Thirteen<ol type="a"><li>Sub a</li>'
        '<li value="4">Sub d</li></ol></li></ol><ul><li>Bullet</li></ul>'
        '<ol type="I" reversed><li>Two</li><li>One</li></ol></body></html>'
    )
    got = [(b.kind, b.level, b.label, b.text) for b in raw.blocks]
    assert got == [
        (RawKind.LIST_ITEM, 0, "12.", "Twelve"),
        (RawKind.LIST_ITEM, 0, "13.", "Thirteen"),
        (RawKind.LIST_ITEM, 1, "a.", "Sub a"),
        (RawKind.LIST_ITEM, 1, "d.", "Sub d"),
        (RawKind.LIST_ITEM, 0, None, "Bullet"),
        (RawKind.LIST_ITEM, 0, "II.", "Two"),
        (RawKind.LIST_ITEM, 0, "I.", "One"),
    ]


def test_chrome_is_dropped_but_header_and_inherited_lang_are_kept() -> None:
    raw = extract(
        '<html lang="en"><head><title>Call for inputs</title><style>p{}</style></head><body>'
        "<nav>Home | About</nav><script>var x;</script><header><p>Preamble</p></header>"
        '<blockquote lang="fr"><p>Les défenseurs</p></blockquote><form>Search</form>'
        "<table><tr><th>State</th><th>Date</th></tr><tr><td>Norway</td><td>2018</td></tr></table></body></html>"
    )
    assert [b.text for b in raw.blocks[:2]] == ["Preamble", "Les défenseurs"]
    assert raw.blocks[1].lang == "fr" and raw.blocks[1].style == "blockquote"
    assert raw.blocks[2].rows == (("State", "Date"), ("Norway", "2018"))
    assert raw.title == "Call for inputs"


def test_charset_from_meta_and_bom() -> None:
    latin = '<html><head><meta charset="windows-1252"></head><body><p>Défenseurs</p></body></html>'
    assert extract(latin.encode("cp1252")).blocks[0].text == "Défenseurs"
    utf16 = "<!DOCTYPE html><html><body><p>Правозащитники</p></body></html>".encode("utf-16")
    assert EXTRACTOR.sniff(utf16)
    assert extract(utf16).blocks[0].text == "Правозащитники"


def test_errors() -> None:
    assert not EXTRACTOR.sniff(b"Just text mentioning <html> later")
    with pytest.raises(EmptyFile, match="HTML page has no text"):
        extract("<html><body><script>only()</script></body></html>")
    with pytest.raises(EmptyFile, match="empty file"):
        extract(b"")
    with pytest.raises(TooLarge):
        EXTRACTOR.extract(b"<html>" + b" " * 200, "big.html", Limits(max_file_bytes=100))
