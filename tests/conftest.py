"""Shared test fixtures.

Real documents live outside the repository in ``../shared/data`` (or ``$HRDMAP_SHARED_DATA``); tests that need
them use the ``shared_data`` fixture and are skipped, saying why, when the folder is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _shared_data_dir() -> Path:
    env = os.environ.get("HRDMAP_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def _own_store_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep a developer's ``HRDMAP_DATABASE_URL`` away from the tests: each test's store is the one it names."""
    monkeypatch.delenv("HRDMAP_DATABASE_URL", raising=False)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of real UN documents and data sets; skips the test when it is absent."""
    path = _shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"real data folder {path} is absent (set HRDMAP_SHARED_DATA to run this test)")
    return path


@pytest.fixture(scope="session")
def examples() -> Path:
    """The bundled fictional example corpus."""
    return EXAMPLES


@pytest.fixture(scope="session")
def example_frameworks() -> Path:
    """The folder of example framework files, not built in (``examples/frameworks/``: the UPR Info themes)."""
    return REPO / "examples" / "frameworks"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """Small hand-made and corrupt files used by tests."""
    return FIXTURES
