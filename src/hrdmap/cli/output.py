"""What the commands share: settings from the command line, errors, dates, JSON, progress and styled text.

Everything printed can come from a hostile file: a file name, a title, a paragraph, a zip member's name. Text
written to a terminal goes through :func:`terminal_safe` (by :func:`echo`, and by the consoles of :func:`stdout`
and :func:`stderr`), which writes control characters as escapes (``\\x1b``), so that a name cannot clear the
screen, move the cursor, retitle the window or hide text; JSON escapes them too (:func:`echo_json`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pwd
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click
from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderableType, RenderHook, RenderResult
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.segment import Segment
from rich.table import Column, Table
from rich.text import Text

from hrdmap.config import Settings
from hrdmap.domain.actor import Actor, Role
from hrdmap.services.corpus import HIGHLIGHT_END, HIGHLIGHT_START
from hrdmap.services.disclosure import Audience
from hrdmap.services.workspace import Workspace, open_workspace

F = TypeVar("F", bound=Callable[..., Any])

#: How search matches look in a terminal.
MATCH_STYLE = "bold yellow"

#: The type of a date option (YYYY-MM-DD); :func:`day` turns its value into a date.
DATE = click.DateTime(formats=["%Y-%m-%d"])

# C0 controls (tab and newline kept in running text), DEL, C1 controls (U+009B is a CSI on some terminals), and
# the bidirectional embeddings, overrides and isolates that make text read differently from what it holds.
_BIDI = "\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f{_BIDI}]")  # json.dumps escapes the C0 controls itself


class Refused(click.ClickException):
    """Nothing could be done (unknown document, bad setting): message on stderr, exit code 2."""

    exit_code = 2


@contextmanager
def workspace(ctx: click.Context, *, create: bool = False) -> Iterator[Workspace]:
    """Open the data folder named by ``--home`` / ``HRDMAP_HOME``.

    Args:
        ctx: The command's context.
        create: Whether this command may create the store (only commands that bring data in: ``ingest``,
            ``calls import`` …). Others refuse a folder without one, so a mistyped ``--home`` is reported rather
            than answered with "0 documents"; a command that creates it says where on standard error.

    Raises:
        hrdmap.config.SettingsError: A setting in the environment cannot be used.
        hrdmap.services.workspace.MissingStore: The folder holds no store and ``create`` is false.
    """
    chosen = settings(ctx)
    with open_workspace(chosen, create=create) as opened:
        warn_if_exposed(opened)
        if opened.created:
            echo(f"created the hrdmap data folder {chosen.home.resolve()}", err=True)
        yield opened


def warn_if_exposed(opened: Workspace) -> None:
    """Warn on standard error when other users of the machine can read the data folder or files in it."""
    home, found = opened.settings.home, opened.exposure()
    if not found:
        return
    parts = [f"folder mode {found.folder_mode:04o}"] if found.folder_mode is not None else []
    if found.files:
        parts.append(f"{len(found.files)} file{'s' if len(found.files) > 1 else ''} readable by others")
    echo(
        f"warning: the data folder {home} can be read by other users of this computer ({', '.join(parts)}); "
        f"it holds confidential contributions: run chmod -R go-rwx {home}",
        err=True,
    )


def settings(ctx: click.Context) -> Settings:
    """The settings of the environment, with the data folder of ``--home`` / ``HRDMAP_HOME``.

    Raises:
        hrdmap.config.SettingsError: A setting in the environment cannot be used.
    """
    home = (ctx.find_root().obj or {}).get("home")
    return Settings.from_env(home=Path(home) if home is not None else None)


def audience_option(default: Audience, what: str) -> Callable[[F], F]:
    """``--audience public|internal``: who may read the output (docs/threat-model.md, "Confidentiality")."""
    return click.option(
        "--audience",
        type=click.Choice([a.value for a in Audience]),
        default=default.value,
        show_default=True,
        help=f"Who may read the output. {what}",
    )


def export_options(formats: Iterable[str], formats_help: str) -> Callable[[F], F]:
    """``--format`` (``jsonl`` by default) and ``--output`` (standard output by default) of an export command;
    :func:`output_stream` opens what ``--output`` names."""

    def decorate(command: F) -> F:
        command = click.option(
            "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout)."
        )(command)
        return click.option(
            "--format", "fmt", type=click.Choice(list(formats)), default="jsonl", show_default=True, help=formats_help
        )(command)

    return decorate


@contextmanager
def output_stream(output: Path | None) -> Iterator[TextIO]:
    """The file ``output`` opened for writing text (line ends as written), or standard output when it is ``None``."""
    if output is None:
        yield sys.stdout
        return
    with output.open("w", encoding="utf-8", newline="") as stream:
        yield stream


def local_actor() -> Actor:
    """The person at the terminal: the operating-system account running hrdmap, administrator of its data folder.

    The name comes from the account database by user id, never from an environment variable (``USER`` and
    ``LOGNAME`` can say anything). On one machine the account that owns the data folder can read its files anyway,
    so it holds every role; the web app gives each signed-in person their own roles and scope.
    """
    try:
        name = pwd.getpwuid(os.getuid()).pw_name
    except KeyError:  # an account without an entry (containers): its number
        name = f"uid:{os.getuid()}"
    return Actor(name, frozenset({Role.ADMINISTRATOR}))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str, *, one_line: bool = False) -> str:
    """``text`` with the characters a terminal would obey written as escapes.

    ESC, BEL, backspace, carriage return and the other C0 controls, DEL, the C1 controls and the
    bidirectional overrides and isolates become ``\\x1b``, ``\\x9b``, ``\\u202e`` …; tab and newline are kept
    unless ``one_line`` (for a name or a cell, which must stay on its line).

    Example: ``terminal_safe("\\x1b[2Jreport.pdf")`` is ``"\\\\x1b[2Jreport.pdf"``.
    """
    return (_UNSAFE_ONE_LINE if one_line else _UNSAFE).sub(_escape, text)


def echo(message: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Print a line made of data (names, titles, reasons) safely: :func:`click.echo` after :func:`terminal_safe`.

    Lines styled with :func:`click.style` are printed with :func:`click.echo`, their data made safe first.
    """
    click.echo(terminal_safe(message), err=err, nl=nl)


