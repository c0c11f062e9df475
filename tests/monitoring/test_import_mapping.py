"""Mapping files: a second schema (GDELT events, CAMEO codes) with no code change, and bad input of every kind."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from hrdmap.domain.monitoring.vocabulary import DatePrecision, PerpetratorType
from hrdmap.monitoring.importer import MappedRow, RowError, SkippedRow, import_rows
from hrdmap.monitoring.mapping import MappingError, builtin_mappings, load_mapping, parse_mapping
from hrdmap.monitoring.readers import ReadError

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "monitoring" / "gdelt-events-fictional.tsv"

SMALL = """
mapping: 1
name: small-list
id: {columns: [ref], prefix: small}
source: {kind: organisation, name: A fictional NGO, reliability: medium}
incident:
  date: {column: when}
  country: {column: where, values: {Narnia: KEN}, unmatched: keep}
acts:
  - type: {column: what, values: {Hitmen: killing, Arrest: arbitrary-detention}}
victim:
  name: {column: name}
  roles: {value: defenders}
perpetrator:
  type: {column: who, values: {Hitmen: private-individual, Police: state-agent}}
"""


def _csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _row(ref: str, **values: str) -> dict[str, str]:
    row = {
        "ref": ref,
        "when": "2019-03-04",
        "where": "Kenya",
        "what": "Hitmen",
        "name": "Fictional Person",
        "who": "Hitmen",
    }
    row.update(values)
    return row


def test_gdelt_events_import_with_the_shipped_mapping_alone() -> None:
    mapping = load_mapping(builtin_mappings()["gdelt-events"])
    results = list(import_rows(FIXTURE, mapping))
    mapped = {r.row: r.incident for r in results if isinstance(r, MappedRow)}
    assert sorted(mapped) == [1, 2, 3, 4, 5, 12]
    assert [r.row for r in results if isinstance(r, SkippedRow)] == [6, 7]
    killing = mapped[1]
    assert killing.act_types == ("killing",) and killing.location.country == "MEX"
    assert killing.location.admin_area == "Sinaloa" and killing.date.precision is DatePrecision.DAY
    assert killing.perpetrators[0].type is PerpetratorType.ORGANISED_CRIME
    assert killing.victims[0].roles == ("journalists",)
    assert killing.sources[0].group == "news.example.org"
    assert mapped[4].act_types == ("kidnapping",) and mapped[12].perpetrators[0].type is PerpetratorType.COMPANY
    errors = {r.row: r for r in results if isinstance(r, RowError)}
    assert "not a real date" in errors[8].reason and errors[8].column == "SQLDATE"
    assert "not a country" in errors[9].reason
    assert "same id" in errors[10].reason
    assert "formula" in errors[11].reason and errors[11].column == "Actor1Name"


@pytest.mark.shared_data
def test_gdelt_mapping_follows_the_real_codebook_and_cameo_codes(shared_data: Path) -> None:
    folder = shared_data / "gdelt-format"
    mapping = load_mapping(builtin_mappings()["gdelt-events"])
    with (folder / "schema_events2.csv").open(encoding="utf-8") as handle:
        codebook = [row["name"] for row in csv.DictReader(handle)]
    assert list(mapping.layout.columns) == codebook
    cameo = json.loads((folder / "cameoCodes.json").read_text("utf-8"))["Description"]
    translated = mapping.acts[0].type.values or {}
    assert set(translated) <= set(cameo)
    assert "kill" in cameo["1823"].lower() and translated["1823"] == "killing"
    assert translated["1822"] == "torture" == cameo["1822"].lower()
    assert translated["173"] == "arbitrary-detention" and "arrest" in cameo["173"].lower()


def test_a_new_schema_imports_with_a_mapping_file_only(tmp_path: Path) -> None:
    mapping = parse_mapping(SMALL, "small.yaml")
    path = _csv(tmp_path / "list.csv", [_row("1"), _row("2", where="Narnia", what="Arrest", who="Police")])
    incidents = [r.incident for r in import_rows(path, mapping) if isinstance(r, MappedRow)]
    assert [(i.location.country, i.act_types, i.perpetrators[0].type) for i in incidents] == [
        ("KEN", ("killing",), PerpetratorType.PRIVATE_INDIVIDUAL),
        ("KEN", ("arbitrary-detention",), PerpetratorType.STATE_AGENT),
    ]


def test_bad_rows_are_named_and_the_rest_go_on(tmp_path: Path) -> None:
    rows = [
        _row("1", when="early 2019"),
        _row("2", when="2019-02-30"),
        _row("3", where="Atlantis"),
        _row("3"),
        _row("4", name="=cmd|' /C calc'!A0"),
        _row("5", what="Poisoning"),
        _row("6", when="2019-01-01/2019-03-31"),
    ]
    results = list(import_rows(_csv(tmp_path / "bad.csv", rows), parse_mapping(SMALL, "small.yaml")))
    errors = {r.row: str(r) for r in results if isinstance(r, RowError)}
    assert set(errors) == {3, 4, 5, 6, 7}
    assert errors[3] == "bad.csv: row 3: when: '2019-02-30' is not a real date (day is out of range for month)"
    assert "row 4: where: 'Atlantis' is not a country" in errors[4]
    assert "row 5: ref: same id 'small:3' as row 4" in errors[5]
    assert "row 6: name: starts with '='" in errors[6]
    assert "row 7: what: 'Poisoning' is not one of the values" in errors[7]
    mapped = {r.row: r.incident for r in results if isinstance(r, MappedRow)}
    assert mapped[2].date.approximate and mapped[2].date.precision is DatePrecision.RANGE
    assert mapped[8].date.precision is DatePrecision.RANGE


def test_a_mapping_naming_a_missing_column_is_refused_before_any_row(tmp_path: Path) -> None:
    path = _csv(tmp_path / "list.csv", [{k: v for k, v in _row("1").items() if k != "who"}])
    with pytest.raises(MappingError, match=r"small.yaml: perpetrator.type: no column 'who' in list.csv"):
        list(import_rows(path, parse_mapping(SMALL, "small.yaml")))


def test_mapping_files_are_checked_with_the_field_named() -> None:
    with pytest.raises(MappingError, match=r"m.yaml: incident.colour: not a field hrdmap knows"):
        parse_mapping(SMALL.replace("  date:", "  colour: red\n  date:"), "m.yaml")
    with pytest.raises(MappingError, match=r"m.yaml: id: 'prefix' is a required property"):
        parse_mapping(SMALL.replace(", prefix: small", ""), "m.yaml")
    with pytest.raises(MappingError, match=r"m.yaml: line \d+: not valid YAML"):
        parse_mapping("mapping: [1", "m.yaml")


def test_xlsx_and_json_lists_import_the_same(tmp_path: Path) -> None:
    rows = [_row("1"), _row("2", where="Narnia")]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    book.save(tmp_path / "list.xlsx")
    (tmp_path / "list.json").write_text(json.dumps({"items": rows}), "utf-8")
    mapping = parse_mapping(SMALL, "small.yaml")
    from_xlsx = [r.incident for r in import_rows(tmp_path / "list.xlsx", mapping) if isinstance(r, MappedRow)]
    json_mapping = parse_mapping(SMALL + "file: {records: items}\n", "small.yaml")
    from_json = [r.incident for r in import_rows(tmp_path / "list.json", json_mapping) if isinstance(r, MappedRow)]
    assert len(from_xlsx) == len(from_json) == 2
    for a, b in zip(from_xlsx, from_json, strict=True):
        assert (a.date, a.location, a.acts, a.victims, a.external_ids) == (
            b.date,
            b.location,
            b.acts,
            b.victims,
            b.external_ids,
        )
    assert from_xlsx[0].sources[0].reference == "list.xlsx row 2"


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = _csv(tmp_path / "big.csv", [_row(str(i)) for i in range(2000)])
    with pytest.raises(ReadError, match="over the import limit"):
        list(import_rows(path, parse_mapping(SMALL, "small.yaml"), max_bytes=10_000))


def test_a_broken_csv_names_the_row_after_the_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "huge-cell.csv"
    path.write_text(
        'ref,when,where,what,name,who\n1,2019,Kenya,Hitmen,A,Hitmen\n2,2019,Kenya,Hitmen,"'
        + "x" * 1_100_000
        + '",Hitmen\n'
    )
    results = import_rows(path, parse_mapping(SMALL, "small.yaml"))
    assert isinstance(next(results), MappedRow)
    with pytest.raises(ReadError, match="row 3: not valid CSV"):
        next(results)
