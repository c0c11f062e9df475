"""First steps: a mistyped data folder is reported, the names the commands print are accepted back, and wide
tables read in a narrow or piped terminal (issue 12, finding 14)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result
from rich.console import Console

from hrdmap.cli.main import cli
from hrdmap.cli.output import print_table

Invoke = Callable[..., Result]


def _run(home: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--home", str(home), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_a_read_command_on_a_folder_without_a_store_says_so_and_creates_nothing(tmp_path: Path) -> None:
    mistyped = tmp_path / "assesment-2018"
    for command in (["documents"], ["search", "defenders"], ["map"], ["recommendations", "list"], ["show", "1"]):
        code, out, err = _run(mistyped, *command)
        assert code == 2, command
        assert str(mistyped) in err and "no hrdmap data here" in err and "0 documents" not in out + err
        assert not mistyped.exists(), f"{command} created the folder"


def test_a_writing_command_creates_the_store_and_says_where(tmp_path: Path, html_folder: Path) -> None:
    home = tmp_path / "new-home"
    code, out, err = _run(home, "ingest", str(html_folder))
    assert code == 0 and "2 stored" in out
    assert f"created the hrdmap data folder {home.resolve()}" in err
    code, _, err = _run(home, "ingest", str(html_folder))
    assert code == 0 and "created" not in err  # only the first time


def test_show_accepts_the_file_name_that_search_and_tag_print(invoke: Invoke, html_folder: Path) -> None:
    invoke("ingest", str(html_folder))
    printed = invoke("search", "protection", "--limit", "1").stdout.split(" · ")[1]
    assert printed == "brazil.html"
    shown = invoke("show", printed)
    assert shown.exit_code == 0 and "protection programmes" in shown.stdout


def test_a_file_name_shared_by_two_documents_is_refused_with_their_ids(
    invoke: Invoke, html_folder: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "kenya.html").write_text("<html lang='en'><body><p>1. Another input from Kenya.</p></body></html>")
    invoke("ingest", str(html_folder), str(other))
    result = invoke("show", "kenya.html")
    assert result.exit_code == 2 and "matches documents" in result.stderr and "give an id" in result.stderr


def test_search_cites_a_sub_paragraph_with_its_paragraph(invoke: Invoke, tmp_path: Path) -> None:
    page = tmp_path / "input.html"
    page.write_text(
        "<html lang='en'><body><ol><li>The State adopted measures:<ol type='a'>"
        "<li>a protection programme for journalists;</li><li>a hotline for rural defenders.</li></ol></li></ol>"
        "<ul><li>A bullet about rural hotlines.</li></ul></body></html>"
    )
    invoke("ingest", str(page))
    hits = json.loads(invoke("search", "--json", "hotline").stdout)
    cited = {h["citation"] for h in hits}
    assert all(c is None or not c.startswith(("(", "•", "-")) for c in cited)
    text = invoke("search", "hotline").stdout
    assert "para. (" not in text and "para. •" not in text


def _printed(width: int, terminal: bool) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=terminal, color_system=None)
    rows = [["12", "A/HRC/15/8, para. 101.1", "Kenya", "Adopt a law on the protection of human rights defenders"]]
    print_table(("id", "reference", "addressee", "text"), rows, console=console)
    return buffer.getvalue()


def test_a_piped_table_is_tab_separated_and_never_wrapped() -> None:
    lines = _printed(30, terminal=False).splitlines()
    assert lines[0] == "id\treference\taddressee\ttext"
    assert lines[1].split("\t")[3] == "Adopt a law on the protection of human rights defenders"


def test_a_narrow_terminal_gets_one_record_per_row_not_one_word_per_line() -> None:
    text = _printed(40, terminal=True)
    assert "text: Adopt a law" in text
    assert "reference: A/HRC/15/8, para. 101.1" in text


def test_a_wide_terminal_gets_a_table() -> None:
    text = _printed(160, terminal=True)
    assert "Adopt a law on the protection of human rights defenders" in text and "┃" in text + "│"
