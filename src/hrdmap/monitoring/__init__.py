"""Monitoring attacks on defenders: pure logic (docs/monitoring.md).

Mapping files and the importer, dates with their precision, countries, verification rule, duplicates,
indicators, early warning and exports. Functions of their input: no storage, no services, no CLI.
"""
