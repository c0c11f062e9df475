"""Use-cases: the only code that changes stored state, and the one that writes the audit trail."""
