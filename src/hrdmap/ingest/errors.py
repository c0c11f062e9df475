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
    └── OutsideLink            a link in a folder to a file outside it (followed only with --follow-links)
"""

from __future__ import annotations

from hrdmap.domain.errors import HrdmapError


class IngestError(HrdmapError):
    """A file could not be read. ``str(error)`` is the one-line reason shown to users."""

    code = "error"


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
