"""Workspaces for concurrent requests: each request borrows one, so no two threads share a connection."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from hrdmap.config import Settings
from hrdmap.services.workspace import Workspace


class WorkspacePool:
    """Open workspaces over one data folder, lent one request at a time and opened on demand.

    Args:
        settings: The data folder and its settings.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._idle: queue.SimpleQueue[Workspace] = queue.SimpleQueue()
        self._all: list[Workspace] = []
        self._lock = threading.Lock()

    @contextmanager
    def workspace(self) -> Iterator[Workspace]:
        """Borrow a workspace for the block."""
        try:
            found = self._idle.get_nowait()
        except queue.Empty:
            found = Workspace.open(self.settings)
            with self._lock:
                self._all.append(found)
        try:
            yield found
        finally:
            self._idle.put(found)

    def close(self) -> None:
        """Close every workspace (at shutdown)."""
        with self._lock:
            for one in self._all:
                one.close()
            self._all.clear()
