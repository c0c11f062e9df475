"""Decompression bombs, written for the tests: small files whose parts inflate to hundreds of megabytes.

Each is streamed through zlib so that writing it needs little memory and a few seconds: a DOCX or ODT whose
main XML part is a valid document of one repeated paragraph, and a PDF whose one page has a content stream of
one repeated text-showing operation. They are what the issue reported: 2–4 MB of DOCX or ODT inflating to
1–2 GB, a 300 KB PDF inflating to 210 MB.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass

MIB = 1024 * 1024
_CHUNK = 4 * MIB

_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCX_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>'
_DOCX_PARA = "<w:p><w:r><w:t>Defenders were threatened and placed under surveillance.</w:t></w:r></w:p>"
_DOCX_TAIL = "</w:body></w:document>"

_ODT_MIME = "application/vnd.oasis.opendocument.text"
_ODT_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{_ODT_MIME}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
_ODT_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    "<office:body><office:text>"
)
_ODT_PARA = "<text:p>Defenders were threatened and placed under surveillance.</text:p>"
_ODT_TAIL = "</office:text></office:body></office:document-content>"


@dataclass(frozen=True)
class _Member:
    name: str
    data: bytes  # as stored in the archive
    crc: int
    size: int  # inflated
    deflated: bool


def _stored(name: str, text: str) -> _Member:
    data = text.encode()
    return _Member(name, data, zlib.crc32(data), len(data), deflated=False)


def _repeated(name: str, head: str, unit: str, tail: str, size: int) -> _Member:
    """A deflated member of about ``size`` bytes: ``head``, ``unit`` repeated, ``tail``.

    One block of units is compressed once after a full flush (which keeps later data from referring back), so
    its compressed bytes can be repeated as they are: a gigabyte costs the time of its checksum.
    """
    block = (unit * (_CHUNK // len(unit))).encode()
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(head.encode()) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    last = compressor.compress(tail.encode()) + compressor.flush(zlib.Z_FINISH)
    copies = max(1, (size - len(head) - len(tail)) // len(block))
    crc = zlib.crc32(head.encode())
    for _ in range(copies):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail.encode(), crc)
    inflated = len(head) + copies * len(block) + len(tail)
    return _Member(name, first + repeated * copies + last, crc, inflated, deflated=True)


def _zip(members: list[_Member]) -> bytes:
    """A zip archive of ``members`` (sizes under 4 GiB, so no zip64 records)."""
    out = io.BytesIO()
    central = io.BytesIO()
    for member in members:
        offset = out.tell()
        name = member.name.encode()
        method = 8 if member.deflated else 0
        fields = (20, 0, method, 0, 0x21, member.crc, len(member.data), member.size, len(name))
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + name + member.data)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset) + name)
    directory = out.tell()
    out.write(central.getvalue())
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), central.tell(), directory, 0))
    return out.getvalue()


def docx_bomb(inflated: int) -> bytes:
    """A DOCX whose ``word/document.xml`` is about ``inflated`` bytes of valid WordprocessingML."""
    return _zip(
        [
            _stored("[Content_Types].xml", _DOCX_TYPES),
            _stored("_rels/.rels", _DOCX_RELS),
            _repeated("word/document.xml", _DOCX_HEAD, _DOCX_PARA, _DOCX_TAIL, inflated),
        ]
    )


def odt_bomb(inflated: int) -> bytes:
    """An ODT whose ``content.xml`` is about ``inflated`` bytes of valid OpenDocument text."""
    return _zip(
        [
            _stored("mimetype", _ODT_MIME),  # stored, first, as ODF requires
            _stored("META-INF/manifest.xml", _ODT_MANIFEST),
            _repeated("content.xml", _ODT_HEAD, _ODT_PARA, _ODT_TAIL, inflated),
        ]
    )


def pdf_bomb(inflated: int, *, pages: int = 1) -> bytes:
    """A PDF whose page content streams inflate to about ``inflated`` bytes in all (one text operation repeated).

    The objects are written with a correct cross-reference table, so pdfium opens the file and parses the
    stream rather than refusing a damaged file.
    """
    unit = b"BT /F1 12 Tf 72 712 Td (Defenders were threatened.) Tj ET\n"
    block = unit * (_CHUNK // len(unit))
    compressor = zlib.compressobj(9)
    header = compressor.compress(b"") + compressor.flush(zlib.Z_FULL_FLUSH)  # the zlib header
    repeated = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    copies = max(1, inflated // pages // len(block))
    checksum = 1
    for _ in range(copies):
        checksum = zlib.adler32(block, checksum)
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)  # an empty final block
    stream = header + repeated * copies + end + struct.pack(">I", checksum)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (4 + 2 * n) for n in range(pages)), pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for n in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
            b" /Contents %d 0 R >>" % (5 + 2 * n)
        )
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()
