"""A small cache for figures the store can say are unchanged: keyed by the store's generation, never stale.

A key holds the store's :meth:`~hrdmap.storage.repository.Store.generation`, read before the figures are
computed, so a figure cached under a generation was computed from data at least as new as that generation; a
write to what the figures count raises the generation and the next read computes afresh. One thread computes a
missing key while the others asking for it wait (fifty requests after a review make one map, not fifty).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from hrdmap.services.workspace import Workspace

V = TypeVar("V")


class GenerationCache(Generic[V]):
    """The latest ``size`` values, by key, computed once each.

    Args:
        size: How many values are kept (the least recently used goes first).
    """

    def __init__(self, size: int = 16) -> None:
        self._size = size
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        self._making: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value of ``key``, made by ``make`` when it is not kept (once, whoever else asks meanwhile)."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            making = self._making.setdefault(key, threading.Lock())
        with making:
            with self._lock:
                if key in self._values:
                    return self._values[key]
            value = make()
            with self._lock:
                self._values[key] = value
                while len(self._values) > self._size:
                    self._values.popitem(last=False)
                self._making.pop(key, None)
        return value

    def clear(self) -> None:
        """Forget every value."""
        with self._lock:
            self._values.clear()


def store_key(workspace: Workspace) -> tuple[Hashable, ...]:
    """Which store, and which frameworks, a workspace's figures come from, with the store's generation."""
    settings = workspace.settings
    return settings.store_url, settings.frameworks_dirs, workspace.store.generation()
