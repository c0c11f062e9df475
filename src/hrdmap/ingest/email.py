"""E-mail messages (.eml, message/rfc822): the body as blocks, the headers as metadata, attachments as files.

The body is the plain-text part when there is one (it is what the sender wrote), else the HTML part read by
:mod:`hrdmap.ingest.html`. Attachments, forwarded messages included, become
:attr:`~hrdmap.domain.raw.RawDocument.children`: the ingest service stores each as a document of its own,
which is how a State's contribution sent as a PDF attached to a covering e-mail reaches the corpus.
"""

from __future__ import annotations

import mimetypes
import re
from datetime import UTC
from email import message_from_bytes, policy
from email.errors import MessageError
from email.message import EmailMessage, Message
from email.utils import parsedate_to_datetime
from typing import ClassVar

from hrdmap.domain.raw import ChildFile, RawDocument
from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import CorruptFile, TooLarge
from hrdmap.ingest.guards import check_input, require_content
from hrdmap.ingest.html import read_html
from hrdmap.ingest.text import read_plain

_HEADER_LINE = re.compile(rb"^[!-9;-~]+:[ \t]?.*$")
_KNOWN = frozenset(
    {b"from", b"received", b"mime-version", b"return-path", b"message-id", b"delivered-to", b"x-mailer"}
)
_META_HEADERS = ("from", "to", "cc", "subject", "message-id", "date")
_SNIFF_LINES = 60
_PARSE_ERRORS = (MessageError, IndexError, ValueError, TypeError, LookupError, AttributeError)
"""What the standard library's e-mail parser raises on malformed messages (it has known bugs, such as an
IndexError on some broken addresses)."""


class EmailExtractor:
    """Reads RFC 5322 messages saved as .eml files."""

    name: ClassVar[str] = "email"
    media_types: ClassVar[tuple[str, ...]] = ("message/rfc822",)
    suffixes: ClassVar[tuple[str, ...]] = (".eml", ".msg822")
    priority: ClassVar[int] = 40

    def sniff(self, data: bytes) -> bool:
        """A header block at the start (``Name: value`` lines) naming at least one mail header."""
        names: set[bytes] = set()
        for line in data[:16384].splitlines()[:_SNIFF_LINES]:
            if not line.strip():
                break
            if line[:1] in (b" ", b"\t"):
                continue  # a folded continuation of the previous header
            if line.startswith(b"From ") and not names:
                continue  # an mbox separator line
            if not _HEADER_LINE.match(line):
                return False
            names.add(line.split(b":", 1)[0].strip().lower())
        return bool(names & _KNOWN)

    def extract(self, data: bytes, name: str, limits: Limits) -> RawDocument:
        """Read the message; see the module docstring for what is kept."""
        check_input(data, limits)
        message = message_from_bytes(data, policy=policy.default)
        assert isinstance(message, EmailMessage)  # noqa: S101 - policy.default builds EmailMessage
        try:
            raw = _body(message)
            raw.children = _attachments(message, limits)
        except _PARSE_ERRORS as exc:
            raise CorruptFile(f"corrupt e-mail: the MIME structure cannot be read ({exc})") from exc
        raw.format = "email"
        raw.meta = {key: value for key in _META_HEADERS if (value := _header(message, key))}
        raw.title = raw.meta.get("subject") or None
        raw.date = _date(raw.meta.get("date"))
        return require_content(raw, "e-mail")


def _header(message: EmailMessage, key: str) -> str | None:
    """A header's decoded value, or its raw text when the parser chokes on it."""
    try:
        value = message[key]
        return None if value is None else str(value)
    except _PARSE_ERRORS:
        raws = [str(raw) for name, raw in message.raw_items() if name.lower() == key]
        return " ".join(raws[0].split()) if raws else None


def _body(message: EmailMessage) -> RawDocument:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return RawDocument(format="email")
    content = _text(part)
    if part.get_content_subtype() == "html":
        raw = read_html(content)
        raw.title = None
        return raw
    return RawDocument(format="email", blocks=read_plain(content))


def _text(part: Message) -> str:
    assert isinstance(part, EmailMessage)  # noqa: S101 - policy.default builds EmailMessage
    try:
        content = part.get_content()
    except (LookupError, ValueError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def _date(value: str | None) -> str | None:
    """The Date header as an ISO 8601 UTC timestamp; a zone-less date is taken as UTC."""
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat()


def _attachments(message: EmailMessage, limits: Limits) -> list[ChildFile]:
    """Attachments as files, within ``limits.max_members`` and ``limits.max_unpacked_bytes``."""
    children: list[ChildFile] = []
    total = 0
    parts = list(message.iter_attachments()) if message.is_multipart() else []
    for index, part in enumerate(parts, start=1):
        data = _attachment_bytes(part)
        if data is None:
            continue
        total += len(data)
        if total > limits.max_unpacked_bytes or len(children) >= limits.max_members:
            raise TooLarge(
                f"e-mail attachments exceed the limits ({limits.max_members} files, "
                f"{limits.max_unpacked_bytes} bytes)"
            )
        children.append(ChildFile(_attachment_name(part, index), data))
    return children


def _attachment_bytes(part: Message) -> bytes | None:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        message = inner[0] if isinstance(inner, list) and inner else None
        return message.as_bytes(policy=policy.default) if isinstance(message, Message) else None
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else None


def _attachment_name(part: Message, index: int) -> str:
    name = part.get_filename()
    if name:
        return name.replace("/", "_").replace("\\", "_")
    if part.get_content_type() == "message/rfc822":
        return f"attachment-{index}.eml"
    return f"attachment-{index}{mimetypes.guess_extension(part.get_content_type()) or '.bin'}"
