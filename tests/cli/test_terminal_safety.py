"""Names and titles with terminal escape sequences are printed escaped, never raw."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from .conftest import Invoke

CLEAR_SCREEN = "\x1b[2J\x1b[H"
BELL = "\x07"
CSI_8BIT = "\x9b"


@pytest.mark.skipif(sys.platform == "win32", reason="escape characters are not allowed in Windows names")
def test_a_name_with_an_escape_sequence_was_printed_raw_and_cleared_the_screen(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    hostile = folder / f"{CLEAR_SCREEN}broken{BELL}.pdf"
    hostile.write_bytes(b"%PDF-1.7 not really")
    titled = folder / f"titled{CSI_8BIT}2J.html"
    titled.write_text(
        f"<html><head><title>Report {CLEAR_SCREEN}on defenders</title></head>"
        f"<body><h1>Report {CLEAR_SCREEN}\x1b[31m on defenders</h1><p>1. Defenders were threatened.</p></body></html>",
        encoding="utf-8",
    )
    result = invoke("ingest", str(folder))
    assert result.exit_code == 1
    for printed in (result.output, invoke("documents").output, invoke("documents", "--failed").output):
        assert "\x1b" not in printed and BELL not in printed and CSI_8BIT not in printed
        assert "\\x1b[2J" in printed or "\\x9b2J" in printed
    shown = invoke("show", "1").output
    assert "\x1b" not in shown and "\\x1b[31m" in shown


def test_json_output_escapes_c1_controls_and_stays_valid(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(
        f"<html><head><title>Title {CSI_8BIT}2J with a C1 control</title></head>"
        "<body><p>1. Defenders were threatened.</p></body></html>",
        encoding="utf-8",
    )
    invoke("ingest", str(folder))
    printed = invoke("documents", "--json").output
    assert CSI_8BIT not in printed and "\\u009b" in printed
    assert json.loads(printed)[0]["title"].startswith(f"Title {CSI_8BIT}2J")
