"""What the monitoring commands print as JSON, and the files ``incidents export`` writes, stay the same.

A characterisation test: one data folder is filled through the command line (a media feed imported, incidents
added by hand and from a file, sources, an intervention and its reply, a case, a warning acknowledged), then every
JSON output of ``hrdmap incidents``, ``indicators`` and ``warnings`` and every export format is compared, byte for
byte, with the output recorded in ``tests/fixtures/monitoring/outputs/`` before the views moved into
:mod:`hrdmap.services.views.monitoring`. Only what differs from run to run is masked: the time of a change, the
account running the command and the temporary folder.

To record the outputs again after a change meant to alter them: ``HRDMAP_RECORD_OUTPUTS=1 pytest`` this file,
then read the diff of the recorded files.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hrdmap.cli.main import cli
from hrdmap.config import Settings
from hrdmap.services.workspace import open_workspace

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "monitoring"
RECORDED = FIXTURES / "outputs"
RECORD = bool(os.environ.get("HRDMAP_RECORD_OUTPUTS"))
_AT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:\+00:00|Z)?")

Invoke = Callable[..., Result]


def _account() -> str:
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return f"uid:{os.getuid()}"


def _incidents_file(folder: Path) -> Path:
    """Kenya: one public incident a month in 2018 and early 2019, then eight in March 2019 (a warning)."""
    steady = [f"2018-{m:02d}-10" for m in range(1, 13)] + ["2019-01-10", "2019-02-10"]
    surge = [f"2019-03-{d:02d}" for d in range(1, 9)]
    incidents = [
        {
            "title": f"Threat against a defender (fictional) {n}",
            "date": day,
            "country": "KEN",
            "place": "Nairobi" if n % 2 else "",
            "sensitivity": "restricted" if n == 20 else "public",
            "acts": ["threats"],
            "victims": [{"name": f"Fictional Person {n}", "sex": "male", "age": 30 + n, "roles": ["defenders"]}],
            "perpetrators": [{"type": "unknown"}],
            "sources": [{"kind": "organisation", "name": "A fictional NGO", "reference": f"ken-{n}"}],
            "external_id": f"fictional:{n}",
        }
        for n, day in enumerate(steady + surge, start=1)
    ]
    path = folder / "kenya.json"
    path.write_text(json.dumps({"incidents": incidents}), "utf-8")
    return path


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Every JSON output and export of the monitoring commands on one data folder, masked."""
    folder = tmp_path_factory.mktemp("monitoring")
    home = folder / "home"
    with open_workspace(Settings(home=home)):
        pass
    feed = folder / "gdelt.tsv"
    shutil.copyfile(FIXTURES / "gdelt-events-fictional.tsv", feed)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--home", str(home), *args], catch_exceptions=False)

    out: dict[str, str] = {}
    one = ["incidents", "add", "--title", "Killing of a defender (fictional)", "--date", "2019-03-04", "--country",
           "Kenya", "--act", "killing", "--victim", "Fictional Person", "--sex", "female", "--age", "41", "--role",
           "defenders", "--source-name", "A fictional NGO", "--source-reference", "report-1", "--reliability",
           "high", "--sensitivity", "public"]  # fmt: skip
    out["add.json"] = invoke(*one, "--json").output
    out["add-twin.json"] = invoke(*[a if a != "Fictional Person" else "Person, Fictional" for a in one],
                                  "--json").output  # fmt: skip
    out["add-file.json"] = invoke("incidents", "add", "--file", str(_incidents_file(folder)), "--json").output
    out["import.json"] = invoke("incidents", "import", str(feed), "--mapping", "gdelt-events", "--json").output
    out["import-again.json"] = invoke("incidents", "import", str(feed), "--mapping", "gdelt-events", "--json").output
    invoke("incidents", "source", "1", "--kind", "url", "--reference", "https://news.example.org/a", "--name",
           "news.example.org", "--reliability", "medium", "--sensitivity", "public")  # fmt: skip
    invoke("incidents", "status", "1", "under-verification", "--reason", "assigned")
    invoke("incidents", "intervene", "1", "--kind", "communication", "--date", "2019-04-01", "--by", "SR-HRD",
           "--symbol", "UA KEN 1/2019", "--summary", "asked for information")  # fmt: skip
    invoke("incidents", "reply", "1", "--date", "2019-06-01", "--summary", "denied")
    invoke("incidents", "case", "open", "--title", "Case (fictional)", "--subject", "F. P.", "--incident", "1",
           "--incident", "2")  # fmt: skip
    invoke("incidents", "case", "update", "1", "--status", "follow-up", "--reason", "reply awaited")
    invoke("warnings", "acknowledge", "KEN", "2019-03", "--note", "seen", "--intervention", "1")
    for clearance in ("public", "restricted", "confidential"):
        out[f"list-{clearance}.json"] = invoke("incidents", "list", "--json", "--clearance", clearance, "--from",
                                               "2019-03-04", "--to", "2019-03-14").output  # fmt: skip
        out[f"show-1-{clearance}.json"] = invoke("incidents", "show", "1", "--json", "--clearance", clearance).output
    out["list-filtered.json"] = invoke("incidents", "list", "--json", "--country", "ken", "--act", "threats",
                                       "--from", "2019-01-01", "--limit", "5").output  # fmt: skip
    out["duplicates.json"] = invoke("incidents", "duplicates", "--json", "--clearance", "confidential").output
    out["case-show.txt"] = invoke("incidents", "case", "show", "1", "--clearance", "restricted").output
    out["indicators-killings.json"] = invoke("indicators", "killings", "--by", "year,country", "--format", "json",
                                             "--min-cell", "1").output  # fmt: skip
    out["indicators-suppressed.json"] = invoke("indicators", "all", "--by", "country,sex", "--format",
                                               "json").output  # fmt: skip
    out["indicators-threats.csv"] = invoke("indicators", "threats", "--by", "year,month,role", "--format", "csv",
                                           "--clearance", "restricted").output  # fmt: skip
    written = folder / "indicators.json"
    invoke("indicators", "16.10.1", "--by", "country,perpetrator", "--format", "json", "--output", str(written))
    out["indicators-file.json"] = written.read_text("utf-8")
    out["warnings.json"] = invoke("warnings", "--as-of", "2019-03-31", "--json").output
    out["warnings-by-group.json"] = invoke("warnings", "--as-of", "2019-03-31", "--by-group", "--json",
                                           "--act", "threats").output  # fmt: skip
    out["warnings-none.json"] = invoke("warnings", "--as-of", "2018-06-30", "--json").output
    for fmt, suffix, clearance in (("json", "json", "public"), ("json", "json", "confidential"),
                                   ("csv", "csv", "public"), ("hxl", "csv", "restricted"),
                                   ("xlsx", "xlsx", "confidential")):  # fmt: skip
        path = folder / f"export-{fmt}-{clearance}.{suffix}"
        when = ["--from", "2019-03-04", "--to", "2019-04-30"] if fmt == "json" else []
        invoke("incidents", "export", str(path), "--format", fmt, "--clearance", clearance, *when)
        name = f"export-{fmt}-{clearance}.{'json' if fmt == 'xlsx' else suffix}"
        out[name] = _sheet(path) if fmt == "xlsx" else path.read_text("utf-8")
    account = json.dumps(_account())
    yield {name: _AT.sub("<at>", text.replace(str(folder), "<tmp>")).replace(account, '"<account>"')
           for name, text in out.items()}  # fmt: skip


