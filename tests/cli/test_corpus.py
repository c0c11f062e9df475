from __future__ import annotations

import csv
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from hrdmap.cli.main import COMMANDS, cli
from hrdmap.domain.document import StoredDocument

Invoke = Callable[..., Result]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_ingest_prints_a_summary_and_exits_0(invoke: Invoke, html_folder: Path) -> None:
    result = invoke("ingest", str(html_folder))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == "2 stored, 0 unchanged, 0 failed"
    again = invoke("ingest", str(html_folder))
    assert again.stdout.strip().splitlines()[-1] == "0 stored, 2 unchanged, 0 failed"


def test_a_failed_file_is_named_on_stderr_and_exits_1(invoke: Invoke, html_folder: Path) -> None:
    bad = html_folder / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really a pdf")
    result = invoke("ingest", str(html_folder))
    assert result.exit_code == 1
    assert re.search(rf"^FAILED {re.escape(str(bad))}: \S.*$", result.stderr, re.MULTILINE)
    assert "2 stored, 0 unchanged, 1 failed" in result.stdout


def test_nothing_read_exits_2(invoke: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really a pdf")
    assert invoke("ingest", str(bad)).exit_code == 2
    missing = invoke("ingest", str(tmp_path / "missing.docx"))
    assert missing.exit_code == 2 and "missing.docx: no such file or folder" in missing.stderr
    nothing = invoke("ingest")
    assert nothing.exit_code == 2 and "nothing to ingest" in nothing.stderr


def test_ingest_json_lists_every_file(invoke: Invoke, html_folder: Path) -> None:
    result = invoke("ingest", "--json", str(html_folder))
    report = json.loads(result.stdout)
    assert report["counts"] == {"stored": 2, "unchanged": 0, "failed": 0, "unpacked": 0}
    (batch,) = report["batches"]
    assert [Path(i["path"]).name for i in batch["items"]] == ["brazil.html", "kenya.html"]
    assert set(batch["items"][0]) == {"path", "status", "reason", "error_code", "version_id"}


def test_documents_lists_a_table_and_json(invoke: Invoke, stored_report: StoredDocument) -> None:
    table = invoke("documents")
    assert "A/73/230" in table.stdout and "Human rights defenders" in table.stdout
    (listed,) = json.loads(invoke("documents", "--json").stdout)
    assert listed["symbol"] == "A/73/230" and listed["paragraphs"] == 3 and listed["version"] == 1


def test_documents_failed_lists_reasons(invoke: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really a pdf")
    invoke("ingest", str(bad))
    (failure,) = json.loads(invoke("documents", "--failed", "--json").stdout)
    assert failure["path"] == str(bad) and failure["status"] == "failed" and failure["reason"]
    assert invoke("documents", "--failed").stdout.startswith(f"{bad}: [")


def test_show_prints_numbered_paragraphs_with_their_footnotes(
    invoke: Invoke, stored_report: StoredDocument
) -> None:
    result = invoke("show", "A/73/230")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "A/73/230  Human rights defenders"
    assert "I. Introduction" in lines
    first = lines.index("  1. The General Assembly requested a comprehensive assessment. [1]")
    assert lines[first + 1] == "      [1] See General Assembly resolution 72/247, para. 16."
    assert "      (a) recognise the role of defenders;" in lines
    assert invoke("show", str(stored_report.id)).stdout == result.stdout
    assert invoke("show", stored_report.source).stdout == result.stdout


def test_show_json_has_blocks_and_footnotes(invoke: Invoke, stored_report: StoredDocument) -> None:
    shown = json.loads(invoke("show", "--json", "1").stdout)
    assert shown["document"]["symbol"] == "A/73/230"
    assert [b["label"] for b in shown["blocks"]] == [None, "I.", "1.", "2.", "(a)"]
    assert shown["footnotes"][1] == {
        "label": "2",
        "text": "Input by Child Rights Connect.",
        "block_index": 3,
        "page": 1,
    }


def test_an_unknown_document_exits_2(invoke: Invoke) -> None:
    result = invoke("show", "A/HRC/99/1")
    assert result.exit_code == 2 and "no document 'A/HRC/99/1'" in result.stderr


def test_search_highlights_matches_and_names_the_paragraph(invoke: Invoke, html_folder: Path) -> None:
    invoke("ingest", str(html_folder))
    hits = json.loads(invoke("search", "--json", "protection").stdout)
    assert hits and all(Path(h["source"]).name == "brazil.html" for h in hits)
    first = hits[0]
    assert first["label"] in {"1.", "2.", "3."}
    start, end = first["highlights"][0]
    assert first["snippet"][start:end].lower() == "protection"
    text = invoke("search", "protection", "--limit", "1").stdout
    assert "brazil.html · para." in text and "protection" in text


def test_search_refuses_year_with_a_range(invoke: Invoke) -> None:
    assert invoke("search", "x", "--year", "2018", "--from", "2017").exit_code == 2


def test_export_writes_one_row_per_paragraph(
    invoke: Invoke, stored_report: StoredDocument, tmp_path: Path
) -> None:
    out = tmp_path / "paragraphs.csv"
    assert invoke("export", "--format", "csv", "--output", str(out)).exit_code == 0
    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["label"] for r in rows] == ["1.", "2.", "(a)"]
    assert rows[1]["footnotes"] == "2: Input by Child Rights Connect."
    assert rows[0]["heading_path"] == "I. Introduction"
    lines = invoke("export").stdout.splitlines()
    assert json.loads(lines[0])["footnotes"] == [
        {"label": "1", "text": "See General Assembly resolution 72/247, para. 16."}
    ]


def test_the_home_folder_comes_from_the_environment(tmp_path: Path, html_folder: Path) -> None:
    home = tmp_path / "elsewhere"
    result = CliRunner().invoke(cli, ["ingest", str(html_folder)], env={"HRDMAP_HOME": str(home)})
    assert result.exit_code == 0
    assert (home / "hrdmap.sqlite3").is_file()


def test_hrdmap_database_url_names_the_store_and_an_unknown_scheme_is_refused(
    tmp_path: Path, html_folder: Path
) -> None:
    database = tmp_path / "shared" / "team.sqlite3"
    env = {"HRDMAP_HOME": str(tmp_path / "home"), "HRDMAP_DATABASE_URL": f"sqlite:///{database.as_posix()}"}
    assert CliRunner().invoke(cli, ["ingest", str(html_folder)], env=env).exit_code == 0
    assert database.is_file() and not (tmp_path / "home" / "hrdmap.sqlite3").exists()
    env["HRDMAP_DATABASE_URL"] = "oracle://ana:s3cret@db.example.org/hrdmap"
    refused = CliRunner().invoke(cli, ["documents"], env=env)
    assert refused.exit_code == 2
    assert "HRDMAP_DATABASE_URL: the database URL scheme 'oracle' is unknown" in refused.stderr
    assert "s3cret" not in refused.output


def test_every_corpus_command_and_option_is_documented() -> None:
    documented = DOCS.read_text(encoding="utf-8")
    for name in ("ingest", "documents", "show", "search", "export"):
        assert f"## hrdmap {name}" in documented, name
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None and COMMANDS[name].startswith("hrdmap.cli.corpus:")
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert f"`{opt}" in documented, f"{name} {opt}"


def test_reindex_rebuilds_a_lost_or_damaged_index_from_the_store(tmp_path: Path) -> None:
    home = tmp_path / "home"
    source = tmp_path / "note.txt"
    source.write_text("1. The Office supported a network of land defenders in the region.\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["--home", str(home), "ingest", str(source)]).exit_code == 0
    shutil.rmtree(home / "search")
    assert "land defenders" not in runner.invoke(cli, ["--home", str(home), "search", "land"]).output
    result = runner.invoke(cli, ["--home", str(home), "reindex"])
    assert result.exit_code == 0, result.output
    assert "1 paragraphs" in result.output
    found = runner.invoke(cli, ["--home", str(home), "search", "land", "--json"])
    assert '"block_id"' in found.output and "land" in found.output
    shutil.rmtree(home / "search")
    (home / "search").mkdir()
    (home / "search" / "meta.json").write_text("{not an index", encoding="utf-8")
    assert runner.invoke(cli, ["--home", str(home), "reindex"]).exit_code == 0
    found = runner.invoke(cli, ["--home", str(home), "search", "land", "--json"])
    assert '"block_id"' in found.output and "land" in found.output


def test_search_semantic_finds_a_paragraph_by_meaning_and_reindex_rebuilds_its_index(tmp_path: Path) -> None:
    home = tmp_path / "home"
    source = tmp_path / "note.txt"
    source.write_text(
        "1. Reporters covering the protests were beaten by police.\n\n2. The ministry published its budget.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    assert runner.invoke(cli, ["--home", str(home), "ingest", str(source)]).exit_code == 0
    found = runner.invoke(cli, ["--home", str(home), "search", "--semantic", "press freedom", "--limit", "1"])
    assert found.exit_code == 0, found.output
    assert "Reporters covering" in found.output and "similarity 0." in found.output
    assert "vector index brought up to date: 1 documents embedded" in found.output
    as_json = runner.invoke(cli, ["--home", str(home), "search", "--semantic", "press freedom", "--json"])
    assert [hit["highlights"] for hit in json.loads(as_json.output)] == [[], []]
    rebuilt = runner.invoke(cli, ["--home", str(home), "reindex"])
    assert "vector index rebuilt: 2 paragraphs (static-e5)" in rebuilt.output
    (home / "vectors" / "manifest.json").write_text("{damaged", encoding="utf-8")
    refused = runner.invoke(cli, ["--home", str(home), "search", "--semantic", "press freedom"])
    assert refused.exit_code == 2 and "run `hrdmap reindex` to rebuild it" in refused.output
    assert "Traceback" not in refused.output
