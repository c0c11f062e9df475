"""What the commands share: settings from the command line, errors, dates, JSON, progress and styled text."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from hrdmap.analyse.frameworks.folders import ENV_VAR as FRAMEWORKS_VAR
from hrdmap.analyse.frameworks.folders import join_folders
from hrdmap.config import Settings, SettingsError, frameworks_dirs
from hrdmap.domain.document import StoredDocument
from hrdmap.search.base import HIGHLIGHT_END, HIGHLIGHT_START
from hrdmap.services.workspace import Workspace, open_workspace

#: How search matches look in a terminal.
MATCH_STYLE = "bold yellow"

#: The type of a date option (YYYY-MM-DD); :func:`day` turns its value into a date.
DATE = click.DateTime(formats=["%Y-%m-%d"])


class Refused(click.ClickException):
    """Nothing could be done (unknown document, bad setting): message on stderr, exit code 2."""

    exit_code = 2


@contextmanager
def workspace(ctx: click.Context) -> Iterator[Workspace]:
    """Open the data folder named by ``--home`` / ``HRDMAP_HOME``.

    Raises:
        hrdmap.config.SettingsError: A setting in the environment cannot be used.
    """
    home = (ctx.find_root().obj or {}).get("home")
    settings = Settings.from_env(home=Path(home) if home is not None else None)
    with open_workspace(settings) as opened:
        yield opened


@contextmanager
def user_frameworks(home: Path) -> Iterator[None]:
    """Name every folder of user frameworks in ``HRDMAP_FRAMEWORKS`` while a command runs, then restore it.

    The folders are those of :func:`hrdmap.config.frameworks_dirs`: the ones ``HRDMAP_FRAMEWORKS`` names and
    ``HOME/frameworks/`` when it exists (``HOME`` from ``--home``, which ``HRDMAP_HOME`` alone cannot tell the
    analysis layer). Everything that loads frameworks without being given folders reads the variable, the
    taggers built from entry points included (docs/frameworks.md).

    Raises:
        Refused: ``HRDMAP_FRAMEWORKS`` names a folder that does not exist.
    """
    try:
        folders = frameworks_dirs(os.environ, home)
    except SettingsError as error:
        raise Refused(str(error)) from None
    before = os.environ.get(FRAMEWORKS_VAR)
    os.environ[FRAMEWORKS_VAR] = join_folders(folder.resolve() for folder in folders)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(FRAMEWORKS_VAR, None)
        else:
            os.environ[FRAMEWORKS_VAR] = before


def stderr() -> Console:
    """A console on standard error, for progress and messages."""
    return Console(stderr=True, highlight=False)


def stdout() -> Console:
    """A console on standard output, for tables and styled text (plain when piped)."""
    return Console(highlight=False, soft_wrap=True)


def day(value: dt.datetime | None) -> dt.date | None:
    """The date of a :data:`DATE` option, or ``None`` when it was not given."""
    return value.date() if value is not None else None


def progress_bar(*, enabled: bool) -> Progress:
    """A transient progress bar on stderr (description, bar, count, time left), shown only on a terminal."""
    console = stderr()
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


def echo_json(value: object) -> None:
    """Print a value as indented JSON on standard output."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def document_json(document: StoredDocument) -> dict[str, object]:
    """A stored document as a JSON object."""
    return {
        "id": document.id,
        "version_id": document.version_id,
        "version": document.version,
        "source": document.source,
        "sha256": document.sha256,
        "format": document.format,
        "title": document.title,
        "symbol": document.symbol,
        "date": document.date.isoformat() if document.date else None,
        "languages": list(document.languages),
        "pages": document.pages,
        "paragraphs": document.paragraphs,
        "ingested_at": document.ingested_at.isoformat(),
    }


def highlighted(snippet: str) -> Text:
    """A snippet with its matches styled, built without markup so document text is never read as markup."""
    text = Text()
    for n, part in enumerate(snippet.replace(HIGHLIGHT_END, HIGHLIGHT_START).split(HIGHLIGHT_START)):
        text.append(part, style=MATCH_STYLE if n % 2 else "")
    return text


def plain(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """A snippet without markers, and the ``(start, end)`` offsets of its matches."""
    text, spans = "", []
    for n, part in enumerate(snippet.replace(HIGHLIGHT_END, HIGHLIGHT_START).split(HIGHLIGHT_START)):
        if n % 2:
            spans.append((len(text), len(text) + len(part)))
        text += part
    return text, spans
