"""The canary test: every output hrdmap can produce, rendered from a corpus with a confidential contribution full of
canary strings (tests/hostile/canaries.py, fictional), and searched for them.

The outputs are enumerated from the command line itself: every command (and every group that runs on its own) must
be in :data:`OUTPUTS`, with the runs that render what it can write, or in :data:`NO_CORPUS_OUTPUT` with the reason
it writes nothing of the corpus. A new command fails :func:`test_every_command_is_rendered_or_exempted` until it
is listed, so no output escapes the test. What each run may show (docs/threat-model.md, "Confidentiality"):

- ``public``: no canary at all (the counts of confidential contributions are all that may show);
- ``redacted``: an internal working draft: it may quote the confidential contribution, but no canary survives;
- ``marked``: an internal view (the officer's terminal, an internal export or map): canaries may show, but only
  marked: the output says ``confidential``, and no JSON object marked ``"confidential": false`` holds one;
- ``registry``: lists of calls and stakeholders: the contributor's name may show, nothing of its contribution.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from hrdmap.cli.main import cli

from . import canaries
from .canaries import CALL, CONTRIBUTOR, DOCUMENT, EVERY, MARKERS, PERSONAL

CONFIDENTIAL_DOC, PUBLIC_DOC = "2", "1"
REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Run:
    """One rendering of a command: its arguments (``{out}`` is a fresh folder) and what it may show."""

    args: tuple[str, ...]
    expect: str


def _runs(expect: str, *argument_lists: tuple[str, ...]) -> tuple[Run, ...]:
    return tuple(Run(args, expect) for args in argument_lists)


#: Every command that writes or prints something of the corpus, and how to make it do so.
OUTPUTS: dict[str, tuple[Run, ...]] = {
    "audit verify": _runs("public", ("audit", "verify"), ("audit", "verify", "--json")),
    "calls list": _runs("registry", ("calls", "list"), ("calls", "list", "--json")),
    "calls page": _runs("public", ("calls", "page", CALL, "--output", "{out}/inputs.html")),
    "calls status": _runs("marked", ("calls", "status", CALL), ("calls", "status", CALL, "--json")),
    "documents": _runs("marked", ("documents",), ("documents", "--json")),
    "draft": (
        *_runs("redacted", ("draft", CALL, "-o", "{out}"), ("draft", CALL, "-o", "{out}", "--json")),
        *_runs("public", ("draft", CALL, "-o", "{out}", "--audience", "public")),
    ),
    "export": (
        *_runs("public", ("export",), ("export", "--format", "csv", "--output", "{out}/rows.csv")),
        *_runs("marked", ("export", "--audience", "internal"), ("export", "--format", "csv", "--audience", "internal")),
    ),
    "map": (
        *_runs(
            "public",
            ("map",),
            ("map", "--output", "{out}/map.html"),
            ("map", "--format", "csv", "--output", "{out}/csv"),
            ("map", "--output", "{out}/map.json"),
        ),
        *_runs(
            "marked",
            ("map", "--audience", "internal"),
            ("map", "--output", "{out}/m.html", "--audience", "internal"),
        ),
    ),
    "mandates list": _runs("marked", ("mandates", "list"), ("mandates", "list", "--json")),
    "mandates link": _runs("marked", ("mandates", "link"), ("mandates", "link", "--json")),
    "mandates show": _runs(
        "marked", ("mandates", "show", "A/RES/EX/1"), ("mandates", "show", "A/RES/EX/1", "--json")
    ),
    "recommendations list": _runs("marked", ("recommendations", "list"), ("recommendations", "list", "--json")),
    "recommendations show": _runs(
        "marked", ("recommendations", "show", "1"), ("recommendations", "show", "1", "--json")
    ),
    "recommendations export": (
        *_runs(
            "public",
            ("recommendations", "export", "--format", "csv", "-o", "{out}/recs.csv"),
            ("recommendations", "export", "--format", "xlsx", "-o", "{out}/recs.xlsx"),
        ),
        *_runs(
            "marked", ("recommendations", "export", "--format", "csv", "-o", "{out}/r.csv", "--audience", "internal")
        ),
    ),
    "recommendations tracker": _runs(
        "marked", ("recommendations", "tracker"), ("recommendations", "tracker", "--json")
    ),
    "reindex": _runs("public", ("reindex",)),
    "review": _runs("marked", ("review", "--list"), ("review", "--list", "--json")),
    "search": _runs("marked", ("search", "witness"), ("search", "witness", "--json"), ("search", "Quintero")),
    "show": (
        *_runs("marked", ("show", CONFIDENTIAL_DOC), ("show", CONFIDENTIAL_DOC, "--json")),
        *_runs("public", ("show", PUBLIC_DOC, "--json")),
    ),
    "stakeholders list": _runs("registry", ("stakeholders", "list"), ("stakeholders", "list", "--json")),
    "tag": _runs("marked", ("tag", "--tagger", "statement-kind", "--json")),
}
#: Commands that write nothing of the corpus, and why (each reason names where the command is tested).
NO_CORPUS_OUTPUT: dict[str, str] = {
    "audit export": "administrators only: the trail names the files it recorded, those of confidential contributions"
    " too (docs/threat-model.md, 'Not yet'); tested in tests/cli/test_audit.py",
    "audit list": "administrators only, as `audit export`",
    "calls add": "writes a call from its options and prints its key",
    "calls contribution": "stores files given on the command line and prints their outcome (the operator's input)",
    "calls import": "run by the fixture: prints counts; its output is checked by test_importing_prints_no_canary",
    "calls request": "records a request and prints its id",
    "evaluate": "prints per-label scores against a labelled file, no corpus text (tests/cli/test_evaluate.py)",
    "incidents add": "incidents are not contributions: their own sensitivity per record (monitoring.access)",
    "incidents case open": "incidents: own sensitivity per record, tested in tests/cli/test_incidents_cli.py",
    "incidents case show": "incidents: own clearance, tested in tests/cli/test_incidents_cli.py",
    "incidents case update": "incidents: writes, prints ids",
    "incidents distinct": "incidents: writes, prints ids",
    "incidents duplicates": "incidents: own clearance, tested in tests/cli/test_incidents_cli.py",
    "incidents edit": "incidents: writes, prints ids",
    "incidents export": "incidents: public records only by default, tested in tests/cli/test_incidents_cli.py",
    "incidents import": "incidents: reads a list given by the operator",
    "incidents intervene": "incidents: writes, prints ids",
    "incidents list": "incidents: own clearance, tested in tests/cli/test_incidents_cli.py",
    "incidents merge": "incidents: writes, prints ids",
    "incidents propose": "incidents: proposals from the corpus' attack tags; prints counts and ids",
    "incidents reply": "incidents: writes, prints ids",
    "incidents review": "incidents: writes, prints ids",
    "incidents show": "incidents: own clearance, tested in tests/cli/test_incidents_cli.py",
    "incidents source": "incidents: writes, prints ids",
    "incidents status": "incidents: writes, prints ids",
    "incidents unmerge": "incidents: writes, prints ids",
    "indicators": "counts of incidents' victims, public cells suppressed below 3 (tests/cli/test_incidents_cli.py)",
    "ingest": "prints the paths it was given and their outcome (the operator's own input), nothing from the store",
    "keys init": "writes a key file",
    "keys rotate": "re-wraps data keys; prints counts",
    "mandates add": "reads resolutions given on the command line (public UN texts)",
    "migrate-store": "copies a store into another and prints table counts and checksums",
    "recommendations extract": "run by the fixture on every document; prints counts (the outputs are listed)",
    "recommendations import": "reads lists given by the operator (public UN lists)",
    "recommendations status": "records a status and prints it",
    "review accept": "records a decision and prints its ids",
    "review add": "records a decision and prints its ids",
    "review reject": "records a decision and prints its ids",
    "serve": "the web app: need to know and audited reads are tested in tests/web/",
    "stakeholders add": "writes a stakeholder from its options",
    "users add": "accounts of the web app: no corpus content",
    "users disable": "accounts of the web app: no corpus content",
    "users enable": "accounts of the web app: no corpus content",
    "users list": "accounts of the web app: no corpus content",
    "users reset-mfa": "accounts of the web app: no corpus content",
    "users set-password": "accounts of the web app: no corpus content",
    "warnings": "rises of incidents by country and group (own clearance, tests/services/monitoring)",
    "warnings acknowledge": "records an acknowledgement",
}


def commands() -> Iterator[str]:
    """Every command path of ``hrdmap``, and every group that also runs on its own (``review``, ``warnings``)."""
    ctx = click.Context(cli)

    def walk(command: click.Command, path: tuple[str, ...]) -> Iterator[str]:
        if isinstance(command, click.Group):
            if path and command.invoke_without_command:
                yield " ".join(path)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                yield from walk(sub, (*path, name))
        else:
            yield " ".join(path)

    yield from walk(cli, ())


@dataclass(frozen=True)
class Home:
    path: Path
    imported: str


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    """The canary corpus imported, tagged by the rule taggers, and its recommendations extracted."""
    folder = tmp_path_factory.mktemp("canaries")
    call = canaries.write_corpus(folder / "in")
    home = folder / "home"
    imported = _hrdmap(home, "calls", "import", str(call))
    _hrdmap(home, "tag", "--tagger", "statement-kind", "--tagger", "framework-keywords", "--tagger", "gazetteer")
    _hrdmap(home, "recommendations", "extract", CONFIDENTIAL_DOC, PUBLIC_DOC)
    _hrdmap(home, "mandates", "add", str(REPO / "examples" / "resolution.txt"))
    _hrdmap(home, "mandates", "link")
    return Home(home, imported)


def _hrdmap(home: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--home", str(home), *args], catch_exceptions=False)
    assert result.exit_code in (0, 1), f"hrdmap {' '.join(args)}: {result.output}"
    return result.output


def _render(home: Home, run: Run, out: Path) -> str:
    """What a reader of the run's output sees: its standard output and error, and every file it wrote."""
    out.mkdir(parents=True, exist_ok=True)
    args = [a.replace("{out}", str(out)) for a in run.args]
    printed = _hrdmap(home.path, *args)
    written = [canaries.readable(p) for p in canaries.files_under(out)]
    return "\n".join([printed, *written])


