"""Every storage contract test runs against every store adapter, through the parametrised ``store`` fixture.

The contract tests are the tests of this folder (``tests/storage/test_*.py``) except the registry's and this
module; ``tests/storage/sqlite/`` holds what only SQLite promises.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections import defaultdict
from pathlib import Path

import pytest

import hrdmap.storage
from hrdmap.storage import migrations
from hrdmap.storage.registry import store_schemes

from .conftest import STORE_URLS

HERE = Path(__file__).resolve().parent


def _protocol_modules() -> list[str]:
    """Modules of hrdmap.storage that define a repository protocol (``Store`` itself is used by every test)."""
    found = []
    for info in pkgutil.iter_modules(hrdmap.storage.__path__):
        module = importlib.import_module(f"hrdmap.storage.{info.name}")
        defined = [v for v in vars(module).values() if isinstance(v, type) and v.__module__ == module.__name__]
        if info.name != "repository" and any(getattr(v, "_is_protocol", False) for v in defined):
            found.append(info.name)
    return found
NOT_CONTRACT = {"test_contract.py", "test_registry.py"}


def _is_contract(item: pytest.Item) -> bool:
    path = Path(str(item.path)).resolve()
    return path.parent == HERE and path.name.startswith("test_") and path.name not in NOT_CONTRACT


def test_every_registered_store_adapter_has_a_store_for_the_contract_tests() -> None:
    missing = set(store_schemes()) - set(STORE_URLS)
    assert not missing, f"add a URL factory to tests/storage/conftest.py STORE_URLS for {sorted(missing)}"


def test_every_contract_test_runs_against_every_adapter(request: pytest.FixtureRequest) -> None:
    contract = [item for item in request.session.items if _is_contract(item)]
    if not contract:
        pytest.skip("no contract test was collected with this one: run tests/storage to check them")
    adapters: dict[str, set[str]] = defaultdict(set)
    for item in contract:
        assert "store" in item.fixturenames, f"{item.nodeid} does not use the store fixture: move it to sqlite/"
        assert isinstance(item, pytest.Function)
        adapters[f"{item.path.name}::{item.originalname}"].add(item.callspec.params["store_url"])
    assert {test: scheme for test, scheme in adapters.items() if scheme != set(STORE_URLS)} == {}
    modules = {test.partition("::")[0] for test in adapters}
    protocols = _protocol_modules()
    assert {"documents", "tags"} <= set(protocols)
    for protocol in protocols:
        assert any(name.startswith(f"test_{protocol}") for name in modules), f"no contract tests for {protocol}"


def test_every_migration_has_its_twin_for_every_database() -> None:
    """A migration added for SQLite needs its PostgreSQL twin with the same name, and the other way round."""
    lists = {scheme: migrations.names(package) for scheme, package in migrations.PACKAGES.items()}
    assert set(lists) >= set(store_schemes()), "every registered adapter lists its migrations in storage.migrations"
    every = sorted(set().union(*lists.values()))
    missing = {scheme: sorted(set(every) - set(names)) for scheme, names in lists.items() if set(every) - set(names)}
    assert missing == {}, f"write the missing twins (docs/storage.md, 'Migrations'): {missing}"
