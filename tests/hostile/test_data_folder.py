"""The data folder: private whatever the umask, a warning when it is not, and readable when read-only."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from hrdmap.config import Settings
from hrdmap.services.ingest import ingest
from hrdmap.services.workspace import open_workspace
from tests.actors import TESTER

from .cli_process import run_hrdmap
from .read_only import run_read_only, skip_unless_possible

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask, which makes new files readable by everyone (0644) unless hrdmap says otherwise."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def _contribution(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "kenya.txt"
    path.write_text(
        "Contribution on land defenders\n\n1. Land defenders were threatened and placed under surveillance.\n\n"
        "2. The State was asked to investigate the threats.\n",
        encoding="utf-8",
    )
    return path


def _modes(home: Path) -> dict[str, int]:
    return {str(p.relative_to(home.parent)): stat.S_IMODE(p.stat().st_mode) for p in [home, *home.rglob("*")]}


@posix_only
@pytest.mark.parametrize("backend", ["tantivy", "sqlite"])
def test_the_data_folder_was_world_readable_and_is_now_private_whatever_the_umask(
    tmp_path: Path, umask_022: None, backend: str
) -> None:
    home = tmp_path / "home"
    settings = Settings(home=home, search_backend=backend)
    contribution = _contribution(tmp_path / "in")
    with open_workspace(settings) as ws:
        ingest(ws, TESTER, [contribution])
        with closing(sqlite3.connect(home / "hrdmap.sqlite3")) as other:  # a second reader keeps -wal and -shm
            other.execute("SELECT count(*) FROM documents").fetchone()
            modes = _modes(home)
    assert any(name.endswith("-wal") for name in modes) and any(name.endswith("-shm") for name in modes)
    assert any(name.startswith("home/search/") for name in modes)
    assert "home/ingest.lock" in modes
    folders = {name: mode for name, mode in modes.items() if (tmp_path / name).is_dir()}
    files = {name: mode for name, mode in modes.items() if name not in folders}
    assert set(folders.values()) == {0o700}, folders
    assert set(files.values()) == {0o600}, files
    assert stat.S_IMODE(os.stat(_contribution(tmp_path / "after")).st_mode) == 0o644  # the umask is given back


@posix_only
def test_startup_warns_when_the_data_folder_is_readable_by_others(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run_hrdmap(home, "ingest", str(_contribution(tmp_path / "in"))).returncode == 0
    assert "warning" not in run_hrdmap(home, "documents").stderr
    home.chmod(0o755)
    (home / "hrdmap.sqlite3").chmod(0o644)
    done = run_hrdmap(home, "documents")
    assert done.returncode == 0
    assert f"warning: the data folder {home} can be read by other users" in done.stderr
    assert "folder mode 0755" in done.stderr and f"chmod -R go-rwx {home}" in done.stderr
    assert re.search(r"\d+ files? readable by others", done.stderr)  # the database (and its -wal, -shm)


def test_a_read_only_data_folder_failed_every_command_with_a_traceback_and_now_answers_reads(
    tmp_path: Path,
) -> None:
    skip_unless_possible()
    home = tmp_path / "home"
    contribution = _contribution(tmp_path / "in")
    assert run_hrdmap(home, "ingest", str(contribution)).returncode == 0
    listed = run_read_only(home, "documents")
    assert listed.returncode == 0, listed.stderr
    assert "kenya.txt" in listed.stdout
    shown = run_read_only(home, "show", "1")
    assert shown.returncode == 0 and "surveillance" in shown.stdout, shown.stderr
    found = run_read_only(home, "search", "threats")
    assert found.returncode == 0 and "document 1" in found.stdout, found.stderr
    refused = run_read_only(home, "ingest", str(contribution))
    assert refused.returncode == 2
    assert "Traceback" not in refused.stderr
    assert f"the data folder {home} is read-only" in refused.stderr


def test_a_read_only_data_folder_with_an_old_schema_says_it_needs_a_writable_one(tmp_path: Path) -> None:
    skip_unless_possible()
    home = tmp_path / "home"
    assert run_hrdmap(home, "ingest", str(_contribution(tmp_path / "in"))).returncode == 0
    with closing(sqlite3.connect(home / "hrdmap.sqlite3")) as conn:
        newest = conn.execute("SELECT max(name) FROM schema_migrations").fetchone()[0]
        conn.execute("DELETE FROM schema_migrations WHERE name = ?", (newest,))
        conn.commit()
    done = run_read_only(home, "documents")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "read-only" in done.stderr and newest in done.stderr and "write access" in done.stderr


def test_a_read_only_data_folder_answers_a_semantic_search_from_its_vector_index_or_says_how_to_build_one(
    tmp_path: Path,
) -> None:
    skip_unless_possible()
    home = tmp_path / "home"
    assert run_hrdmap(home, "ingest", str(_contribution(tmp_path / "in"))).returncode == 0
    refused = run_read_only(home, "search", "--semantic", "surveillance of activists")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "no vector index yet" in refused.stderr and "hrdmap reindex" in refused.stderr
    assert not (home / "vectors").exists()
    assert run_hrdmap(home, "reindex").returncode == 0
    found = run_read_only(home, "search", "--semantic", "surveillance of activists", "--limit", "1")
    assert found.returncode == 0, found.stderr
    assert "document 1" in found.stdout and "similarity" in found.stdout
    assert stat.S_IMODE((home / "vectors").stat().st_mode) == 0o700
