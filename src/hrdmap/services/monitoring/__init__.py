"""Monitoring attacks on defenders: the use-cases (docs/monitoring.md).

Every write takes who acts and when (``actor``, ``at``), runs in one transaction and records an audit entry;
every read takes the reader's clearance and answers "not found" for what the reader may not see.
"""
