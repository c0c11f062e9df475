"""Confidentiality as a property of data: what an output may show of a confidential contribution.

A contribution sent in confidence (``consent: confidential``) makes every document it brought confidential, and
that travels with the data, whatever the output. Each output is written for an **audience**:

- :attr:`Audience.PUBLIC`: anyone may read it (the inputs page, a draft or map sent out, an export shared with
  partners). Nothing of a confidential contribution appears but counts: no name, title, file name, paragraph,
  quote or metadata.
- :attr:`Audience.INTERNAL`: people cleared to read confidential data (the officer's own terminal, a working
  draft). What comes from a confidential contribution is shown **marked** as confidential (a ``confidential``
  field in JSON and CSV, :data:`MARK` in text), its contributor is never named, and quotes of it carry no
  personal data (the draft redacts them).

:func:`disclose` is the one rule; :mod:`hrdmap.services.disclosure` applies it to stored documents, and every
output the project writes goes through it (docs/threat-model.md lists them, and
``tests/hostile/test_canaries.py`` renders each one from a corpus full of canary strings).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Audience(StrEnum):
    """Who may read an output."""

    PUBLIC = "public"
    INTERNAL = "internal"


#: How text outputs mark what comes from a confidential contribution.
MARK = "[confidential]"
#: The consent values of a document's contributions, as exports write them (a UN document has none).
CONSENT_PUBLIC, CONSENT_CONFIDENTIAL = "public", "confidential"


@dataclass(frozen=True, slots=True)
class Disclosure:
    """What an output may show of one document.

    Attributes:
        shown: Whether its content (title, file name, paragraphs, quotes) may appear at all; when not, it may
            only be counted.
        marked: Whether what appears must be marked as confidential.
    """

    shown: bool
    marked: bool


def disclose(audience: Audience, confidential: bool) -> Disclosure:
    """The rule: a public output counts confidential documents only; an internal one shows them, marked."""
    if not confidential:
        return Disclosure(shown=True, marked=False)
    return Disclosure(shown=audience is Audience.INTERNAL, marked=True)


def file_name(source: str) -> str:
    """A source's own file name, without the folders it was read from (they may say more than an output should):
    ``/home/me/Confidential/Marta/statement.docx`` → ``statement.docx``; an archive member keeps its own name."""
    return source.replace("\\", "/").rsplit("!", 1)[-1].rsplit("/", 1)[-1]
