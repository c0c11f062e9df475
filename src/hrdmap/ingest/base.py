"""The extractor protocol: one small class per file format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol, runtime_checkable

from hrdmap.domain.raw import RawDocument


@dataclass(frozen=True, slots=True)
class Limits:
    """Limits that protect a batch from hostile or broken files.

    Sizes are checked before anything is unpacked or parsed; budgets are counted while a file is read; the
    process limits hold the worker process that parses untrusted files (:mod:`hrdmap.ingest.sandbox`), so a
    file that gets past the rest still cannot take more than its share.

    Attributes:
        max_file_bytes: Largest file accepted, in bytes.
        max_unpacked_bytes: Largest total a zip or e-mail may unpack to.
        max_members: Most members read from one archive.
        max_depth: Deepest nesting of archives and attachments.
        max_ratio: Largest compression ratio accepted for an archive member (zip-bomb guard).
        timeout_s: Longest an external converter (LibreOffice) may run.
        max_inflated_bytes: Most that the parts of one DOCX or ODT, or the compressed streams of one PDF
            (images apart), may inflate to; counted in chunks before the parser sees them.
        max_pages: Most pages of one PDF.
        max_chars: Most characters of text one file may give.
        max_blocks: Most blocks (paragraphs, headings, list items, tables) one file may give.
        page_seconds: Longest one PDF page may take to read.
        parse_seconds: Longest one file may take to parse, by the clock and in CPU time; the worker is stopped
            after it.
        worker_memory_bytes: Address space of the worker process that parses files (``RLIMIT_AS``).
        worker_open_files: Files the worker may hold open at once (``RLIMIT_NOFILE``).
    """

    max_file_bytes: int = 100 * 1024 * 1024
    max_unpacked_bytes: int = 500 * 1024 * 1024
    max_members: int = 10_000
    max_depth: int = 3
    max_ratio: float = 200.0
    timeout_s: float = 120.0
    max_inflated_bytes: int = 128 * 1024 * 1024
    max_pages: int = 5_000
    max_chars: int = 10_000_000
    max_blocks: int = 200_000
    page_seconds: float = 20.0
    parse_seconds: float = 300.0
    worker_memory_bytes: int = 3 * 1024 * 1024 * 1024
    worker_open_files: int = 256


@runtime_checkable
class Extractor(Protocol):
    """Reads one file format into a :class:`RawDocument`.

    Example::

        class TextExtractor:
            name = "text"
            media_types = ("text/plain",)
            suffixes = (".txt",)
            priority = 90

            def sniff(self, data: bytes) -> bool:
                return b"\\x00" not in data[:4096]

            def extract(self, data: bytes, name: str, limits: Limits) -> RawDocument:
                return RawDocument(format="text", blocks=[...])
    """

    name: ClassVar[str]
    media_types: ClassVar[tuple[str, ...]]
    suffixes: ClassVar[tuple[str, ...]]
    priority: ClassVar[int]
    """Lower is tried first when sniffing: specific formats (DOCX, ODT) before generic ones (zip, text)."""

    def sniff(self, data: bytes) -> bool:
        """Say whether a file's content looks like this format (magic numbers, markup, zip members).

        ``data`` is the whole file; look only at what is needed (the first bytes, a zip's member list).
        """
        ...

    def extract(self, data: bytes, name: str, limits: Limits) -> RawDocument:
        """Read the file.

        Args:
            data: The file's bytes.
            name: The file's name, for messages and for formats that need a hint.
            limits: Size limits to enforce while unpacking.

        Raises:
            hrdmap.ingest.errors.IngestError: With a one-line reason when the file cannot be read.
        """
        ...
