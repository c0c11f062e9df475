"""The HTML map, checked without a browser: parse the page, read its embedded data, follow its links."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import html

from hrdmap.config import Settings
from hrdmap.domain.actor import FixedClock
from hrdmap.reports.labels import builtin_labels
from hrdmap.reports.map.data import DocumentRef, Paragraph, build_map, map_json
from hrdmap.reports.map.page import render_map_html, script_json
from hrdmap.services.ingest import ingest
from hrdmap.services.mapping import MapFormat, build, write_map
from hrdmap.services.tagging import tag_documents
from hrdmap.services.workspace import Workspace, open_workspace
from tests.actors import TESTER

AT = dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.UTC)
HOSTILE = 'Defenders in Kenya face threats </script><script>alert("x")</script> and <b>smears</b> & worse.'


@pytest.fixture(scope="module")
def mapped(tmp_path_factory: pytest.TempPathFactory, examples: Path) -> Iterator[tuple[Workspace, Path, Path]]:
    """The example corpus and a hostile contribution, tagged, with the map written as HTML and as JSON."""
    root = tmp_path_factory.mktemp("map")
    hostile = root / "inputs" / "hostile.txt"
    hostile.parent.mkdir()
    hostile.write_text(f"Hostile input\n\n1. {HOSTILE}\n", encoding="utf-8")
    settings = Settings(home=root / "home", search_backend="sqlite")
    with open_workspace(settings) as ws:
        ingest(ws, TESTER, [examples, hostile.parent])
        tag_documents(ws, TESTER, taggers=["gazetteer", "statement-kind", "framework-keywords"])
        data = build(ws, replace(TESTER, clock=FixedClock(AT)))
        [page] = write_map(data, MapFormat.HTML, root / "out" / "map.html")
        [document] = write_map(data, MapFormat.JSON, root / "out" / "map.json")
        yield ws, page, document


def _embedded(page: Path) -> dict[str, object]:
    tree = html.parse(str(page))
    [script] = tree.xpath('//script[@id="map-data"]')
    loaded: dict[str, object] = json.loads(script.text)
    return loaded


def test_the_embedded_data_is_the_json_output(mapped: tuple[Workspace, Path, Path]) -> None:
    _, page, document = mapped
    assert _embedded(page) == json.loads(document.read_text("utf-8"))


def test_every_heat_map_cell_shows_the_count_of_its_paragraphs(mapped: tuple[Workspace, Path, Path]) -> None:
    _, page, _ = mapped
    data = _embedded(page)
    matrices = {m["id"]: m for m in data["matrices"]}  # type: ignore[attr-defined]
    cells = html.parse(str(page)).xpath("//td[@data-m]")
    # countries × kinds is shown as the practices and challenges of the country table (data-country cells)
    assert len(cells) == sum(len(m["cells"]) for m in matrices.values() if m["id"] != "country-kind") > 0
    for td in cells:
        cell = matrices[td.get("data-m")]["cells"][int(td.get("data-c"))]
        assert int(td.text_content()) == cell["paragraphs"] == len(cell["block_ids"])
        assert td.get("style").startswith("background:hsl(")


def test_drill_down_ids_point_to_real_paragraphs(mapped: tuple[Workspace, Path, Path]) -> None:
    ws, page, _ = mapped
    data = _embedded(page)
    paragraphs: dict[str, dict[str, object]] = data["paragraphs"]  # type: ignore[assignment]
    linked = {b for m in data["matrices"] for c in m["cells"] for b in c["block_ids"]}  # type: ignore[attr-defined]
    linked |= {b for g in data["gaps"] for b in g["block_ids"]}  # type: ignore[attr-defined]
    assert linked and {str(b) for b in linked} <= set(paragraphs)
    located = {b.id: b for b in ws.store.documents.locate(sorted(linked))}
    assert set(located) == linked
    for block_id in linked:
        shown, real = paragraphs[str(block_id)], located[block_id]
        assert (shown["text"], shown["document_id"]) == (real.block.text, real.document.id)
        assert str(real.document.id) in data["documents"]  # type: ignore[operator]
    gap_buttons = html.parse(str(page)).xpath("//button[@data-g]")
    assert {int(b.get("data-g")) for b in gap_buttons} <= set(range(len(data["gaps"])))  # type: ignore[arg-type]


def test_the_page_loads_nothing_from_the_network(mapped: tuple[Workspace, Path, Path]) -> None:
    _, page, _ = mapped
    tree = html.parse(str(page))
    assert tree.xpath("//script[@src] | //link | //iframe | //img[@src] | //object | //embed") == []
    styles = " ".join(s.text or "" for s in tree.xpath("//style")) + " ".join(tree.xpath("//@style"))
    assert "@import" not in styles and "@font-face" not in styles
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", styles)
    code = " ".join(s.text or "" for s in tree.xpath("//script[not(@type)]"))
    assert not re.search(r"https?://", code)
    assert not [v for v in tree.xpath("//@href | //@src") if re.match(r"\s*(https?:)?//", v)]
    assert "default-src 'none'" in tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]


def test_paragraph_text_is_escaped(mapped: tuple[Workspace, Path, Path]) -> None:
    _, page, _ = mapped
    source = page.read_text("utf-8")
    assert "alert(" in source and '<script>alert("x")' not in source and "</script><script>" not in source
    tree = html.parse(str(page))
    assert len(tree.xpath("//script")) == 2 and tree.xpath("//b") == []
    texts = [p["text"] for p in _embedded(page)["paragraphs"].values()]  # type: ignore[attr-defined]
    assert HOSTILE in texts


def test_script_json_survives_line_separators_and_closing_tags() -> None:
    paragraph = Paragraph(1, 1, "a\u2028b </script> <!-- c", "1.", (), {"countries": frozenset({"KEN"}),
                                                                        "hrd-areas": frozenset({"G"})})
    data = build_map([paragraph], {1: DocumentRef(1, "A/1", "<i>T</i>", "/x/y.txt")}, AT, builtin_labels())
    page = render_map_html(data)
    assert "</script> <!--" not in page and "<i>T</i>" not in page
    assert json.loads(script_json(map_json(data))) == map_json(data)
    [script] = html.fromstring(page).xpath('//script[@id="map-data"]')
    assert json.loads(script.text)["paragraphs"]["1"]["text"] == "a\u2028b </script> <!-- c"
