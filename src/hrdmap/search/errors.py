"""Errors raised by search back-ends."""

from __future__ import annotations


class SearchIndexError(RuntimeError):
    """The index cannot be opened or written; ``str(error)`` names the folder and what to do."""


class UnknownBackend(ValueError):
    """No search back-end is registered under the name asked for."""
