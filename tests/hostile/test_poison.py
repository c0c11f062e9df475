"""Poison pills: a file that took hrdmap down is failed by the next run, not parsed again by every run after.

Before the quarantine, an ``hrdmap ingest`` killed while parsing a file left that file pending; every later
``hrdmap ingest``, even of an unrelated file, finished the interrupted batch first, parsed the same file again
and died again. Now the parse is recorded before it starts, and the next run fails the file as ``interrupted``.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from .bombs import MIB
from .cli_process import RUN_CLI, run_hrdmap

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

PARAGRAPH = "Defenders reported threats and surveillance, and the State was asked to investigate them.\n\n"
#: Budgets that let a 30 MiB text through, so that parsing it takes seconds.
GENEROUS = {"HRDMAP_MAX_CHARS": str(100 * MIB), "HRDMAP_MAX_BLOCKS": str(MIB)}


def _reading(database: Path) -> int:
    if not database.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1)) as conn:
            return int(conn.execute("SELECT count(*) FROM quarantine WHERE state = 'reading'").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet, or busy
        return 0


def _kill_while_parsing(home: Path, folder: Path) -> None:
    env = {**os.environ, **GENEROUS, "HRDMAP_HOME": str(home)}
    command = [sys.executable, "-c", RUN_CLI, "ingest", str(folder)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while process.poll() is None and not _reading(home / "hrdmap.sqlite3") and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed while parsing"


def test_a_file_that_killed_hrdmap_was_parsed_again_by_every_later_run_and_is_now_failed_once(
    tmp_path: Path,
) -> None:
    home, folder = tmp_path / "home", tmp_path / "in"
    folder.mkdir()
    slow = folder / "a-slow.txt"
    slow.write_bytes((PARAGRAPH * (30 * MIB // len(PARAGRAPH))).encode())
    (folder / "b-good.txt").write_text("Contribution\n\n1. Defenders were threatened.\n", encoding="utf-8")
    unrelated = tmp_path / "unrelated.txt"
    unrelated.write_text("Another contribution\n\n1. Journalists were arrested.\n", encoding="utf-8")

    _kill_while_parsing(home, folder)

    after = run_hrdmap(home, "ingest", "--json", str(unrelated), env=GENEROUS)
    assert after.returncode == 1, after.stderr
    items = after.items()
    assert items[str(slow)]["error_code"] == "interrupted"
    assert "not read again: hrdmap stopped while parsing this file" in str(items[str(slow)]["reason"])
    assert "--retry-failed" in str(items[str(slow)]["reason"])
    assert items[str(folder / "b-good.txt")]["status"] == "stored"  # the rest of the interrupted batch
    assert items[str(unrelated)]["status"] == "stored"

    assert run_hrdmap(home, "ingest").returncode == 2  # nothing left to finish: the batch is not resumed again
    again = run_hrdmap(home, "ingest", "--json", str(folder), env=GENEROUS)
    assert again.items()[str(slow)]["error_code"] == "interrupted"  # the same bytes are not parsed again

    retried = run_hrdmap(home, "ingest", "--json", "--retry-failed", env={**GENEROUS, "HRDMAP_PARSE_SECONDS": "1"})
    assert retried.items()[str(slow)]["error_code"] == "timeout"  # parsed again, on purpose, and stopped
    assert run_hrdmap(home, "ingest", "--json", str(folder)).items()[str(slow)]["error_code"] == "timeout"
