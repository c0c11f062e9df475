"""Errors raised by search back-ends."""

from __future__ import annotations

from hrdmap.domain.errors import InvalidInput, Unavailable


class SearchIndexError(Unavailable):
    """The index cannot be opened or written; ``str(error)`` names the folder and what to do."""


class UnknownBackend(InvalidInput):
    """No search back-end is registered under the name asked for."""
