"""The map's countries (issue 12, finding 9): reported practice, reported challenge and no information kept apart,
no information is no gap, a world map drawn offline from packaged outlines, countries grouped by region, and the
same drill-down to paragraphs. The paragraphs are written for the test."""

from __future__ import annotations

import datetime as dt
import json

from lxml import html

from hrdmap.reports.labels import builtin_labels
from hrdmap.reports.map.data import DocumentRef, MapData, Paragraph, build_map, map_json
from hrdmap.reports.map.page import render_map_html
from hrdmap.reports.map.world import world_shapes

AT = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)


def _paragraph(block: int, country: str, kind: str | None) -> Paragraph:
    labels = {"countries": frozenset({country}), "hrd-areas": frozenset({"G"})}
    if kind:
        labels["statement-kinds"] = frozenset({kind})
    return Paragraph(block, 1, f"Paragraph {block} about {country}.", f"{block}", (), labels)


def _data() -> MapData:
    paragraphs = [
        _paragraph(1, "KEN", "practice"),
        _paragraph(2, "UGA", "challenge"),
        _paragraph(3, "BRA", "practice"),
        _paragraph(4, "BRA", "challenge"),
        _paragraph(5, "TUV", "practice"),  # too small for the 1:110m outlines
        _paragraph(6, "NOR", None),
    ]
    return build_map(paragraphs, {1: DocumentRef(1, "A/EX/1", "Example", "/x/ex.txt")}, AT, builtin_labels())


def test_countries_are_practice_challenge_both_or_information_and_nobody_else_is_a_gap() -> None:
    data = _data()
    status = {row.id: row.status for row in data.countries}
    assert status == {
        "KEN": "practice",
        "UGA": "challenge",
        "BRA": "practice and challenge",
        "TUV": "practice",
        "NOR": "information",
    }
    assert not [g for g in data.gaps if g.kind == "no-coverage" and g.where[0].framework == "countries"]
    kenya = next(r for r in map_json(data)["countries"] if r["id"] == "KEN")  # type: ignore[attr-defined]
    assert (kenya["m49"], kenya["region"], kenya["practice_block_ids"]) == ("404", "Africa", [1])


def test_the_world_map_is_inline_svg_coloured_by_what_is_reported() -> None:
    page = render_map_html(_data())
    tree = html.fromstring(page)
    paths = tree.xpath("//svg[@class='world']/path")
    assert len(paths) == len(world_shapes()["shapes"]) > 150  # type: ignore[arg-type]
    by_country = {p.get("data-country"): p for p in paths if p.get("data-country")}
    assert by_country["KEN"].get("class") == "s-practice"
    assert by_country["UGA"].get("class") == "s-challenge"
    assert by_country["BRA"].get("class") == "s-both"
    assert by_country["NOR"].get("class") == "s-info"
    assert "FRA" not in by_country and any(p.get("class") == "s-none" for p in paths)
    assert by_country["KEN"].get("data-p") == "1" and by_country["BRA"].get("data-ch") == "1"
    small = tree.xpath("//p[@class='small-countries']//button/@data-country")
    assert small == ["TUV"]
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    assert "<script src" not in page and "<link" not in page


def test_countries_are_rows_grouped_by_region_not_columns() -> None:
    page = render_map_html(_data())
    tree = html.fromstring(page)
    table = tree.xpath("//table[contains(@class, 'countries')]")[0]
    regions = [th.text_content() for th in table.xpath(".//tr[@class='region']/th")]
    assert regions[:2] == ["Africa (2)", "Americas (1)"] and any(r.startswith("Europe") for r in regions)
    names = [th.text_content() for th in table.xpath(".//tr[@class='country']/th")]
    assert names.index("Kenya") < names.index("Brazil") < names.index("Norway")
    assert not tree.xpath("//section[@id='m-area-country']") and not tree.xpath("//section[@id='m-country-kind']")
    cells = {(td.getparent().get("data-name"), td.get("data-kind")) for td in table.xpath(".//td[@data-kind]")}
    assert ("Brazil", "practice") in cells and ("Brazil", "challenge") in cells


def test_the_drill_down_data_leads_from_a_country_to_its_paragraphs() -> None:
    page = render_map_html(_data())
    [script] = html.fromstring(page).xpath('//script[@id="map-data"]')
    embedded = json.loads(script.text)
    brazil = next(c for c in embedded["countries"] if c["id"] == "BRA")
    assert brazil["practice_block_ids"] == [3] and brazil["challenge_block_ids"] == [4]
    assert all(str(b) in embedded["paragraphs"] for b in brazil["block_ids"])
