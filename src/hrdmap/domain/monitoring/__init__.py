"""Incidents against defenders, after the HURIDOCS Events Standard Formats (see docs/monitoring.md).

An :class:`~hrdmap.domain.monitoring.incidents.Incident` is an *event* (what, when, where) made of *acts* (a type
from the attack-types framework, against victims, by perpetrators), with the *sources* that tell of it, the UN's
*interventions* and the State's replies, and the history of its verification. A
:class:`~hrdmap.domain.monitoring.cases.Case` follows a person or group across incidents and years.
"""
