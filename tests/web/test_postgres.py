"""The web app on PostgreSQL: the seeded data folder's store copied into a fresh schema (``migrate-store``),
the app opened on it, and the same answers as on SQLite for the officer, the reviewer and the analyst."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from hrdmap.config import sqlite_url
from hrdmap.domain.actor import FixedClock
from hrdmap.services.store_copy import migrate_store
from hrdmap.web.app import create_app
from hrdmap.web.settings import WebSettings
from tests.postgres import fresh_schema_url

from . import test_pages
from .conftest import SETUP, settings_for


@pytest.fixture
def pg_app(home: Path, clock: FixedClock) -> Iterator[FastAPI]:
    """The app over this test's data folder, its store moved into PostgreSQL."""
    with fresh_schema_url() as url:
        migrate_store(SETUP, sqlite_url(home / "hrdmap.sqlite3"), url)
        (home / "hrdmap.sqlite3").unlink()
        settings = dataclasses.replace(settings_for(home), database_url=url)
        built = create_app(settings, WebSettings(b"test-secret-key-" * 3, dev=True), clock=clock)
        yield built
        built.state.hrdmap.pool.close()


def test_the_officer_reads_the_confidential_contribution_and_the_read_is_audited(
    pg_app: FastAPI, clock: FixedClock
) -> None:
    test_pages.test_the_officer_reads_the_confidential_contribution_and_the_read_is_audited(pg_app, clock)


def test_a_reviewer_cleared_for_public_data_finds_no_confidential_document(pg_app: FastAPI, clock: FixedClock) -> None:
    test_pages.test_a_reviewer_cleared_for_public_data_finds_no_confidential_document(pg_app, clock)


def test_the_analyst_sees_counts_and_no_paragraph(pg_app: FastAPI, clock: FixedClock) -> None:
    test_pages.test_the_analyst_sees_counts_and_no_paragraph(pg_app, clock)
