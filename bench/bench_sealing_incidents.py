"""Encryption at rest of incidents: the cost of sealing and opening one incident's identities.

Seals and opens ``--incidents`` CPJ-like incidents (a victim with a name and an organisation, one source, four
values kept from the list) with :func:`hrdmap.services.sealing.seal_incident`, against a baseline measured in the
same run: passing over the same incident unsealed (what a read costs without a key file).

Rerun: ``.venv/bin/python bench/bench_sealing_incidents.py [--incidents 20000]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import time

from hrdmap.domain.monitoring.incidents import Act, FuzzyDate, Incident, Location, Source, Victim
from hrdmap.domain.monitoring.vocabulary import DatePrecision, SourceKind
from hrdmap.services.sealing import KeyRing, seal_incident


def main() -> None:
    """Print microseconds per incident for sealing, opening and passing over an unsealed incident."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--incidents", type=int, default=20_000)
    count = parser.parse_args().incidents
    ring = KeyRing({1: secrets.token_bytes(32)}, 1)
    incident = Incident(
        "Killing of a journalist (fictional)",
        FuzzyDate(dt.date(2019, 1, 1), dt.date(2019, 12, 31), DatePrecision.YEAR),
        Location("COL"),
        (Act("killing", (0,)),),
        (Victim("Juan Fictional Pérez García", organisation="El Diario Ficticio"),),
        sources=(Source(SourceKind.ORGANISATION, "cpj:123", "CPJ", evidence="row values " * 10),),
        attributes={"fullName": "Juan Fictional Pérez García", "country": "Colombia", "year": "2019", "org": "x"},
    )
    started = time.perf_counter()
    sealed = [seal_incident(ring, incident) for _ in range(count)]
    seal = time.perf_counter() - started
    started = time.perf_counter()
    opened = [seal_incident(ring, s, seal=False) for s in sealed]
    open_ = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(count):
        seal_incident(ring, incident, seal=False)
    plain = time.perf_counter() - started
    assert opened[0] == incident
    per = 1e6 / count
    print(f"load average {os.getloadavg()[0]:.1f}; {count} incidents")
    print(f"seal {seal * per:.0f} µs/incident; open {open_ * per:.0f} µs/incident; unsealed {plain * per:.1f} µs")
    print(f"open / unsealed: {open_ / plain:.0f}x")


if __name__ == "__main__":
    main()
