"""The executor setting: ``local`` by default and without any engine imported; addresses checked."""

from __future__ import annotations

import subprocess
import sys

import pytest

from hrdmap.config import Settings, SettingsError
from hrdmap.engine import LOCAL, ExecutorError, check_executor, open_executor


def test_local_is_the_default_and_the_commands_import_no_engine() -> None:
    assert Settings.from_env({}).executor == LOCAL
    code = (
        "import sys, hrdmap.cli.corpus, hrdmap.cli.tag, hrdmap.services.ingest, hrdmap.services.tagging; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('distributed', 'dask', 'ray')))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300)
    assert found.stdout.strip() == "[]"


def test_a_dask_scheduler_address_is_taken_from_the_environment() -> None:
    settings = Settings.from_env({"HRDMAP_EXECUTOR": " tcp://scheduler.example.org:8786 "})
    assert settings.executor == "tcp://scheduler.example.org:8786"


@pytest.mark.parametrize("value", ["ray://head:10001", "http://scheduler:8786", "tcp://", "scheduler:8786"])
def test_an_address_that_is_no_dask_scheduler_is_refused_with_a_reason(value: str) -> None:
    with pytest.raises(SettingsError, match="HRDMAP_EXECUTOR") as caught:
        Settings.from_env({"HRDMAP_EXECUTOR": value})
    assert ("Dask" in caught.value.message) and (value.startswith("ray") == ("Ray" in caught.value.message))


def test_local_has_no_engine_to_open() -> None:
    assert check_executor("local") == LOCAL
    with pytest.raises(ExecutorError, match="this process"):
        open_executor("local")
