"""Files too dangerous to parse again: the repository protocol and its record.

Before a parser sees a file's bytes, the ingest service records that it is **reading** them, and commits: if
the parse kills the whole process (memory, a crash, a power cut), the next run finds the record and refuses
the bytes as ``interrupted`` instead of reading them again, and again. A parse that ends normally removes the
record; one that killed or exhausted the worker turns it into a **refused** record with the failure's code and
reason. Refused bytes are failed at once, without parsing, until ``hrdmap ingest --retry-failed`` reads them on
purpose. Records are keyed by the SHA-256 of the bytes, so the same bomb under another name, or inside a zip,
is caught too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class QuarantineState(StrEnum):
    """Where a quarantined file stands."""

    READING = "reading"  # a parser has the bytes now (or had them when hrdmap stopped)
    REFUSED = "refused"  # the bytes killed or exhausted a parser: not parsed again unless asked


@dataclass(frozen=True, slots=True)
class Quarantined:
    """The bytes of one file in quarantine.

    Attributes:
        sha256: The digest of the bytes.
        source: Where they were last read from (a path, or ``parent!member``).
        state: Reading now, or refused.
        error_code: Why they are refused (``worker_killed``, ``timeout``, ``over_budget``, ``interrupted``).
        reason: The failure's one-line reason.
        updated_at: When the record last changed (UTC).
    """

    sha256: str
    source: str
    state: QuarantineState
    error_code: str | None
    reason: str | None
    updated_at: dt.datetime


class QuarantineRepository(Protocol):
    """Files too dangerous to parse again (see the module docstring)."""

    def reading(self, sha256: str, source: str, *, at: dt.datetime) -> None:
        """Record that a parser is about to read these bytes (replacing any record of them)."""
        ...

    def done(self, sha256: str) -> None:
        """Forget these bytes: their parse ended, with a document or an ordinary failure."""
        ...

    def refuse(self, sha256: str, source: str, error_code: str, reason: str, *, at: dt.datetime) -> None:
        """Refuse these bytes from now on, with the code and reason of what they did."""
        ...

    def get(self, sha256: str) -> Quarantined | None:
        """The record of these bytes, or ``None``."""
        ...

    def interrupted(self, reason: str, *, at: dt.datetime) -> Sequence[Quarantined]:
        """Turn every ``reading`` record (left by a process that stopped mid-parse) into a refused one.

        Returns:
            The records refused, with ``error_code`` ``interrupted`` and the reason given.
        """
        ...
