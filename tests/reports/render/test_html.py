"""The HTML draft: self-contained, numbered, traceable, footnotes with back-links, overridable templates."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from hrdmap.reports.draft.builder import build_draft
from hrdmap.reports.draft.inputs import Candidate
from hrdmap.reports.draft.templates import TemplateError, Templates
from hrdmap.reports.render.html import render_html

from ..draft_factory import candidates, draft_input, small_report


@pytest.fixture(scope="module")
def page() -> lxml.html.HtmlElement:
    return lxml.html.fromstring(render_html(small_report(), Templates()))


def test_the_page_declares_its_language_and_direction(page: lxml.html.HtmlElement) -> None:
    assert page.get("lang") == "en"
    assert page.get("dir") == "ltr"


def test_the_page_is_self_contained(page: lxml.html.HtmlElement) -> None:
    assert not page.xpath("//link | //script[@src] | //img[@src]")
    assert not re.search(r"https?://", "".join(page.xpath("//style/text()")))
    assert page.xpath("//svg")  # the annex's charts, inline


def test_paragraph_numbers_run_continuously(page: lxml.html.HtmlElement) -> None:
    numbers = [int(n.text_content().rstrip(".")) for n in page.xpath("//div[@class='para']/p[1]/*[1]")]
    assert numbers == list(range(1, len(numbers) + 1))


def test_drafted_paragraphs_carry_their_sources_and_link_to_them(page: lxml.html.HtmlElement) -> None:
    sourced = page.xpath("//div[@class='para'][@data-sources]")
    assert sourced
    first = sourced[0]
    number = first.get("id").removeprefix("para-")
    assert first.xpath(f".//a[@href='#sources-{number}']")
    row = page.xpath(f"//tr[@id='sources-{number}']")[0]
    blocks = {s.get("data-block") for s in row.xpath(".//span[@class='source']")}
    assert blocks == set(first.get("data-sources").split())


def test_footnotes_are_a_numbered_list_with_back_links(page: lxml.html.HtmlElement) -> None:
    notes = page.xpath("//section[@class='footnotes']//li")
    assert [n.get("id") for n in notes[:2]] == ["fn-1", "fn-2"]
    assert notes[0].xpath("a[@href='#fnref-1']")
    assert page.xpath("//sup/a[@id='fnref-1'][@href='#fn-1']")
    assert "Input by Norway." in [n.text.strip() for n in notes]


def test_a_user_template_and_phrases_replace_the_packaged_ones(tmp_path: Path) -> None:
    (tmp_path / "report.css").write_text("body { color: #123456; }")
    (tmp_path / "phrases.yaml").write_text('introduction: "Introducción"\ncredit: "Contribution de {names}."\n')
    templates = Templates(tmp_path)
    html = render_html(build_draft(draft_input(), templates.phrases()), templates)
    assert "#123456" in html
    assert "Introducción" in html
    assert "Contribution de Norway." in html
    assert "Practices and challenges reported" in html  # keys not overridden keep the packaged phrase


def test_a_missing_templates_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="templates folder not found"):
        Templates(tmp_path / "nowhere")


def test_quoted_passages_in_arabic_are_marked_right_to_left() -> None:
    arabic = Candidate(
        99, 1, 9, "نظم المنتدى حوارا وطنيا بين الحكومة والمدافعين عن حقوق الإنسان في عام 2025.", "ar", None,
        {"A": 0.9}, {"practice": 0.9},
    )
    report = build_draft(draft_input(candidates=(*candidates(), arabic)), Templates().phrases())
    page = lxml.html.fromstring(render_html(report, Templates()))
    assert page.xpath("//span[@lang='ar'][@dir='rtl']")