def _sheet(path: Path) -> str:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    rows = [list(row) for row in book.active.iter_rows(values_only=True)]  # type: ignore[union-attr]
    book.close()
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def test_the_scenario_produces_warnings_duplicates_and_suppressed_cells(outputs: dict[str, str]) -> None:
    warnings = json.loads(outputs["warnings.json"])
    assert [w["series"] for w in warnings] == ["KEN"] and warnings[0]["acknowledged"]["note"] == "seen"
    assert json.loads(outputs["warnings-by-group.json"])[0]["series"] == "KEN|defenders"
    assert [(p["left"], p["right"]) for p in json.loads(outputs["duplicates.json"])][:1] == [(1, 2)]
    assert "<3" in outputs["indicators-suppressed.json"]
    assert json.loads(outputs["show-1-confidential.json"])["interventions"][0]["reply"]["summary"] == "denied"


def test_every_output_is_the_one_recorded(outputs: dict[str, str]) -> None:
    if RECORD:
        RECORDED.mkdir(exist_ok=True)
        for old in RECORDED.iterdir():
            old.unlink()
        for name, text in outputs.items():
            (RECORDED / name).write_text(text, "utf-8")
    recorded = {p.name: p.read_text("utf-8") for p in RECORDED.iterdir()}
    assert sorted(outputs) == sorted(recorded)
    assert [name for name, text in outputs.items() if text != recorded[name]] == []
