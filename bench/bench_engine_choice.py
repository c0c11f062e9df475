# mypy: disable-error-code="no-untyped-call, unused-ignore"
"""Dask distributed against Ray on this machine: cluster start, memory, cost per task, bytes per task.

Run in an environment that has the engine named (``pip install distributed ray``; Ray is not a dependency of
hrdmap)::

    python bench/bench_engine_choice.py dask
    python bench/bench_engine_choice.py ray

The figures are in docs/scale.md ("Why Dask and not Ray").
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

import psutil

TASKS = 2000
BLOBS = 50


def double(x: int) -> int:
    return x * 2


def size(data: bytes) -> int:
    return len(data)


def children_rss() -> int:
    """Memory of this process's descendants (the cluster), in bytes."""
    total = 0
    for child in psutil.Process().children(recursive=True):
        try:
            total += child.memory_info().rss
        except psutil.Error:
            continue
    return total


def run_dask() -> tuple[float, float, float, int]:
    from distributed import Client, LocalCluster

    started = time.perf_counter()
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)  # type: ignore[no-untyped-call]
    up = time.perf_counter() - started
    started = time.perf_counter()
    client.gather(client.map(double, range(TASKS), pure=False))
    tiny = time.perf_counter() - started
    blobs = [os.urandom(1_000_000) for _ in range(BLOBS)]
    started = time.perf_counter()
    client.gather([client.submit(size, blob, pure=False) for blob in blobs])
    big = time.perf_counter() - started
    memory = children_rss()
    client.close()  # type: ignore[no-untyped-call]
    cluster.close()  # type: ignore[no-untyped-call]
    return up, tiny, big, memory


def run_ray() -> tuple[float, float, float, int]:
    import ray  # type: ignore[import-not-found, unused-ignore]

    started = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    remote_double: Any = ray.remote(double)
    remote_size: Any = ray.remote(size)
    ray.get([remote_double.remote(0), remote_double.remote(1)])
    up = time.perf_counter() - started
    started = time.perf_counter()
    ray.get([remote_double.remote(i) for i in range(TASKS)])
    tiny = time.perf_counter() - started
    blobs = [os.urandom(1_000_000) for _ in range(BLOBS)]
    started = time.perf_counter()
    ray.get([remote_size.remote(blob) for blob in blobs])
    big = time.perf_counter() - started
    memory = children_rss()
    ray.shutdown()
    return up, tiny, big, memory


def main() -> None:
    which = sys.argv[1] if len(sys.argv) > 1 else "dask"
    up, tiny, big, memory = run_ray() if which == "ray" else run_dask()
    print(
        f"{which}: start {up:.1f} s, {TASKS} tiny tasks {tiny:.2f} s ({tiny / TASKS * 1000:.2f} ms/task), "
        f"{BLOBS} x 1 MB {big:.2f} s, cluster RSS {memory / 2**20:.0f} MiB, load {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
