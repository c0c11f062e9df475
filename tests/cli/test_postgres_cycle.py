"""The whole command line on PostgreSQL: the README's cycle, with HRDMAP_DATABASE_URL naming a fresh schema,
prints what it prints on SQLite.

Each command runs in-process with the environment a user would set; the example corpus is fictional.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hrdmap.cli.main import cli
from tests.postgres import fresh_schema_url

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
CALL = "hrd-assessment-2026"
#: Keys whose values are clock readings or file locations: they differ between two runs whatever the store.
_VOLATILE = {"at", "ingested_at", "created_at", "updated_at", "recorded_at", "started_at", "finished_at", "stored_at"}

#: When a page says it was made ("2026-12-01 22:46 UTC").
_CLOCK = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?( UTC|Z)?")

pytestmark = pytest.mark.slow


def _run(env: dict[str, str], *args: str) -> str:
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, f"hrdmap {' '.join(args)} failed:\n{result.output}"
    return result.stdout


def _stable(value: Any) -> Any:
    """A command's JSON without the clock readings and the data folder's path."""
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in _VOLATILE}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def _cycle(home: Path, database_url: str | None, out: Path) -> dict[str, Any]:
    """Run the README cycle (and the other commands of the corpus' life) and return what the reads printed."""
    env = {"HRDMAP_HOME": str(home), "HRDMAP_DATABASE_URL": database_url or ""}
    _run(env, "mandates", "add", str(EXAMPLES / "resolution.txt"))
    _run(env, "calls", "import", str(EXAMPLES / "call.yaml"))
    _run(env, "mandates", "link")
    _run(env, "tag")
    queue = json.loads(_run(env, "review", "--json", "--limit", "5"))
    _run(env, "review", "accept", str(queue[0]["tag_id"]), "--note", "checked")
    _run(env, "review", "reject", str(queue[1]["tag_id"]))
    _run(env, "review", "add", str(queue[2]["block_id"]), "hrd-areas", "G")
    _run(env, "recommendations", "extract")
    _run(env, "map", "--output", str(out / "map.html"))
    _run(env, "draft", CALL, "--output", str(out / "draft"), "--format", "html")
    _run(env, "calls", "page", CALL, "--output", str(out / "inputs.html"))
    _run(env, "reindex")
    reads = {
        "documents": ("documents", "--json"),
        "search": ("search", "--json", "human rights defenders"),
        "queue": ("review", "--json", "--limit", "20"),
        "mandates": ("mandates", "list", "--json"),
        "recommendations": ("recommendations", "list", "--json"),
        "status": ("calls", "status", CALL, "--json"),
        "stakeholders": ("stakeholders", "list", "--json"),
    }
    printed = {name: _stable(json.loads(_run(env, *args))) for name, args in reads.items()}
    for name, page in (("map", "map.html"), ("inputs", "inputs.html"), ("draft", "draft/draft.html")):
        printed[name] = _CLOCK.sub("(time)", (out / page).read_text("utf-8"))
    return printed


def test_the_readme_cycle_on_postgresql_prints_what_it_prints_on_sqlite(tmp_path: Path) -> None:
    with fresh_schema_url() as url:
        (tmp_path / "pg-out").mkdir()
        on_postgres = _cycle(tmp_path / "pg-home", url, tmp_path / "pg-out")
    (tmp_path / "sqlite-out").mkdir()
    on_sqlite = _cycle(tmp_path / "sqlite-home", None, tmp_path / "sqlite-out")
    assert not (tmp_path / "pg-home" / "hrdmap.sqlite3").exists()  # the corpus went to PostgreSQL
    assert len(on_postgres["documents"]) == 13 and on_postgres["search"] and on_postgres["mandates"]
    for name in on_sqlite:
        assert on_postgres[name] == on_sqlite[name], f"{name} differs between PostgreSQL and SQLite"
