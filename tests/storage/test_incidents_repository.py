"""The incident repository keeps every part of an incident, never deletes, and merges reversibly."""

from __future__ import annotations

import datetime as dt

from hrdmap.domain.monitoring.cases import Case, CaseStatusChange
from hrdmap.domain.monitoring.incidents import (
    Act,
    FuzzyDate,
    Incident,
    Intervention,
    Location,
    Perpetrator,
    Source,
    StateReply,
    StatusChange,
    Victim,
)
from hrdmap.domain.monitoring.vocabulary import (
    CaseStatus,
    DatePrecision,
    InterventionKind,
    PerpetratorType,
    Reliability,
    Sensitivity,
    Sex,
    SourceKind,
    VerificationStatus,
)
from hrdmap.storage.incidents import Acknowledgement, IncidentFilter
from hrdmap.storage.repository import Store

AT = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def _incident(name: str = "Fictional Defender", ext: str = "test:1", day: str = "2019-03-04") -> Incident:
    date = dt.date.fromisoformat(day)
    return Incident(
        title=f"Killing of {name} (fictional)",
        date=FuzzyDate(date, date, DatePrecision.DAY, day),
        location=Location("COL", "Cauca", "Popayán"),
        acts=(Act("killing", victims=(0,), perpetrators=(0,), motive="land", motive_confirmed=True),),
        victims=(
            Victim(name, sex=Sex.FEMALE, age=44, roles=("land-environment",), sensitivity=Sensitivity.RESTRICTED),
        ),
        perpetrators=(Perpetrator(PerpetratorType.PRIVATE_SECURITY),),
        sources=(Source(SourceKind.ORGANISATION, "report 12", "A fictional NGO", Reliability.HIGH),),
        interventions=(Intervention(InterventionKind.COMMUNICATION, dt.date(2019, 4, 1), "SR-HRD", "UA COL 4/2019"),),
        external_ids=(ext,),
        attributes={"impunity": "complete"},
    )


def test_an_incident_reads_back_whole(store: Store) -> None:
    with store.transaction():
        incident_id = store.incidents.add(_incident(), at=AT)
    found = store.incidents.get(incident_id)
    assert found is not None
    original = _incident()
    assert (found.title, found.date, found.location, found.acts, found.victims, found.perpetrators) == (
        original.title, original.date, original.location, original.acts, original.victims, original.perpetrators,
    )  # fmt: skip
    assert found.sources == original.sources and found.attributes == {"impunity": "complete"}
    assert found.interventions[0].symbol == "UA COL 4/2019" and found.interventions[0].id is not None
    assert store.incidents.by_external_id("test:1") == incident_id


def test_status_history_is_append_only(store: Store) -> None:
    with store.transaction():
        incident_id = store.incidents.add(_incident(), at=AT)
        store.incidents.add_status(
            incident_id, StatusChange(VerificationStatus.UNDER_VERIFICATION, AT, "ana", "assigned")
        )
    found = store.incidents.get(incident_id)
    assert found is not None and found.status is VerificationStatus.UNDER_VERIFICATION
    assert [c.by for c in found.history] == ["ana"]


def test_merge_keeps_both_and_unmerge_restores(store: Store) -> None:
    with store.transaction():
        first = store.incidents.add(_incident("A", "test:1"), at=AT)
        second = store.incidents.add(_incident("A.", "test:2"), at=AT)
        store.incidents.add_source(
            second, Source(SourceKind.URL, "https://news.example.org/a", "news.example.org"), at=AT
        )
        store.incidents.merge(first, second, at=AT, actor="ana", reason="same killing")
    assert store.incidents.counted_ids() == [first]
    survivor = store.incidents.get(first)
    assert survivor is not None and {s.reference for s in survivor.sources} >= {
        "https://news.example.org/a",
        "report 12",
    }
    assert store.incidents.merged_into(second) == first
    with store.transaction():
        assert store.incidents.unmerge(second, at=AT, actor="ana")
    assert store.incidents.counted_ids() == [first, second]
    assert store.incidents.merges(second)[0].undone_at is not None


def test_filters_replies_cases_and_acknowledgements(store: Store) -> None:
    with store.transaction():
        a = store.incidents.add(_incident("A", "t:1", "2019-03-04"), at=AT)
        b = store.incidents.add(_incident("B", "t:2", "2020-05-01"), at=AT)
        case_id = store.incidents.add_case(Case("Case of A (fictional)", "A", (a,)), at=AT)
        store.incidents.add_case_incident(case_id, b)
        store.incidents.add_case_status(case_id, CaseStatusChange(CaseStatus.FOLLOW_UP, AT, "ana", "reply awaited"))
        intervention = store.incidents.get(a)
        assert intervention is not None and intervention.interventions[0].id is not None
        assert store.incidents.set_reply(intervention.interventions[0].id, StateReply(dt.date(2019, 6, 1), "denied"))
        store.incidents.acknowledge(Acknowledgement("COL", "2019-03", AT, "ana", "seen", None))
    assert store.incidents.ids(IncidentFilter(date_from=dt.date(2020, 1, 1))) == [b]
    case = store.incidents.get_case(case_id)
    assert case is not None and case.incidents == (a, b) and case.status is CaseStatus.FOLLOW_UP
    replied = store.incidents.get(a)
    assert replied is not None and replied.interventions[0].reply == StateReply(dt.date(2019, 6, 1), "denied")
    assert store.incidents.acknowledgements()[("COL", "2019-03")].note == "seen"


def test_countable_streams_what_counting_needs_and_skips_merged(store: Store) -> None:
    with store.transaction():
        first = store.incidents.add(_incident("A", "c:1"), at=AT)
        second = store.incidents.add(_incident("B", "c:2", "2020-01-02"), at=AT)
        third = store.incidents.add(_incident("C", "c:3"), at=AT)
        store.incidents.merge(first, third, at=AT, actor="ana", reason="same")
    light = list(store.incidents.countable())
    assert [i.id for i in light] == [first, second]
    full = store.incidents.get(second)
    assert full is not None
    assert (light[1].date.start, light[1].location.country, light[1].act_types) == (
        full.date.start, full.location.country, full.act_types,
    )  # fmt: skip
    assert [(v.sex, v.roles, v.sensitivity) for v in light[1].victims] == [
        (v.sex, v.roles, v.sensitivity) for v in full.victims
    ]
    assert light[1].perpetrators[0].type is full.perpetrators[0].type and light[1].sources == ()


def test_sources_follow_merges_across_chunks_and_list_ids_sort_by_code_point(store: Store) -> None:
    with store.transaction():
        survivor = store.incidents.add(_incident("A", "m:1"), at=AT)
        other = store.incidents.add(_incident("B", "m:2"), at=AT)
        merged = store.incidents.add(_incident("C", "m:3"), at=AT)
        store.incidents.add_source(merged, Source(SourceKind.URL, "https://news.example.org/c"), at=AT)
        for external in ("m:é", "m:B", "m:a"):
            store.incidents.add_external_id(survivor, external)
        store.incidents.merge(survivor, merged, at=AT, actor="ana", reason="same")
    found = {i.id: i for i in store.incidents.iterate([survivor, other, merged], chunk=2)}
    assert [s.reference for s in found[survivor].sources] == ["report 12", "report 12", "https://news.example.org/c"]
    assert [s.reference for s in found[merged].sources] == ["report 12", "https://news.example.org/c"]
    assert [s.reference for s in found[other].sources] == ["report 12"]
    assert found[survivor].external_ids == ("m:1", "m:B", "m:a", "m:é")
