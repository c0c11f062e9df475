"""``hrdmap audit``: the audit-tamper test (plain SQL on a real store, SQLite and PostgreSQL), the head kept
elsewhere showing a cut tail, and the list and export of the trail."""

from __future__ import annotations

import csv
import io
import json
import os
import pwd
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hrdmap.cli.main import cli
from hrdmap.config import Settings
from hrdmap.domain.actor import Actor, FixedClock, Role
from hrdmap.services import audit_trail
from hrdmap.services.workspace import open_workspace
from tests.tamper import ADAPTERS, AT, TAMPERS, Attacker, Tamper, five_entries, store_url

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(params=ADAPTERS)
def trail(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[dict[str, str], str, str]]:
    """A data folder whose store (of each adapter) holds five audit entries: the environment, URL and head."""
    with store_url(request.param, tmp_path / "store") as url:
        head = five_entries(url)
        yield {"HRDMAP_HOME": str(tmp_path / "home"), "HRDMAP_DATABASE_URL": url}, url, head


def _hrdmap(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def test_an_untouched_trail_verifies_in_one_line_with_its_head(trail: tuple[dict[str, str], str, str]) -> None:
    env, _, head = trail
    result = _hrdmap(env, "audit", "verify")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"audit trail intact: 5 entries, head entry 5 {head}\n"
    assert _hrdmap(env, "audit", "verify", "--expect-head", head).exit_code == 0


@pytest.mark.parametrize("tamper", TAMPERS, ids=lambda t: t.name)
def test_plain_sql_on_the_audit_table_is_named_by_verify(
    trail: tuple[dict[str, str], str, str], tamper: Tamper
) -> None:
    env, url, _ = trail
    attacker = Attacker(url)
    attacker.drop_triggers()
    tamper.act(attacker)
    result = _hrdmap(env, "audit", "verify")
    assert result.exit_code == 1, result.output
    assert f"BROKEN at entry {tamper.entry_id} ({tamper.kind})" in result.stdout
    found = json.loads(_hrdmap(env, "audit", "verify", "--json").stdout)
    assert found["intact"] is False and found["broken"]["id"] == tamper.entry_id


def test_the_head_kept_elsewhere_shows_entries_cut_from_the_end(trail: tuple[dict[str, str], str, str]) -> None:
    env, url, head = trail
    attacker = Attacker(url)
    attacker.drop_triggers()
    attacker.run("DELETE FROM audit WHERE id = 5")
    assert _hrdmap(env, "audit", "verify").exit_code == 0  # the chain alone cannot see a cut tail
    result = _hrdmap(env, "audit", "verify", "--expect-head", head)
    assert result.exit_code == 1 and f"MISSING the expected head {head}" in result.stdout


def test_the_triggers_refuse_to_rewrite_the_trail(trail: tuple[dict[str, str], str, str]) -> None:
    env, url, _ = trail
    for statement in ("UPDATE audit SET actor = 'mallory' WHERE id = 3", "DELETE FROM audit WHERE id = 3"):
        with pytest.raises(Exception, match="append-only"):
            Attacker(url).run(statement)
    assert _hrdmap(env, "audit", "verify").exit_code == 0


def _home_with_entries(home: Path, detail: dict[str, object]) -> None:
    admin = Actor("ada", frozenset({Role.ADMINISTRATOR}), clock=FixedClock(AT))
    with open_workspace(Settings(home=home), create=True) as ws:
        audit_trail.record_read(ws, admin, "show", subject="document:1", detail=detail)


def test_export_writes_every_entry_with_its_hashes_and_csv_cells_cannot_run_as_formulas(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _home_with_entries(home, {"note": '=HYPERLINK("http://evil")'})
    env = {"HRDMAP_HOME": str(home)}
    lines = _hrdmap(env, "audit", "export").stdout.splitlines()
    entry = json.loads(lines[-1])
    assert entry["action"] == "read.confidential" and len(entry["hash"]) == 64 and entry["previous_hash"]
    rows = list(csv.DictReader(io.StringIO(_hrdmap(env, "audit", "export", "--format", "csv").stdout)))
    assert rows[-1]["hash"] == entry["hash"]
    assert rows[-1]["actor"] == "ada" and not rows[-1]["detail"].startswith("=")
    out = tmp_path / "audit.csv"
    _hrdmap(env, "audit", "export", "--format", "csv", "--output", str(out))
    assert out.read_text(encoding="utf-8").startswith("id,at,actor,action,subject,detail,previous_hash,hash")


def test_list_prints_the_latest_entries_first(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _home_with_entries(home, {})
    result = _hrdmap({"HRDMAP_HOME": str(home)}, "audit", "list", "--json", "--limit", "1")
    assert [e["action"] for e in json.loads(result.stdout)] == ["read.confidential"]
    table = _hrdmap({"HRDMAP_HOME": str(home)}, "audit", "list").stdout
    assert "read.confidential" in table and "what=show" in table


def _reads(home: Path) -> list[dict[str, object]]:
    entries = json.loads(_hrdmap({"HRDMAP_HOME": str(home)}, "audit", "list", "--json", "--limit", "500").stdout)
    return [e for e in entries if e["action"] == "read.confidential"]


def test_reading_confidential_contributions_from_the_command_line_is_recorded(tmp_path: Path) -> None:
    """show, search, export, map and draft record the confidential documents they printed, with the local
    account as the actor (never a name from the environment) and ``cli`` as the origin; a public export or map,
    which leaves them out, records nothing."""
    home = tmp_path / "home"
    env = {"HRDMAP_HOME": str(home), "HRDMAP_ACTOR": "someone-else", "USER": "someone-else"}
    assert _hrdmap(env, "calls", "import", str(REPO / "examples" / "call.yaml")).exit_code == 0
    _hrdmap(env, "tag")
    documents = json.loads(_hrdmap(env, "documents", "--json").stdout)
    secret = next(d["id"] for d in documents if "digital-shield" in d["source"])
    public = next(d["id"] for d in documents if "norway" in d["source"])
    assert _hrdmap(env, "show", str(public)).exit_code == 0
    assert _reads(home) == []  # a public document is not a confidential read
    assert _hrdmap(env, "show", str(secret)).exit_code == 0
    _hrdmap(env, "search", "digital")
    _hrdmap(env, "export", "--output", str(tmp_path / "public.jsonl"))
    _hrdmap(env, "map", "--output", str(tmp_path / "public.html"))
    assert {str(dict(e["detail"])["what"]) for e in _reads(home)} == {"show", "search"}  # type: ignore[call-overload]
    _hrdmap(env, "export", "--output", str(tmp_path / "corpus.jsonl"), "--audience", "internal")
    _hrdmap(env, "map", "--output", str(tmp_path / "map.html"), "--audience", "internal")
    _hrdmap(env, "draft", "hrd-assessment-2026", "--output", str(tmp_path / "draft"), "--format", "html")
    reads = {str(dict(e["detail"])["what"]): e for e in reversed(_reads(home))}  # type: ignore[call-overload]
    assert set(reads) == {"show", "search", "export", "map", "draft"}
    me = pwd.getpwuid(os.getuid()).pw_name
    assert {e["actor"] for e in reads.values()} == {me}
    assert reads["show"]["subject"] == f"document:{secret}"
    for entry in reads.values():
        detail = dict(entry["detail"])  # type: ignore[call-overload]
        assert detail["origin"] == "cli" and public not in detail["documents"]
    assert secret in dict(reads["export"]["detail"])["documents"]  # type: ignore[call-overload]
    assert _hrdmap(env, "audit", "verify").exit_code == 0
