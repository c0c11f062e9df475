"""Indicators: figures by any grouping, verified kept apart from reported, every figure drills down to incidents."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from hrdmap.domain.monitoring.incidents import Act, FuzzyDate, Incident, Location, Perpetrator, Victim
from hrdmap.domain.monitoring.vocabulary import (
    DatePrecision,
    PerpetratorType,
    Sensitivity,
    Sex,
    VerificationStatus,
)
from hrdmap.monitoring.facts import fact_rows
from hrdmap.monitoring.importer import MappedRow, import_rows
from hrdmap.monitoring.indicators import IndicatorError, IndicatorQuery, IndicatorTable
from hrdmap.monitoring.mapping import builtin_mappings, load_mapping


def _incident(
    id_: int,
    act: str,
    day: str,
    country: str = "COL",
    status: VerificationStatus = VerificationStatus.REPORTED,
    sensitivity: Sensitivity = Sensitivity.PUBLIC,
    victims: tuple[Victim, ...] = (Victim("Fictional", sex=Sex.FEMALE, roles=("defenders", "women")),),
) -> Incident:
    date = dt.date.fromisoformat(day)
    return Incident(
        f"Fictional incident {id_}",
        FuzzyDate(date, date, DatePrecision.DAY, day),
        Location(country),
        (Act(act, victims=tuple(range(len(victims))), perpetrators=(0,)),),
        victims=victims,
        perpetrators=(Perpetrator(PerpetratorType.STATE_AGENT),),
        status=status,
        sensitivity=sensitivity,
        id=id_,
    )


@pytest.fixture
def table() -> IndicatorTable:
    incidents = [
        _incident(1, "killing", "2019-03-04", status=VerificationStatus.VERIFIED),
        _incident(2, "killing", "2019-05-01"),
        _incident(3, "threats", "2019-05-02"),
        _incident(4, "killing", "2020-01-10", country="KEN", sensitivity=Sensitivity.CONFIDENTIAL),
        _incident(5, "killing", "2020-02-10", country="KEN", status=VerificationStatus.PROPOSED),
        _incident(6, "killing", "2020-02-11", country="MEX", status=VerificationStatus.REFUTED),
        _incident(7, "killing", "2020-03-01", country="MEX", victims=(Victim("A", sex=Sex.MALE), Victim("B"))),
    ]
    return IndicatorTable(fact_rows(incidents))


def test_killings_by_year_and_country_count_victims_and_incidents(table: IndicatorTable) -> None:
    cells = table.count(IndicatorQuery(acts=("killing",), by=("year", "country")))
    assert [(c.key, c.victims, c.incidents) for c in cells] == [(("2019", "COL"), 2, 2), (("2020", "MEX"), 2, 1)]


def test_verified_is_kept_apart_from_reported(table: IndicatorTable) -> None:
    verified = table.count(IndicatorQuery(acts=("killing",), statuses=("verified",)))
    reported = table.count(IndicatorQuery(acts=("killing",), statuses=("reported",)))
    assert (verified[0].victims, reported[0].victims) == (1, 3)


def test_confidential_records_count_only_for_readers_cleared(table: IndicatorTable) -> None:
    public = table.count(IndicatorQuery(acts=("killing",), by=("country",)))
    cleared = table.count(IndicatorQuery(acts=("killing",), by=("country",), clearance=Sensitivity.CONFIDENTIAL))
    assert "KEN" not in {c.key[0] for c in public} and "KEN" in {c.key[0] for c in cleared}


def test_roles_and_regions_and_dates(table: IndicatorTable) -> None:
    by_role = {c.key: c.victims for c in table.count(IndicatorQuery(by=("role",)))}
    assert by_role[("defenders",)] == 3 and by_role[("women",)] == 3
    by_region = {c.key: c.victims for c in table.count(IndicatorQuery(acts=("killing",), by=("region",)))}
    assert by_region == {("Americas",): 4}
    early = table.count(IndicatorQuery(date_to=dt.date(2019, 12, 31)))
    assert early[0].incidents == 3


def test_every_figure_drills_down_to_its_incidents(table: IndicatorTable) -> None:
    query = IndicatorQuery(acts=("killing",), by=("year", "country"))
    assert table.drill(query, ("2019", "COL")) == [1, 2]
    assert table.drill(query, ("2020", "MEX")) == [7]


def test_an_unknown_grouping_is_refused(table: IndicatorTable) -> None:
    with pytest.raises(IndicatorError, match="cannot group by 'colour'"):
        table.count(IndicatorQuery(by=("colour",)))


@pytest.mark.shared_data
def test_cpj_killings_by_year_and_sex_equal_the_list(shared_data: Path) -> None:
    path = shared_data / "cpj-journalists-killed" / "cpj_killed_1992-2022.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    mapping = load_mapping(builtin_mappings()["cpj-journalists-killed"])
    incidents = [
        dataclasses.replace(r.incident, id=i)
        for i, r in enumerate((r for r in import_rows(path, mapping) if isinstance(r, MappedRow)), start=1)
    ]
    table = IndicatorTable(fact_rows(incidents))
    by_year = {c.key[0]: c.victims for c in table.count(IndicatorQuery(acts=("killing",), by=("year",)))}
    assert by_year == {str(y): n for y, n in Counter(i.date.year for i in incidents).items()}
    by_sex = {c.key[0]: c.victims for c in table.count(IndicatorQuery(acts=("killing",), by=("sex",)))}
    assert by_sex == {s.value: n for s, n in Counter(i.victims[0].sex for i in incidents).items()}
    assert table.count(IndicatorQuery(acts=("killing",), statuses=("verified",))) == []
