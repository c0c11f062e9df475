"""Cases: a person or group followed across incidents and years (a special procedure's or an NHRI's file)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hrdmap.domain.monitoring.vocabulary import CaseStatus, Sensitivity


@dataclass(frozen=True, slots=True)
class CaseStatusChange:
    """One change of a case's status: who, when, why."""

    status: CaseStatus
    at: dt.datetime
    by: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Case:
    """A person or group whose situation is followed over time.

    Attributes:
        title: What the case is called ("Case of the X land defenders").
        subject: The person or group followed (personal data).
        incidents: Store ids of the incidents that belong to it, oldest first.
        status: Current status.
        history: Status changes, oldest first.
        sensitivity: Who may see the case.
        id: Store id.
    """

    title: str
    subject: str
    incidents: tuple[int, ...] = ()
    status: CaseStatus = CaseStatus.OPEN
    history: tuple[CaseStatusChange, ...] = ()
    sensitivity: Sensitivity = Sensitivity.RESTRICTED
    id: int | None = None