class _Safe:
    """A renderable whose text segments are made safe (:func:`terminal_safe`); Rich's own control codes stay."""

    def __init__(self, renderable: RenderableType) -> None:
        self._renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self._renderable, options):
            if segment.control or not _UNSAFE.search(segment.text):
                yield segment
            else:
                yield Segment(terminal_safe(segment.text), segment.style)


class _SafeText(RenderHook):
    """Makes every renderable printed on a console safe for the terminal."""

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_Safe(r) for r in renderables]


def _safe_console(console: Console) -> Console:
    console.push_render_hook(_SafeText())
    return console


def stderr() -> Console:
    """A console on standard error, for messages; what it prints is made safe for the terminal."""
    return _safe_console(Console(stderr=True, highlight=False))


def stdout() -> Console:
    """A console on standard output, for tables and styled text (plain when piped), made safe for the terminal."""
    return _safe_console(Console(highlight=False, soft_wrap=True))


def day(value: dt.datetime | None) -> dt.date | None:
    """The date of a :data:`DATE` option, or ``None`` when it was not given."""
    return value.date() if value is not None else None


def progress_bar(*, enabled: bool) -> Progress:
    """A transient progress bar on stderr (description, bar, count, time left), shown only on a terminal."""
    console = Console(stderr=True, highlight=False)  # prints only the batch numbers hrdmap writes
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not enabled or not console.is_terminal,
    )


def shortened(text: str, width: int = 70) -> str:
    """Text cut to ``width`` characters with an ellipsis, for a table cell."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def json_safe(text: str) -> str:
    """JSON text with DEL, the C1 controls and the bidirectional controls written as ``\\uXXXX`` escapes.

    ``json.dumps`` escapes the C0 controls (ESC among them) but not these; they only occur inside strings, where
    the escape means the same character, so the JSON still reads back to the same values.
    """
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def echo_json(value: object) -> None:
    """Print a value as indented JSON on standard output (see :func:`json_safe`)."""
    click.echo(json_safe(json.dumps(value, ensure_ascii=False, indent=2, default=str)))


def safe_cells(rows: Iterable[Iterable[str]]) -> list[list[str]]:
    """Table rows with every cell kept on one line and made safe for the terminal."""
    return [[terminal_safe(cell, one_line=True) for cell in row] for row in rows]


def highlighted(snippet: str) -> Text:
    """A snippet with its matches styled, built without markup so document text is never read as markup."""
    text = Text()
    for n, part in enumerate(snippet.replace(HIGHLIGHT_END, HIGHLIGHT_START).split(HIGHLIGHT_START)):
        text.append(part, style=MATCH_STYLE if n % 2 else "")
    return text


#: The narrowest a wrapping column may get before a table is printed as records instead.
MIN_COLUMN = 16


def print_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    right: Sequence[str] = (),
    console: Console | None = None,
) -> None:
    """Print rows so that they read in any terminal, and parse when piped.

    - **Piped** (not a terminal): tab-separated lines with a header row, never wrapped, for ``cut``, ``sort`` or
      a spreadsheet; a title goes to standard error.
    - **A terminal wide enough**: a table; cells wrap inside their column.
    - **A terminal too narrow** for every column to keep :data:`MIN_COLUMN` characters (where a table would
      break its text into one word per line): one record per row, ``column: value`` per line.

    Every cell is kept on one line and made safe for the terminal (:func:`safe_cells`).

    Args:
        columns: Column headings.
        rows: Cells, row by row.
        title: A line printed above.
        right: Columns aligned right (numbers).
        console: Where to print (standard output by default).
    """
    out = console or stdout()
    cells = safe_cells([[" ".join(str(cell).split()) for cell in row] for row in rows])
    if not out.is_terminal:
        if title:
            stderr().print(title, markup=False)
        for row in (list(columns), *cells):
            out.file.write("\t".join(row) + "\n")
        return
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    if sum(min(w, MIN_COLUMN) + 3 for w in widths) + 1 <= out.width:
        table = Table(*[Column(c, justify="right" if c in right else "left") for c in columns], title=title)
        for row in cells:
            table.add_row(*[Text(cell) for cell in row])
        out.print(table)
        return
    if title:
        out.print(Text(title, style="bold"))
    for row in cells:
        for column, cell in zip(columns, row, strict=False):
            line = Text(f"{column}: ", style="bold")
            line.append(cell)
            out.print(line, soft_wrap=False)
        out.print()
