"""Where a call stands: who was asked, who answered, who is late, what came after the deadline."""

from __future__ import annotations

import datetime as dt

from hrdmap.domain.calls import (
    Call,
    CallRequest,
    CallStatus,
    Channel,
    Consent,
    Contribution,
    Stakeholder,
    StakeholderType,
    call_status,
)

DEADLINE = dt.date(2026, 4, 30)
CALL = Call(key="c", title="Call", deadline=DEADLINE)
PEOPLE = {
    key: Stakeholder(key, name, kind)
    for key, name, kind in (
        ("no", "Norway", StakeholderType.MEMBER_STATE),
        ("pt", "Portugal", StakeholderType.MEMBER_STATE),
        ("hs", "Holy See", StakeholderType.OBSERVER_STATE),
        ("ngo", "A Network", StakeholderType.NGO),
        ("undp", "UNDP", StakeholderType.UN_ENTITY),
    )
}
ASKED = dt.date(2026, 3, 2)
REQUESTS = [
    CallRequest("no", ASKED, Channel.NOTE_VERBALE),
    CallRequest("pt", ASKED, Channel.NOTE_VERBALE),
    CallRequest("hs", ASKED, Channel.NOTE_VERBALE),
    CallRequest("hs", dt.date(2026, 4, 20), Channel.EMAIL, reminder=True),
    CallRequest("ngo", ASKED, Channel.EMAIL),
]
CONTRIBUTIONS = [
    Contribution("no", dt.date(2026, 4, 15), Consent.PUBLIC, "/in/no.docx", id=1),
    Contribution("ngo", dt.date(2026, 5, 2), Consent.CONFIDENTIAL, "/in/ngo.md", id=2),
    Contribution("undp", DEADLINE, Consent.PUBLIC, "/in/undp.html", id=3),
]


def status(as_of: dt.date) -> CallStatus:
    return call_status(CALL, PEOPLE, REQUESTS, CONTRIBUTIONS, as_of)


def test_late_are_the_asked_who_sent_nothing_once_the_deadline_has_passed() -> None:
    found = status(dt.date(2026, 6, 1))
    assert [late.stakeholder.name for late in found.late] == ["Holy See", "Portugal"]
    assert [late.reminded for late in found.late] == [True, False]
    assert found.awaiting == ()


def test_on_the_deadline_itself_nobody_is_late_yet() -> None:
    found = status(DEADLINE)
    assert found.late == ()
    assert [s.name for s in found.awaiting] == ["Holy See", "Portugal"]


def test_contributions_after_the_deadline_are_listed_and_the_deadline_day_is_in_time() -> None:
    found = status(dt.date(2026, 6, 1))
    assert [c.id for c in found.after_deadline] == [2]


def test_asked_answered_and_unsolicited() -> None:
    found = status(dt.date(2026, 6, 1))
    assert [s.key for s in found.asked] == ["ngo", "hs", "no", "pt"]
    assert [s.key for s in found.answered] == ["ngo", "no", "undp"]
    assert [s.key for s in found.unsolicited] == ["undp"]
    assert found.answered_by_type == {
        StakeholderType.MEMBER_STATE: 1,
        StakeholderType.NGO: 1,
        StakeholderType.UN_ENTITY: 1,
    }
    assert [c.id for c in found.confidential] == [2]


def test_a_contribution_knows_its_file_name() -> None:
    assert CONTRIBUTIONS[0].file_name == "no.docx"
