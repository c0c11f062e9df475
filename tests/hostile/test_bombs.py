"""Decompression bombs and files too big to parse: each fails alone, with its reason, and the batch goes on.

The files are the ones the issue reported (tests/hostile/bombs.py makes them): a DOCX and an ODT of a few
megabytes whose main XML part inflates to a gigabyte, a PDF of 600 KB whose content stream inflates to 210 MB,
and a 95 MiB text file. Before the sandbox, each killed ``hrdmap ingest`` (out of memory, no error line, no
failed record) or took ten minutes. They run through the real command, under a memory cap of 4 GiB for the
command and its worker, so that a regression fails the test instead of exhausting the machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .bombs import MIB, docx_bomb, odt_bomb, pdf_bomb
from .cli_process import run_hrdmap

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the memory cap uses RLIMIT_AS")

GOOD = "Contribution on land defenders\n\n1. Land defenders were threatened.\n\n2. The State was asked to act.\n"


def _batch(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    (folder / "z-good.txt").write_text(GOOD, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("name", "make", "inflated"),
    [
        ("bomb.docx", docx_bomb, 1024 * MIB),
        ("bomb.odt", odt_bomb, 1024 * MIB),
        ("bomb.pdf", pdf_bomb, 210 * MIB),
    ],
)
def test_a_decompression_bomb_exhausted_memory_and_is_now_refused_before_parsing(
    tmp_path: Path, name: str, make: object, inflated: int
) -> None:
    assert callable(make)
    folder = _batch(tmp_path / "in", name, make(inflated))
    done = run_hrdmap(tmp_path / "home", "ingest", "--json", str(folder), timeout=300)
    assert done.returncode == 1, done.stderr
    items = done.items()
    bomb = items[str(folder / name)]
    assert (bomb["status"], bomb["error_code"]) == ("failed", "too_large")
    assert "decompression bomb guard" in str(bomb["reason"]) and "HRDMAP_MAX_INFLATED_MB" in str(bomb["reason"])
    assert items[str(folder / "z-good.txt")]["status"] == "stored"


def test_a_pdf_bomb_past_the_inflation_limit_kills_only_the_worker(tmp_path: Path) -> None:
    folder = _batch(tmp_path / "in", "bomb.pdf", pdf_bomb(210 * MIB))
    limits = {"HRDMAP_MAX_INFLATED_MB": "1024", "HRDMAP_WORKER_MEMORY_MB": "1024"}
    done = run_hrdmap(tmp_path / "home", "ingest", "--json", str(folder), env=limits, timeout=300)
    assert done.returncode == 1, done.stderr
    items = done.items()
    bomb = items[str(folder / "bomb.pdf")]
    assert bomb["status"] == "failed" and bomb["error_code"] in ("worker_killed", "over_budget"), bomb
    assert items[str(folder / "z-good.txt")]["status"] == "stored"


def test_a_95_mib_text_file_took_ten_minutes_and_is_now_over_the_character_budget(tmp_path: Path) -> None:
    line = "Defenders reported threats, surveillance and judicial harassment in the region concerned.\n\n"
    big = (line * (95 * MIB // len(line))).encode()
    folder = _batch(tmp_path / "in", "huge.txt", big)
    done = run_hrdmap(tmp_path / "home", "ingest", "--json", str(folder), timeout=300)
    assert done.returncode == 1, done.stderr
    huge = done.items()[str(folder / "huge.txt")]
    assert (huge["status"], huge["error_code"]) == ("failed", "over_budget")
    assert "characters" in str(huge["reason"]) and "HRDMAP_MAX_CHARS" in str(huge["reason"])


def test_a_file_that_takes_too_long_to_parse_is_stopped_and_fails_with_timeout(tmp_path: Path) -> None:
    paragraph = "Defenders reported threats and surveillance, and the State was asked to investigate them.\n\n"
    slow = (paragraph * (30 * MIB // len(paragraph))).encode()
    folder = _batch(tmp_path / "in", "slow.txt", slow)
    # 3 s: the small file must finish well within it even on a loaded machine; the 30 MiB one takes far longer.
    limits = {"HRDMAP_PARSE_SECONDS": "3", "HRDMAP_MAX_CHARS": str(100 * MIB), "HRDMAP_MAX_BLOCKS": str(MIB)}
    done = run_hrdmap(tmp_path / "home", "ingest", "--json", str(folder), env=limits, timeout=300)
    assert done.returncode == 1, done.stderr
    items = done.items()
    assert items[str(folder / "slow.txt")]["error_code"] == "timeout", items
    assert items[str(folder / "z-good.txt")]["status"] == "stored"