def test_every_command_is_rendered_or_exempted() -> None:
    known = set(OUTPUTS) | set(NO_CORPUS_OUTPUT)
    every = set(commands())
    assert every - known == set(), "add the new command to OUTPUTS (with runs) or NO_CORPUS_OUTPUT (with a reason)"
    assert known - every == set(), "a listed command no longer exists"
    assert not set(OUTPUTS) & set(NO_CORPUS_OUTPUT)


def test_importing_prints_no_canary(home: Home) -> None:
    assert canaries.found(home.imported) == []


def test_the_canaries_are_in_the_store(home: Home, tmp_path: Path) -> None:
    """The test would pass on an empty corpus: the internal views must find the canaries."""
    seen = _render(home, Run(("show", CONFIDENTIAL_DOC, "--json"), "marked"), tmp_path)
    assert set(canaries.found(seen, PERSONAL)) >= {"Marisol", "Quintero", "Okafor", "Quetzaltenango", "5555 0142"}
    listed = _render(home, Run(("recommendations", "list", "--json"), "marked"), tmp_path / "recs")
    assert '"confidential": true' in listed and "Okafor" in listed  # a recommendation read from it


@pytest.mark.parametrize(
    "run", [run for runs in OUTPUTS.values() for run in runs], ids=lambda run: " ".join(run.args).replace("{out}/", "")
)
def test_confidential_canaries_appear_only_where_they_may(home: Home, run: Run, tmp_path: Path) -> None:
    text = _render(home, run, tmp_path / "out")
    if run.expect in ("public", "redacted"):
        assert canaries.found(text) == [], f"{run.expect} output shows confidential canaries"
    elif run.expect == "registry":
        assert canaries.found(text, PERSONAL + DOCUMENT) == []
    else:
        assert run.expect == "marked"
        if canaries.found(text, EVERY):
            assert any(m in text for m in MARKERS), "canaries shown without a confidential mark"
        for value in canaries.json_values(text):
            for record in canaries.unmarked_records(value):
                assert canaries.found(str(record), PERSONAL + DOCUMENT + CONTRIBUTOR) == [], record


