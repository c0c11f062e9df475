"""The PDF draft: numbered paragraphs, footnotes at the foot of pages, pages that are not blank, offline."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
import pytest

from hrdmap.reports.draft.templates import Templates
from hrdmap.reports.render.pdf import offline_fetcher, write_pdf

from ..draft_factory import small_report


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> pypdfium2.PdfDocument:
    path = tmp_path_factory.mktemp("pdf") / "draft.pdf"
    write_pdf(small_report(), path, Templates())
    return pypdfium2.PdfDocument(str(path))


def _text(pdf: pypdfium2.PdfDocument) -> str:
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def test_paragraph_numbers_run_continuously(pdf: pypdfium2.PdfDocument) -> None:
    text = _text(pdf)
    numbers = [int(n) for n in re.findall(r"^(\d{1,3})\.\s", text, flags=re.MULTILINE)]
    expected = sum(1 for _ in small_report().numbered())
    found = [n for n in numbers if n <= expected]
    assert sorted(set(found)) == list(range(1, expected + 1))
    assert found == sorted(found)


def test_footnotes_credit_contributors_and_hide_confidential_ones(pdf: pypdfium2.PdfDocument) -> None:
    text = _text(pdf)
    assert "Input by Norway." in text
    assert "Confidential input on file with the Secretariat." in text
    assert "Digital Shield" not in text


def test_pages_are_a4_numbered_and_not_blank(pdf: pypdfium2.PdfDocument) -> None:
    assert len(pdf) >= 2
    for i in range(len(pdf)):
        page = pdf[i]
        width, height = page.get_size()
        assert (round(width), round(height)) == (595, 842)
        image = page.render(scale=0.5).to_pil().convert("L")
        low, high = image.getextrema()
        assert high - low > 100, f"page {i + 1} looks blank"
        assert str(i + 1) in page.get_textpage().get_text_range().split()


def test_the_pdf_renderer_fetches_nothing_remote() -> None:
    fetcher = offline_fetcher()
    for url in ("https://fonts.example.org/font.woff", "http://example.org/x.png", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher.fetch(url)


def test_a_template_linking_a_remote_stylesheet_still_renders_offline(tmp_path: Path) -> None:
    source = Templates().text("report.html.jinja")
    (tmp_path / "report.html.jinja").write_text(
        source.replace("<style>", '<link rel="stylesheet" href="https://cdn.example.org/x.css">\n<style>', 1)
    )
    out = tmp_path / "draft.pdf"
    write_pdf(small_report(), out, Templates(tmp_path))
    assert out.read_bytes().startswith(b"%PDF")
