"""Read the XML parts of zip packages (DOCX, ODT) safely and with errors that name the part.

The parser never resolves entities nor reaches the network, so a hostile file cannot make it read local files
or expand entity bombs.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable

from lxml import etree

from hrdmap.ingest.errors import CorruptFile, EncryptedFile

SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def open_package(data: bytes, what: str) -> zipfile.ZipFile:
    """Open ``data`` as a zip package.

    Args:
        data: The file's bytes.
        what: The format name used in messages ("DOCX", "ODT").

    Raises:
        CorruptFile: The bytes are not a readable zip file.
    """
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError) as exc:
        raise CorruptFile(f"corrupt {what}: not a readable zip package ({exc})") from exc


def read_member(package: zipfile.ZipFile, member: str, what: str) -> bytes:
    """Read one member of a package.

    Raises:
        CorruptFile: The member is missing or damaged.
        EncryptedFile: The member is encrypted.
    """
    try:
        info = package.getinfo(member)
    except KeyError as exc:
        raise CorruptFile(f"corrupt {what}: {member} is missing") from exc
    if info.flag_bits & 0x1:
        raise EncryptedFile(f"{what} is password-protected ({member} is encrypted)")
    try:
        return package.read(info)
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, zlib.error, NotImplementedError) as exc:
        raise CorruptFile(f"corrupt {what}: {member} cannot be unpacked ({exc})") from exc


def parse_xml(content: bytes, member: str, what: str) -> etree._Element:
    """Parse a part's XML.

    Raises:
        CorruptFile: The XML is not well-formed; the message gives the part and the line.
    """
    try:
        return etree.fromstring(content, parser=SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno is not None else "?"
        raise CorruptFile(f"corrupt {what}: {member} is not well-formed XML (line {line})") from exc


def read_xml(package: zipfile.ZipFile, member: str, what: str) -> etree._Element:
    """Read and parse one XML member of a package (see :func:`read_member` and :func:`parse_xml`)."""
    return parse_xml(read_member(package, member, what), member, what)


def sniff_package(data: bytes) -> zipfile.ZipFile | None:
    """Open ``data`` as a zip file for sniffing, or return ``None`` when it is not one."""
    if not data.startswith(b"PK"):
        return None
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError):
        return None


def package_matches(data: bytes, test: Callable[[zipfile.ZipFile], bool]) -> bool:
    """Whether ``data`` is a zip package that passes ``test`` (a sniffer's look at its members).

    Args:
        data: The file's bytes.
        test: What the package must show; it gets the open package, closed afterwards.

    Returns:
        ``False`` when the bytes are not a zip file, else what ``test`` says.
    """
    package = sniff_package(data)
    if package is None:
        return False
    with package:
        return test(package)


def peek_member(package: zipfile.ZipFile, member: str, size: int = 4096) -> bytes:
    """The first ``size`` bytes of a member, or ``b""`` when it is missing, encrypted or damaged."""
    try:
        with package.open(member) as handle:
            return handle.read(size)
    except (KeyError, RuntimeError, zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError):
        return b""
    except zlib.error:  # not an OSError subclass
        return b""
