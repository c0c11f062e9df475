"""Count what a file inflates to before a parser sees it: the guard against decompression bombs.

A DOCX or ODT is a zip of XML parts and a PDF keeps its pages in compressed streams. A few megabytes can
inflate to gigabytes, which python-docx, lxml and pdfium would hold in memory whole. Before the parser runs,
every part of a package (:func:`check_package`) and every compressed stream of a PDF that holds what pdfium
parses to find text (:func:`check_pdf_streams`: page contents, form XObjects, object streams) is inflated here
in chunks, counted and thrown away, and the file is refused as soon as the total passes
``limits.max_inflated_bytes``. Memory stays at one chunk whatever the file, and the time spent is bounded by
the limit. Images, fonts, colour profiles and metadata are not counted (text extraction never decodes images;
inflating fonts too doubled the cost on real reports): the worker's memory limit holds them.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import TooLarge

_CHUNK = 1024 * 1024
_OUT_CHUNK = 64 * 1024
"""Most bytes inflated at a time: small, since most PDF streams are a few kilobytes and each call allocates it."""
_MIB = 1024 * 1024
_STREAM = re.compile(rb"stream\r?\n")
_TYPE = re.compile(rb"/Type\s*/(\w+)")
_SUBTYPE = re.compile(rb"/Subtype\s*/(\w+)")
_COUNTED_TYPES = frozenset({b"ObjStm", b"XObject", b"Pattern"})
_DICT_WINDOW = 4096
"""How far before a ``stream`` keyword its dictionary is looked for."""


def check_package(data: bytes, limits: Limits, what: str) -> None:
    """Refuse a zip package (DOCX, ODT) whose parts inflate to more than ``limits.max_inflated_bytes``.

    A package that is not a readable zip file passes: the extractor reports it as corrupt.

    Raises:
        TooLarge: The parts, inflated, are over the limit; the message names the part where it was passed.
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError):
        return
    total = 0
    with package:
        for info in package.infolist():
            if info.flag_bits & 0x1 or info.is_dir():
                continue  # encrypted members are the extractor's to report
            total = _count_member(package, info, total, limits.max_inflated_bytes, what)


def _count_member(package: zipfile.ZipFile, info: zipfile.ZipInfo, total: int, limit: int, what: str) -> int:
    if total + info.file_size > limit:  # the declared size is enough to refuse; it cannot be trusted to accept
        raise _too_large(what, f"{info.filename} declares {info.file_size / _MIB:.1f} MiB", limit)
    try:
        with package.open(info) as handle:
            while chunk := handle.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise _too_large(what, f"{info.filename} inflates past the limit", limit)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError, zlib.error):
        return total  # a damaged part is the extractor's to report, with its own message
    return total


def check_pdf_streams(data: bytes, limits: Limits) -> None:
    """Refuse a PDF whose compressed (Flate) content streams inflate to more than the limit in all.

    The streams are found by their ``stream`` keyword and the dictionary before it, without parsing the file:
    a damaged file is still counted as far as it can be, and what cannot be inflated (another filter,
    encryption, damage) is left to pdfium.

    Raises:
        TooLarge: The streams inflate to more than ``limits.max_inflated_bytes``.
    """
    limit = limits.max_inflated_bytes
    total = 0
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - _DICT_WINDOW) : match.start()]
        dictionary = head[head.rfind(b"obj") + 3 :] if b"obj" in head else head
        if _counted(dictionary):
            total = _inflate_counting(data, match.end(), total, limit)


def _counted(dictionary: bytes) -> bool:
    """Whether a stream is Flate-compressed page content, a form XObject or an object stream."""
    if b"/FlateDecode" not in dictionary or b"/Length1" in dictionary or b"/Length2" in dictionary:
        return False  # not compressed with Flate, or a TrueType or Type 1 font program
    kind, subtype = _TYPE.search(dictionary), _SUBTYPE.search(dictionary)
    if subtype is not None and subtype.group(1) != b"Form":
        return False  # an image, a compact font program, XML metadata
    return kind is None or kind.group(1) in _COUNTED_TYPES


def _inflate_counting(data: bytes, start: int, total: int, limit: int) -> int:
    """Inflate the zlib stream that starts at ``start`` (up to ``endstream``), adding its size to ``total``.

    Raises:
        TooLarge: ``total`` passes ``limit``.
    """
    end = data.find(b"endstream", start)
    view = memoryview(data)[start : end if end >= 0 else len(data)]
    inflater = zlib.decompressobj()
    try:
        for offset in range(0, len(view), _CHUNK):
            pending: bytes | memoryview = view[offset : offset + _CHUNK]
            while pending and not inflater.eof:
                total += len(inflater.decompress(pending, _OUT_CHUNK))
                if total > limit:
                    raise _too_large("PDF", "its compressed streams inflate past the limit", limit)
                pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        pass  # not a Flate stream after all, or damaged: pdfium decides
    return total


def _too_large(what: str, detail: str, limit: int) -> TooLarge:
    return TooLarge(
        f"decompression bomb guard: {what} {detail} of {limit / _MIB:.0f} MiB inflated "
        "(HRDMAP_MAX_INFLATED_MB)"
    )
