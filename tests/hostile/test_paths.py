"""Hostile paths: special files, links out of the folder, names that are not UTF-8 or hold escape sequences."""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path

import pytest

from hrdmap.config import Settings
from hrdmap.readers.sources import local_path, source_text
from hrdmap.services import corpus
from hrdmap.services.ingest import ingest
from hrdmap.services.workspace import open_workspace
from hrdmap.storage.batches import ItemStatus
from tests.actors import TESTER

from .cli_process import run_hrdmap

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, devices and byte names are POSIX")


def _text_file(path: Path, topic: str = "reprisals") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = f"1. Defenders reported {topic} against them in the region.\n\n2. The State was asked to act.\n"
    path.write_text(f"Contribution on {topic}\n\n{body}", encoding="utf-8")
    return path


def _items(stdout: str) -> dict[str, dict[str, object]]:
    report = json.loads(stdout)
    return {item["path"]: item for batch in report["batches"] for item in batch["items"]}


@posix_only
def test_a_fifo_given_to_ingest_blocked_forever_and_is_now_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "in" / "pipe.txt"
    good = _text_file(tmp_path / "in" / "good.txt")
    os.mkfifo(fifo)
    done = run_hrdmap(tmp_path / "home", "ingest", "--json", str(fifo), str(good), timeout=60)
    assert done.returncode == 1, done.stderr  # not killed after the time limit: it did not block
    items = _items(done.stdout)
    assert items[str(fifo)]["status"] == "failed"
    assert items[str(fifo)]["error_code"] == "special_file"
    assert "FIFO" in str(items[str(fifo)]["reason"])
    assert items[str(good)]["status"] == "stored"


@posix_only
def test_dev_zero_given_to_ingest_was_read_forever_and_is_now_refused(tmp_path: Path) -> None:
    good = _text_file(tmp_path / "good.txt")
    done = run_hrdmap(tmp_path / "home", "ingest", "--json", "/dev/zero", str(good), timeout=60, memory_mib=1024)
    assert done.returncode == 1, done.stderr
    items = _items(done.stdout)
    assert items["/dev/zero"]["error_code"] == "special_file"
    assert "device" in str(items["/dev/zero"]["reason"])
    assert items[str(good)]["status"] == "stored"


@posix_only
def test_special_files_inside_a_folder_are_refused_with_their_kind(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _text_file(folder / "a.txt")
    os.mkfifo(folder / "b-fifo")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(folder / "c-socket"))
        with open_workspace(Settings(home=tmp_path / "home")) as ws:
            report = ingest(ws, TESTER, [folder])
    finally:
        server.close()
    by_name = {Path(i.path).name: i for i in report.batches[0].items}
    assert by_name["a.txt"].status is ItemStatus.STORED
    assert (by_name["b-fifo"].error_code, by_name["c-socket"].error_code) == ("special_file", "special_file")
    assert "FIFO" in (by_name["b-fifo"].reason or "") and "socket" in (by_name["c-socket"].reason or "")


def test_a_link_to_a_file_outside_the_folder_was_followed_silently_and_is_now_refused(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _text_file(folder / "a.txt")
    secret = _text_file(tmp_path / "elsewhere" / "secret.txt", topic="a private matter")
    (folder / "link.txt").symlink_to(secret)
    (folder / "inside.txt").symlink_to(folder / "a.txt")
    with open_workspace(Settings(home=tmp_path / "home")) as ws:
        report = ingest(ws, TESTER, [folder])
        by_name = {Path(i.path).name: i for i in report.batches[0].items}
        assert by_name["link.txt"].status is ItemStatus.FAILED
        assert by_name["link.txt"].error_code == "outside_link"
        assert "--follow-links" in (by_name["link.txt"].reason or "")
        assert by_name["inside.txt"].status is ItemStatus.UNCHANGED  # a link inside the folder is read
        assert corpus.search(ws, TESTER, "private") == []
        followed = ingest(ws, TESTER, [folder], follow_links=True)
        assert {Path(i.path).name: i.status for i in followed.batches[0].items}["link.txt"] is ItemStatus.STORED


@posix_only
def test_a_file_name_that_is_not_utf8_crashed_the_whole_ingest_and_is_now_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _text_file(folder / "a.txt")
    raw_name = os.fsencode(folder) + b"/caf\xe9-\xff.txt"
    with open(raw_name, "wb") as handle:
        handle.write(b"Contribution from a cafe\n\n1. Defenders met in a cafe and were arrested there.\n")
    done = run_hrdmap(tmp_path / "home", "ingest", "--json", str(folder), timeout=120)
    assert done.returncode == 0, done.stderr
    items = _items(done.stdout)
    shown = str(folder / "caf\\xe9-\\xff.txt")
    assert items[shown]["status"] == "stored"
    assert local_path(shown) == Path(os.fsdecode(raw_name))
    listed = run_hrdmap(tmp_path / "home", "documents")
    assert "caf\\xe9-\\xff.txt" in listed.stdout


def test_source_text_leaves_valid_names_alone_and_round_trips_byte_names(tmp_path: Path) -> None:
    assert source_text(tmp_path / "résumé – ok.txt") == str(tmp_path / "résumé – ok.txt")
    literal = tmp_path / "a\\xe9 literal.txt"  # a valid name that happens to hold a backslash escape
    literal.write_text("x")
    assert local_path(str(literal)) == literal
    if sys.platform != "win32":
        odd = Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xe9t\xe9.txt"))
        assert source_text(odd) == str(tmp_path / "\\xe9t\\xe9.txt")
        odd.write_text("x")
        assert local_path(source_text(odd)) == odd
