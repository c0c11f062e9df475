"""``hrdmap incidents``, ``hrdmap indicators`` and ``hrdmap warnings`` as a person uses them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

Invoke = Callable[..., Result]

GDELT = Path(__file__).resolve().parents[1] / "fixtures" / "monitoring" / "gdelt-events-fictional.tsv"
ONE = [
    "incidents", "add", "--title", "Killing of a defender (fictional)", "--date", "2019-03-04", "--country", "Kenya",
    "--act", "killing", "--victim", "Fictional Person", "--sex", "female", "--role", "defenders",
    "--source-name", "A fictional NGO", "--source-reference", "report-1", "--reliability", "high",
]  # fmt: skip


def test_a_media_feed_imports_with_its_mapping_and_reruns_to_nothing(invoke: Invoke) -> None:
    first = invoke("incidents", "import", str(GDELT), "--mapping", "gdelt-events")
    assert first.exit_code == 1
    assert "6 added, 0 already stored, 2 left out by the mapping, 4 refused" in first.output
    assert "gdelt-events-fictional.tsv: row 8: SQLDATE: '20190230' is not a real date" in first.output
    again = invoke("incidents", "import", str(GDELT), "--mapping", "gdelt-events", "--json")
    assert json.loads(again.output)["added"] == 0 and json.loads(again.output)["unchanged"] == 6
    listed = json.loads(invoke("incidents", "list", "--json").output)
    assert len(listed) == 6 and {e["event"]["status"] for e in listed} == {"reported"}


def test_an_unknown_mapping_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("incidents", "import", str(GDELT), "--mapping", "no-such-mapping")
    assert result.exit_code == 2 and "neither a mapping file nor one of" in result.output


def test_add_show_and_verify_with_the_rule(invoke: Invoke) -> None:
    assert invoke(*ONE, "--sensitivity", "public").output.startswith("Added incident 1")
    assert invoke("incidents", "status", "1", "under-verification", "--reason", "assigned").exit_code == 0
    refused = invoke("incidents", "status", "1", "verified", "--reason", "one source")
    assert refused.exit_code == 2 and "do not meet the rule" in refused.output
    source = ["--kind", "url", "--reference", "https://news.example.org/a", "--name", "news.example.org"]
    source += ["--reliability", "medium", "--sensitivity", "public"]
    assert invoke("incidents", "source", "1", *source).exit_code == 0
    assert "is verified" in invoke("incidents", "status", "1", "verified", "--reason", "two sources").output
    shown = invoke("incidents", "show", "1")
    assert "status: verified" in shown.output and "news.example.org" in shown.output


def test_restricted_incidents_are_not_found_for_a_public_reader(invoke: Invoke) -> None:
    invoke(*ONE)  # restricted by default
    assert invoke("incidents", "show", "1").exit_code == 2
    assert invoke("incidents", "show", "1", "--clearance", "restricted").exit_code == 0


def test_indicators_as_table_csv_json_and_html(invoke: Invoke, tmp_path: Path) -> None:
    invoke("incidents", "import", str(GDELT), "--mapping", "gdelt-events")
    csv_text = invoke("indicators", "killings", "--by", "year,country", "--format", "csv", "--min-cell", "1").output
    assert csv_text.splitlines() == ["year,country,victims,incidents", "2019,HND,1,1", "2019,MEX,1,1"]
    suppressed = json.loads(invoke("indicators", "killings", "--by", "country", "--format", "json").output)
    assert {row["victims"] for row in suppressed} == {"<3"}
    page = tmp_path / "page.html"
    assert invoke("indicators", "16.10.1", "--by", "country", "--format", "html", "--output", str(page),
                  "--min-cell", "1").exit_code == 0  # fmt: skip
    html = page.read_text("utf-8")
    assert "<svg" in html and "news.example.org" in html and "<script" not in html
    assert invoke("indicators", "colours").exit_code == 2
    assert invoke("indicators", "killings", "--by", "colour").exit_code == 2


def test_duplicates_merge_unmerge_and_distinct(invoke: Invoke) -> None:
    invoke(*ONE, "--sensitivity", "public")
    invoke(*[a if a != "Fictional Person" else "Person, Fictional" for a in ONE], "--sensitivity", "public")
    pairs = json.loads(invoke("incidents", "duplicates", "--json").output)
    assert [(p["left"], p["right"]) for p in pairs] == [(1, 2)]
    assert invoke("incidents", "merge", "1", "2", "--reason", "same").exit_code == 0
    assert invoke("incidents", "merge", "1", "2").exit_code == 2  # already merged
    assert invoke("incidents", "unmerge", "2").exit_code == 0
    assert invoke("incidents", "distinct", "1", "2").exit_code == 0
    assert json.loads(invoke("incidents", "duplicates", "--json").output) == []


def test_warnings_interventions_replies_cases_and_export(invoke: Invoke, tmp_path: Path) -> None:
    invoke(*ONE, "--sensitivity", "public")
    assert "No warning as of 2019-03" in invoke("warnings", "--as-of", "2019-03-31").output
    assert json.loads(invoke("warnings", "--as-of", "2019-03-31", "--by-group", "--json").output) == []
    assert invoke("warnings", "acknowledge", "KEN", "2019-03", "--note", "seen").exit_code == 0
    assert invoke("incidents", "intervene", "1", "--kind", "communication", "--date", "2019-04-01", "--by", "SR-HRD",
                  "--symbol", "UA KEN 1/2019").exit_code == 0  # fmt: skip
    assert invoke("incidents", "reply", "1", "--date", "2019-06-01", "--summary", "denied").exit_code == 0
    assert "reply 2019-06-01" in invoke("incidents", "show", "1", "--clearance", "confidential").output
    assert invoke("incidents", "case", "open", "--title", "Case (fictional)", "--subject", "F. P.",
                  "--incident", "1").exit_code == 0  # fmt: skip
    assert (
        invoke("incidents", "case", "update", "1", "--status", "follow-up", "--reason", "reply awaited").exit_code == 0
    )
    case = json.loads(invoke("incidents", "case", "show", "1", "--clearance", "restricted").output)
    assert case["status"] == "follow-up" and case["incidents"] == [1]
    out = tmp_path / "incidents.xlsx"
    assert "1 incidents written" in invoke("incidents", "export", str(out), "--format", "xlsx").output
    assert out.stat().st_size > 0


def test_add_from_a_file_and_propose_from_an_empty_corpus(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "incidents.json"
    path.write_text(json.dumps({"incidents": [{"date": "early 2019", "country": "PER", "acts": ["threats"]}]}), "utf-8")
    assert "Added incident 1" in invoke("incidents", "add", "--file", str(path)).output
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"incidents": [{"country": "PER", "acts": ["poisoning"]}]}), "utf-8")
    assert "not a label of the attack-types framework" in invoke("incidents", "add", "--file", str(bad)).output
    assert "0 incidents proposed" in invoke("incidents", "propose").output
    assert invoke("incidents", "review", "1", "accept", "--reason", "x").exit_code == 2  # not proposed


def test_a_reviewer_edits_a_record_and_the_rest_stays(invoke: Invoke) -> None:
    invoke(*ONE, "--sensitivity", "public")
    assert invoke("incidents", "edit", "1", "--date", "early 2019", "--act", "threats", "--role", "journalists",
                  "--place", "Nairobi").exit_code == 0  # fmt: skip
    shown = json.loads(invoke("incidents", "show", "1", "--json").output)
    assert shown["event"]["date"]["as_written"] == "early 2019" and shown["event"]["location"]["place"] == "Nairobi"
    assert [a["type"] for a in shown["acts"]] == ["threats"] and shown["victims"][0]["roles"] == ["journalists"]
    assert shown["information"][0]["name"] == "A fictional NGO"
    assert invoke("incidents", "edit", "1", "--act", "poisoning").exit_code == 2
    assert invoke("incidents", "edit", "1", "--title", "=cmd").exit_code == 2
