"""Errors raised while reading a file.

Every error carries a short reason a person can act on; the ingest service records it against the file and goes
on with the rest of the batch::

    IngestError
    ├── UnsupportedFormat      no extractor reads this content
    ├── CorruptFile            the content is damaged or not what its type claims
    ├── EncryptedFile          password-protected
    ├── EmptyFile              no bytes, or no text at all
    ├── TooLarge               over the configured size limit (also zip bombs)
    ├── MissingTool            an external program is needed (LibreOffice for .doc and .rtf)
    ├── SpecialFile            a FIFO, device, socket or folder: only regular files are read
    ├── OutsideLink            a link in a folder to a file outside it (followed only with --follow-links)
    ├── OverBudget             more pages, characters, blocks, time per page or memory than a file may use
    ├── ParseTimeout           the worker parsing it ran out of time (clock or CPU) and was stopped
    ├── WorkerKilled           the worker parsing it died (a crash, or killed by the system)
    └── Interrupted            hrdmap itself stopped while parsing it (killed, out of memory, power cut)

The last four mark a file as dangerous to read again: the ingest service does not read the same bytes again
until asked to (``hrdmap ingest --retry-failed``). Their ``dangerous`` attribute says so.
"""

from __future__ import annotations

from hrdmap.domain.errors import HrdmapError


class IngestError(HrdmapError):
    """A file could not be read. ``str(error)`` is the one-line reason shown to users."""

    code = "error"
    dangerous = False
    """Whether reading the same bytes again could cost the same again (time, memory, a crash)."""


class UnsupportedFormat(IngestError):
    """No extractor reads this content."""

    code = "unsupported"


class CorruptFile(IngestError):
    """The content is damaged or is not what its type claims."""

    code = "corrupt"


class EncryptedFile(IngestError):
    """The file is protected by a password."""

    code = "encrypted"


class EmptyFile(IngestError):
    """The file has no bytes or no text."""

    code = "empty"


class TooLarge(IngestError):
    """The file, or what it unpacks to, is over the configured limit."""

    code = "too_large"


class MissingTool(IngestError):
    """An external program needed for this format is not installed."""

    code = "missing_tool"


class SpecialFile(IngestError):
    """Not a regular file: a FIFO, a device, a socket or a folder, which is never read."""

    code = "special_file"


class OutsideLink(IngestError):
    """A symbolic link, found in a folder, to a file outside that folder; followed only on request."""

    code = "outside_link"


class OverBudget(IngestError):
    """Reading the file took more pages, characters, blocks, time per page or memory than one file may use."""

    code = "over_budget"
    dangerous = True


class ParseTimeout(IngestError):
    """The worker parsing the file ran out of time, by the clock or in CPU time, and was stopped."""

    code = "timeout"
    dangerous = True


class WorkerKilled(IngestError):
    """The worker parsing the file died: the parser crashed, or the system killed it (out of memory)."""

    code = "worker_killed"
    dangerous = True


class Interrupted(IngestError):
    """hrdmap stopped while this file was being parsed (killed, out of memory, power cut)."""

    code = "interrupted"
    dangerous = True
