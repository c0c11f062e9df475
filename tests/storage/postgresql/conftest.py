"""Fixtures for what only the PostgreSQL adapter promises: a schema of its own per test, dropped after."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.postgres import fresh_schema_url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a store in a new, empty schema (not yet created: opening the store creates it)."""
    with fresh_schema_url() as url:
        yield url
