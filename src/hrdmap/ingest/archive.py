"""Zip archives: each member becomes a file of its own, with guards against zip bombs.

A zip yields no text itself; its members become :attr:`~hrdmap.domain.raw.RawDocument.children`, which the
ingest service reads in turn (limiting how deep archives nest). Before anything is unpacked the member list is
checked against the limits (count, declared total, compression ratio); members are then read with a byte cap,
because declared sizes can lie. Office packages (DOCX, XLSX, ODT …) are zip files too but are not archives:
their sniff refuses them, so a spreadsheet is reported as unsupported rather than unpacked into XML parts.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import PurePosixPath
from typing import ClassVar

from hrdmap.domain.raw import ChildFile, RawDocument
from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import CorruptFile, EncryptedFile, TooLarge
from hrdmap.ingest.guards import check_input, require_content
from hrdmap.ingest.xmlparts import package_matches

_RATIO_FLOOR = 1024 * 1024
"""Members smaller than this are never refused for their ratio: a small, repetitive text file can compress
more than 200:1 and is harmless."""
_CHUNK = 1024 * 1024


def _wanted(info: zipfile.ZipInfo) -> bool:
    path = PurePosixPath(info.filename)
    if info.is_dir() or path.parts[:1] == ("__MACOSX",):
        return False
    return not any(part.startswith(".") for part in path.parts)


class ZipExtractor:
    """Unpacks zip archives into their member files."""

    name: ClassVar[str] = "zip"
    media_types: ClassVar[tuple[str, ...]] = ("application/zip", "application/x-zip-compressed")
    suffixes: ClassVar[tuple[str, ...]] = (".zip",)
    priority: ClassVar[int] = 80

    def sniff(self, data: bytes) -> bool:
        """A zip file, unless an Office or OpenDocument package (``[Content_Types].xml``, ``mimetype``)."""
        if data.startswith(b"PK\x05\x06"):
            return True  # an empty archive
        return package_matches(data, _not_office)

    def extract(self, data: bytes, name: str, limits: Limits) -> RawDocument:
        """List the members, check the limits, and unpack them as children."""
        check_input(data, limits)
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError) as exc:
            raise CorruptFile(f"corrupt zip archive: {exc}") from exc
        with archive:
            members = [info for info in archive.infolist() if _wanted(info)]
            _check_declared(members, limits)
            children = [ChildFile(info.filename, _read(archive, info, limits)) for info in members]
        return require_content(RawDocument(format="zip", children=children), "zip archive")


def _not_office(package: zipfile.ZipFile) -> bool:
    """Whether a zip package is neither an Office nor an OpenDocument one (they are read by their formats)."""
    names = set(package.namelist())
    return "[Content_Types].xml" not in names and "mimetype" not in names


def _check_declared(members: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse an archive whose member list alone is over the limits, before unpacking anything."""
    if len(members) > limits.max_members:
        raise TooLarge(f"zip bomb guard: {len(members)} members, over the limit of {limits.max_members}")
    declared = sum(info.file_size for info in members)
    if declared > limits.max_unpacked_bytes:
        raise TooLarge(
            f"zip bomb guard: members unpack to {declared} bytes, "
            f"over the limit of {limits.max_unpacked_bytes}"
        )
    for info in members:
        if info.flag_bits & 0x1:
            raise EncryptedFile(f"zip member {info.filename} is encrypted (password-protected)")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= _RATIO_FLOOR and ratio > limits.max_ratio:
            raise TooLarge(
                f"zip bomb guard: member {info.filename} has a compression ratio of {ratio:.0f}:1, "
                f"over the limit of {limits.max_ratio:.0f}:1"
            )


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> bytes:
    """Read one member, never more than its declared size or the file limit, whatever its header says."""
    cap = min(info.file_size, limits.max_file_bytes)
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(min(_CHUNK, cap + 1 - size)):
                size += len(chunk)
                if size > cap:
                    raise TooLarge(f"zip bomb guard: member {info.filename} unpacks to more than {cap} bytes")
                chunks.append(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, zlib.error) as exc:
        raise CorruptFile(f"corrupt zip archive: member {info.filename} cannot be unpacked ({exc})") from exc
    return b"".join(chunks)
