"""Jobs for the sandbox tests: module-level functions, so that the worker can import them by name."""

from __future__ import annotations

import os
import signal
import socket
import time
from pathlib import Path

from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import CorruptFile


def length(data: bytes, limits: Limits) -> int:
    return len(data)


def refuse(data: bytes, limits: Limits) -> int:
    raise CorruptFile(f"corrupt test file: {data.decode()}")


def fail_unexpectedly(data: bytes, limits: Limits) -> int:
    return {}["missing"]  # type: ignore[no-any-return]


def crash(data: bytes, limits: Limits) -> int:
    os.kill(os.getpid(), signal.SIGSEGV)
    return 0


def spin(data: bytes, limits: Limits) -> int:
    while True:
        pass


def sleep(data: bytes, limits: Limits) -> int:
    time.sleep(3600)
    return 0


def allocate(data: bytes, limits: Limits) -> int:
    return len(bytearray(limits.worker_memory_bytes * 2))


def connect(data: bytes, limits: Limits) -> int:
    socket.create_connection(("192.0.2.1", 80), timeout=1)  # TEST-NET-1: never routed
    return 0


def interfaces(data: bytes, limits: Limits) -> list[str]:
    lines = Path("/proc/net/dev").read_text().splitlines()[2:]
    return sorted(line.split(":")[0].strip() for line in lines)


def open_files(data: bytes, limits: Limits) -> int:
    handles = []
    try:
        while True:
            handles.append(open(os.devnull, "rb"))  # noqa: SIM115
    except OSError:
        return len(handles)
    finally:
        for handle in handles:
            handle.close()
