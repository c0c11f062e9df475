"""Fixtures for the command line: a data folder, a runner, and a stored report with footnotes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hrdmap.cli.main import cli
from hrdmap.config import Settings
from hrdmap.domain.document import Block, BlockKind, Document, Footnote, StoredDocument
from hrdmap.services.workspace import open_workspace
from hrdmap.storage.registry import open_store

Invoke = Callable[..., Result]

HEADING = ("I. Introduction",)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """The data folder the commands use, with an empty store (commands that only read refuse a folder without
    one)."""
    folder = tmp_path / "home"
    with open_workspace(Settings(home=folder)):  # private, as a command that brings data in makes it
        pass
    return folder


@pytest.fixture
def invoke(home: Path) -> Invoke:
    """Run ``hrdmap --home HOME ARGS…`` in-process and return click's result."""

    def run(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--home", str(home), *args], catch_exceptions=False)

    return run


def report_document() -> Document:
    """A short UN report: a section heading, numbered paragraphs, a sub-paragraph and two footnotes."""
    para = BlockKind.PARAGRAPH
    return Document(
        source="/contributions/a-73-230.pdf",
        sha256="f" * 64,
        format="pdf",
        title="Human rights defenders",
        symbol="A/73/230",
        date=dt.date(2018, 7, 26),
        languages=("en",),
        pages=2,
        blocks=[
            Block(0, BlockKind.TITLE, "Human rights defenders"),
            Block(1, BlockKind.HEADING, "Introduction", label="I.", number="I", level=1),
            Block(
                2,
                para,
                "The General Assembly requested a comprehensive assessment.",
                label="1.",
                number="1",
                heading_path=HEADING,
                page=1,
                language="en",
                footnote_refs=("1",),
            ),
            Block(
                3,
                para,
                "Contributions were received from eight States.",
                label="2.",
                number="2",
                heading_path=HEADING,
                page=1,
                language="en",
                footnote_refs=("2",),
            ),
            Block(
                4,
                BlockKind.LIST_ITEM,
                "recognise the role of defenders;",
                label="(a)",
                number="a",
                level=1,
                heading_path=HEADING,
                page=2,
                language="en",
            ),
        ],
        footnotes=[
            Footnote("1", "See General Assembly resolution 72/247, para. 16.", block_index=2, page=1),
            Footnote("2", "Input by Child Rights Connect.", block_index=3, page=1),
        ],
    )


@pytest.fixture
def stored_report(home: Path) -> StoredDocument:
    """The report of :func:`report_document`, stored in the data folder (search index not built)."""
    store = open_store(Settings(home=home).store_url)
    with store.transaction():
        stored = store.documents.add_version(report_document(), at=dt.datetime.now(dt.UTC))
    store.close()
    return stored


@pytest.fixture
def html_folder(tmp_path: Path) -> Path:
    """A folder of two small HTML contributions."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    for name, topic in (("kenya.html", "land defenders"), ("brazil.html", "protection programmes")):
        body = "".join(
            f"<p>{n}. Information received on {topic} and the situation of defenders ({n}).</p>"
            for n in (1, 2, 3)
        )
        (folder / name).write_text(f"<html lang='en'><body><h1>Input on {topic}</h1>{body}</body></html>")
    return folder
