"""The Dask engine: keyed tasks, and a scheduler that does not answer."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from hrdmap.engine import EngineUnavailable, open_executor

pytest.importorskip("distributed", reason="needs Dask distributed: pip install 'hrdmap[dask]'")

from hrdmap.engine.loopback import LoopbackCluster  # noqa: E402 - after the skip

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster() -> Iterator[LoopbackCluster]:
    with LoopbackCluster(workers=1) as started:
        yield started


def twice(value: int) -> int:
    return value * 2


def test_a_task_runs_on_a_worker_and_its_key_names_one_result(cluster: LoopbackCluster) -> None:
    with open_executor(cluster.address) as engine:
        assert engine.workers() == 1
        first = engine.submit("twice-21", twice, 21)
        again = engine.submit("twice-21", twice, 21)
        assert first.result() == again.result() == 42
        chained = engine.submit("twice-of-twice", twice, first)
        assert chained.result() == 84


def test_no_scheduler_at_the_address_is_unavailable() -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    with pytest.raises(EngineUnavailable, match="no Dask scheduler answers"):
        open_executor(f"tcp://127.0.0.1:{port}", timeout=3)
