"""E-mail: body, headers as metadata, date, and attachments as children."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from hrdmap.ingest.base import Limits
from hrdmap.ingest.email import EmailExtractor
from hrdmap.ingest.errors import EmptyFile, TooLarge

EXTRACTOR = EmailExtractor()
LIMITS = Limits()


def message(html: bool = False, attach: bool = True) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Permanent Mission of Norway <mission@example.org>"
    msg["To"] = "registry@ohchr.org"
    msg["Subject"] = "Contribution to the assessment (A/RES/72/247)"
    msg["Date"] = "Mon, 14 May 2018 09:30:00 +0200"
    msg["Message-ID"] = "<abc@example.org>"
    msg.set_content("Please find attached our contribution.\n\nKind regards,\nThe Mission")
    if html:
        body = "<html><body><p>Please find <b>attached</b> our contribution.</p></body></html>"
        msg.add_alternative(body, "html")
    if attach:
        msg.add_attachment(b"%PDF-1.4 fake", maintype="application", subtype="pdf", filename="norway.pdf")
        inner = EmailMessage()
        inner["From"] = "ngo@example.org"
        inner["Subject"] = "Forwarded"
        inner.set_content("Forwarded text.")
        msg.add_attachment(inner)
    return msg.as_bytes()


def test_body_meta_date_and_attachments() -> None:
    data = message()
    assert EXTRACTOR.sniff(data)
    raw = EXTRACTOR.extract(data, "contribution.eml", LIMITS)
    texts = [b.text for b in raw.blocks]
    assert texts == ["Please find attached our contribution.", "Kind regards, The Mission"]
    assert raw.meta["from"] == "Permanent Mission of Norway <mission@example.org>"
    assert raw.meta["subject"] == raw.title == "Contribution to the assessment (A/RES/72/247)"
    assert raw.meta["message-id"] == "<abc@example.org>"
    assert raw.date == "2018-05-14T07:30:00+00:00"
    assert [child.name for child in raw.children] == ["norway.pdf", "attachment-2.eml"]
    assert raw.children[0].data == b"%PDF-1.4 fake"
    assert b"Forwarded text." in raw.children[1].data


def test_plain_text_preferred_over_html_and_html_only_bodies() -> None:
    raw = EXTRACTOR.extract(message(html=True, attach=False), "a.eml", LIMITS)
    assert raw.blocks[0].text == "Please find attached our contribution."
    only_html = EmailMessage()
    only_html["From"] = "a@example.org"
    only_html.set_content("<html><body><h1>Call for inputs</h1><p>Deadline 1 June.</p></body></html>", "html")
    raw = EXTRACTOR.extract(only_html.as_bytes(), "b.eml", LIMITS)
    assert [b.text for b in raw.blocks] == ["Call for inputs", "Deadline 1 June."]


def test_sniff_and_limits() -> None:
    assert not EXTRACTOR.sniff(b"Subject line only\nthen text")
    assert not EXTRACTOR.sniff(b"<html><body>x</body></html>")
    with pytest.raises(TooLarge, match="e-mail attachments exceed the limits"):
        EXTRACTOR.extract(message(), "a.eml", Limits(max_unpacked_bytes=5))
    with pytest.raises(EmptyFile):
        EXTRACTOR.extract(b"From: a@example.org\nSubject: nothing\n\n\n", "empty.eml", LIMITS)
