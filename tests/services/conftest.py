"""Fixtures for the services: a data folder, and one factory that writes contribution files of each kind."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator, Sequence
from email.message import EmailMessage
from pathlib import Path

import docx
import pytest

from hrdmap.config import Settings
from hrdmap.ingest.base import Limits
from hrdmap.services.workspace import Workspace, open_workspace

MakeFile = Callable[..., Path]
Contribution = Callable[..., bytes]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings whose data folder is in tmp_path."""
    return Settings(home=tmp_path / "home", limits=Limits())


@pytest.fixture
def workspace(settings: Settings) -> Iterator[Workspace]:
    """An open, empty workspace."""
    with open_workspace(settings) as opened:
        yield opened


def paragraphs_for(topic: str, count: int = 3) -> list[str]:
    """Numbered paragraphs in UN style about ``topic``."""
    return [
        f"{n}. The Special Rapporteur received information on {topic} and on the situation of human rights "
        f"defenders who work on it (paragraph {n})."
        for n in range(1, count + 1)
    ]


def _text(paragraphs: Sequence[str], title: str) -> bytes:
    return ("\n\n".join([title, *paragraphs]) + "\n").encode()


def _html(paragraphs: Sequence[str], title: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    head = f"<head><title>{title}</title></head>"
    return f"<html lang='en'>{head}<body><h1>{title}</h1>{body}</body></html>".encode()


def _docx(paragraphs: Sequence[str], title: str) -> bytes:
    document = docx.Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


WRITERS: dict[str, Callable[[Sequence[str], str], bytes]] = {"txt": _text, "html": _html, "docx": _docx}


def content(kind: str, topic: str, count: int = 3) -> bytes:
    """The bytes of a contribution of kind ``txt``, ``html`` or ``docx`` about ``topic``."""
    return WRITERS[kind](paragraphs_for(topic, count), f"Contribution on {topic}")


@pytest.fixture
def contribution() -> Contribution:
    """``contribution("docx", "networks")``: the bytes of a contribution of that kind about that topic."""
    return content


@pytest.fixture
def make_file(tmp_path: Path) -> MakeFile:
    """Write a contribution file and return its path.

    ``make_file("in/a.txt", topic="reprisals")`` writes text, HTML or DOCX by the suffix; ``.zip`` takes
    ``members={"name.txt": bytes}``; ``.eml`` is a message whose body is about the topic, with ``members`` as
    attachments; ``data=`` writes the bytes given.
    """

    def make(
        name: str,
        *,
        topic: str = "reprisals",
        count: int = 3,
        members: dict[str, bytes] | None = None,
        data: bytes | None = None,
    ) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        suffix = path.suffix.lstrip(".")
        if data is None and suffix == "zip":
            data = _zip(members or {})
        elif data is None and suffix == "eml":
            data = _email(topic, members or {})
        elif data is None:
            data = content(suffix, topic, count)
        path.write_bytes(data)
        return path

    return make


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _email(topic: str, attachments: dict[str, bytes]) -> bytes:
    message = EmailMessage()
    message["From"] = "focal.point@nhri.example.org"
    message["To"] = "registry@ohchr.example.org"
    message["Subject"] = f"Contribution on {topic}"
    message.set_content("\n\n".join(paragraphs_for(topic, 2)))
    for name, data in attachments.items():
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return message.as_bytes()
