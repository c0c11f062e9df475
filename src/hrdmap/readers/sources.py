"""Which files an ingest command means, and how their names are stored and found again.

Files are taken as given; folders are walked recursively in sorted order. Inside a folder, a symbolic link to a
file outside that folder is refused with a reason (a folder of contributions must not read ``~/.ssh`` through a
link someone put there) unless links are followed on request; links to folders are never followed (they can
loop). Special files (FIFOs, devices, sockets) are listed like files and refused when read
(:func:`read_regular_file`), so that they are named in the batch's failures rather than skipped in silence.

A file name may be any bytes on POSIX systems. :func:`source_text` gives the text hrdmap stores and prints for a
path: the path itself when it is valid Unicode, or the path with each byte that is not UTF-8 written ``\\xNN``;
:func:`local_path` finds the file again from that text.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hrdmap.domain.errors import NotFound
from hrdmap.ingest.errors import IngestError, OutsideLink, SpecialFile, TooLarge

_CHUNK = 1024 * 1024
_ESCAPED_BYTE = re.compile(rb"\\x([89a-f][0-9a-f])")
_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


class MissingPath(NotFound, FileNotFoundError):
    """A path given to ingest does not exist; the message names it."""


@dataclass(slots=True)
class Found:
    """The files an ingest command means, in order, and those refused before reading, with why.

    Attributes:
        files: Every file, refused ones included, each once, in the order given (folders in sorted order).
        refused: The files not to read, with the error to record against them.
    """

    files: list[Path] = field(default_factory=list)
    refused: dict[Path, IngestError] = field(default_factory=dict)


def expand_paths(paths: Iterable[Path], *, exclude: Path | None = None, follow_links: bool = False) -> Found:
    """The files to ingest, absolute, each once, in the order given (folders expanded in sorted order).

    Hidden files and folders (names starting with a dot) inside a folder are skipped; a hidden file named
    explicitly is kept, since the user asked for it, and so is a link named explicitly. Links to folders inside
    a folder are not followed.

    Args:
        paths: Files and folders.
        exclude: A folder never to walk into: hrdmap's own data folder, when it sits inside a folder given (a
            file named explicitly is read wherever it is: the web app's uploads live in the data folder).
        follow_links: Read the files that links inside a folder point to even when they are outside it.

    Raises:
        MissingPath: A path does not exist.
    """
    skip = exclude.expanduser().resolve() if exclude is not None else None
    found = Found()
    seen: set[Path] = set()
    for given in paths:
        path = given.expanduser().resolve()
        if not path.exists():
            raise MissingPath(f"{source_text(given)}: no such file or folder")
        walked = _walk(path, path, follow_links) if path.is_dir() else iter([(path, None)])
        for file, refusal in walked:
            if file in seen or (skip is not None and path.is_dir() and file.is_relative_to(skip)):
                continue
            seen.add(file)
            found.files.append(file)
            if refusal is not None:
                found.refused[file] = refusal
    return found


def _walk(folder: Path, root: Path, follow_links: bool) -> Iterator[tuple[Path, IngestError | None]]:
    """The entries of a folder, recursively: files (special ones included) and refused links, never folders."""
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            target = entry.resolve()
            if target.is_dir():
                continue  # a linked folder can loop back on itself
            if follow_links or target.is_relative_to(root):
                yield entry, None
            else:
                yield (
                    entry,
                    OutsideLink(
                        f"symbolic link to a file outside the folder {source_text(root)}: "
                        f"{source_text(target)} (give --follow-links to read it)"
                    ),
                )
        elif entry.is_dir():
            yield from _walk(entry, root, follow_links)
        else:
            yield entry, None


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, never more than ``max_bytes``.

    The file's kind is checked before it is opened and again on the open descriptor, so a FIFO (which would
    block forever), a device such as ``/dev/zero`` (which would never end) or a socket is refused without being
    read; it is opened without blocking and read in chunks, so a file that grows while read is cut short.

    Raises:
        SpecialFile: Not a regular file.
        TooLarge: Over ``max_bytes``.
        OSError: The file cannot be opened or read.
    """
    _check_regular(path.stat().st_mode)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        _check_regular(info.st_mode)
        _check_size(info.st_size, max_bytes)
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, min(_CHUNK, max_bytes + 1 - size)):
            size += len(chunk)
            _check_size(size, max_bytes)
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _check_regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    raise SpecialFile(f"not a regular file but {kind}: only regular files are read")


def _check_size(size: int, limit: int) -> None:
    if size > limit:
        raise TooLarge(f"{_mib(size)} is over the limit of {_mib(limit)}")


def _mib(size: int) -> str:
    mib = 1024 * 1024
    return f"{size / mib:.1f} MiB" if size >= mib // 10 else f"{size} bytes"


def storable(text: str) -> str:
    """``text`` as valid Unicode: characters that stand for undecodable bytes become ``\\xNN``.

    Python represents a byte that is not UTF-8 in a file name (or a header) as a lone surrogate, which a
    database refuses; this writes it as the byte's escape instead. Valid text is returned as it is.
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def source_text(path: Path) -> str:
    """The text hrdmap stores and prints for a path (see the module docstring)."""
    return storable(str(path))


def local_path(text: str) -> Path:
    """The file that a stored source text names: the inverse of :func:`source_text`.

    The text is the path itself unless no such file exists and the text holds ``\\xNN`` escapes of bytes that
    are not UTF-8; then the escapes are turned back into bytes.
    """
    path = Path(text)
    if "\\x" not in text or os.path.lexists(path):
        return path
    raw = _ESCAPED_BYTE.sub(lambda m: bytes([int(m[1], 16)]), text.encode("utf-8"))
    return Path(os.fsdecode(raw))
