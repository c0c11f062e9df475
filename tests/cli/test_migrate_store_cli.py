"""``hrdmap migrate-store`` prints the tables it copied and refuses a target that holds data."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from hrdmap.cli.main import cli
from hrdmap.storage.registry import open_store
from tests.storage.filled import fill


def test_migrate_store_copies_and_refuses_to_overwrite(tmp_path: Path) -> None:
    source, target = f"sqlite:///{tmp_path}/a.sqlite3", f"sqlite:///{tmp_path}/b.sqlite3"
    store = open_store(source)
    fill(store)
    store.close()
    done = CliRunner().invoke(cli, ["migrate-store", source, target, "--json"], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    tables = {t["name"]: t for t in json.loads(done.stdout)["tables"]}
    assert tables["documents"]["rows"] == 2 and len(tables["documents"]["sha256"]) == 64
    again = CliRunner().invoke(cli, ["migrate-store", source, target])
    assert again.exit_code == 2 and "--replace" in again.stderr
    replaced = CliRunner().invoke(cli, ["migrate-store", source, target, "--replace"])
    assert replaced.exit_code == 0 and "counts and checksums match" in replaced.stderr
