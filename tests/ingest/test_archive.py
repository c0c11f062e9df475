"""Zip archives: members become children; bombs, encryption and damage are refused with clear reasons."""

from __future__ import annotations

import io
import zipfile

import pytest

from hrdmap.ingest.archive import ZipExtractor
from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import CorruptFile, EmptyFile, EncryptedFile, TooLarge

EXTRACTOR = ZipExtractor()
LIMITS = Limits()


def make_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_members_become_children_without_junk() -> None:
    data = make_zip(
        {
            "contributions/norway.pdf": b"%PDF-1.4",
            "contributions/notes.txt": b"Notes",
            "__MACOSX/contributions/._norway.pdf": b"junk",
            ".DS_Store": b"junk",
            "contributions/empty/": b"",
        }
    )
    assert EXTRACTOR.sniff(data)
    raw = EXTRACTOR.extract(data, "batch.zip", LIMITS)
    assert [(c.name, c.data) for c in raw.children] == [
        ("contributions/norway.pdf", b"%PDF-1.4"),
        ("contributions/notes.txt", b"Notes"),
    ]
    assert raw.blocks == []


def test_zip_bomb_guards() -> None:
    bomb = make_zip({"zeros.txt": b"\0" * (4 * 1024 * 1024)})
    with pytest.raises(TooLarge, match="zip bomb guard: member zeros.txt has a compression ratio of"):
        EXTRACTOR.extract(bomb, "bomb.zip", LIMITS)
    many = make_zip({f"f{n}.txt": b"x" for n in range(5)})
    with pytest.raises(TooLarge, match="zip bomb guard: 5 members, over the limit of 3"):
        EXTRACTOR.extract(many, "many.zip", Limits(max_members=3))
    with pytest.raises(TooLarge, match="zip bomb guard: members unpack to 5 bytes"):
        EXTRACTOR.extract(many, "many.zip", Limits(max_unpacked_bytes=4))


def test_small_repetitive_members_are_not_mistaken_for_bombs() -> None:
    raw = EXTRACTOR.extract(make_zip({"spaces.txt": b" " * 100_000}), "a.zip", LIMITS)
    assert len(raw.children[0].data) == 100_000


def test_encrypted_corrupt_empty_and_office_packages() -> None:
    data = bytearray(make_zip({"secret.txt": b"text"}, zipfile.ZIP_STORED))
    data[6] |= 0x1  # the local header's "encrypted" flag
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1  # and the central directory's
    with pytest.raises(EncryptedFile, match="zip member secret.txt is encrypted"):
        EXTRACTOR.extract(bytes(data), "secret.zip", LIMITS)
    with pytest.raises(CorruptFile, match="corrupt zip archive"):
        EXTRACTOR.extract(b"PK\x03\x04" + b"\0" * 50, "bad.zip", LIMITS)
    with pytest.raises(EmptyFile, match="zip archive has no text"):
        EXTRACTOR.extract(make_zip({".hidden": b"x"}), "junk.zip", LIMITS)
    assert not EXTRACTOR.sniff(make_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}))
