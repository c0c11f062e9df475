"""Bytes that stopped the parser are not parsed again: not under another name, not inside a zip."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from hrdmap.config import Settings
from hrdmap.ingest.base import Limits
from hrdmap.services.ingest import ingest
from hrdmap.services.workspace import open_workspace
from hrdmap.storage.batches import ItemStatus
from tests.actors import TESTER

MIB = 1024 * 1024
PARAGRAPH = "Defenders reported threats and surveillance, and the State was asked to investigate them.\n\n"
GOOD = b"Contribution\n\n1. Defenders were threatened.\n"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_bytes_that_stopped_the_worker_are_refused_under_another_name_and_inside_a_zip(tmp_path: Path) -> None:
    slow = (PARAGRAPH * (30 * MIB // len(PARAGRAPH))).encode()
    # 30 MiB of text takes about a minute to parse here; 5 s stops it with room to spare and leaves the small
    # good file in the zip time to parse on a loaded machine (at 1 s it sometimes did not).
    limits = Limits(parse_seconds=5, max_chars=100 * MIB, max_blocks=MIB)
    first, copy, archive = tmp_path / "in" / "slow.txt", tmp_path / "in2" / "copy.txt", tmp_path / "in2" / "a.zip"
    for path, data in ((first, slow), (copy, slow), (archive, _zip({"slow.txt": slow, "good.txt": GOOD}))):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
    with open_workspace(Settings(home=tmp_path / "home", limits=limits)) as ws:
        (item,) = ingest(ws, TESTER, [first]).batches[0].items
        assert (item.status, item.error_code) == (ItemStatus.FAILED, "timeout")
        second = {i.path: i for i in ingest(ws, TESTER, [copy, archive]).batches[0].items}
        for source in (str(copy), f"{archive}!slow.txt"):
            assert second[source].error_code == "timeout"
            assert (second[source].reason or "").startswith("not read again: ")
            assert "HRDMAP_PARSE_SECONDS" in (second[source].reason or "")
        assert second[f"{archive}!good.txt"].status is ItemStatus.STORED
        record = ws.store.quarantine.get(hashlib.sha256(slow).hexdigest())
        assert record is not None and record.source == str(first)