def test_the_draft_quoted_confidential_contributions_verbatim_and_now_redacts_their_personal_data(
    home: Home, tmp_path: Path
) -> None:
    """Issue 8: the contributor's name in a variant form, a witness's name, city and phone number survived."""
    text = _render(home, Run(("draft", CALL, "-o", "{out}", "--format", "html"), "redacted"), tmp_path)
    assert "supported a protection programme for human rights defenders in Guatemala" in text  # used, marked …
    assert "Confidential input on file with the Secretariat." in text and "Internal draft" in text
    assert canaries.found(text) == []  # … and nothing of its people, places or numbers survives


def test_map_listed_confidential_titles_file_names_and_text_and_no_longer_does(home: Home, tmp_path: Path) -> None:
    """Issue 8: map.html and ``map --format json`` listed confidential documents' titles, file names and text."""
    page = _render(home, Run(("map", "--output", "{out}/map.html"), "public"), tmp_path / "html")
    data = _render(home, Run(("map", "--format", "json"), "public"), tmp_path / "json")
    assert canaries.found(page) == [] and canaries.found(data) == []
    assert "confidential documents counted, not shown" in page
    internal = _render(home, Run(("map", "--format", "json", "--audience", "internal"), "marked"), tmp_path / "in")
    assert "Quintero" in internal and '"confidential": true' in internal
