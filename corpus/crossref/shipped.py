"""A table that ships with the package, read on first use, whose problems are said once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar


class HasProblems(Protocol):
    problems: tuple[str, ...]


T = TypeVar("T", bound=HasProblems)


class Shipped(Generic[T]):
    """`get()` loads with `load` the first time (thread-safe); `problems_once()` hands out
    what the loaded table says is wrong with it the first time only."""

    def __init__(self, load: Callable[[], T], on_use: Callable[[], None] = lambda: None) -> None:
        self._load = load
        self._on_use = on_use
        self._loaded: T | None = None
        self._lock = threading.Lock()
        self._told = False

    def get(self) -> T:
        if self._loaded is None:
            with self._lock:
                if self._loaded is None:
                    self._loaded = self._load()
        return self._loaded

    def use(self, loaded: T) -> None:
        """Use another table from now on (tests; a damaged table on purpose)."""
        with self._lock:
            self._loaded, self._told = loaded, False
        self._on_use()

    def problems_once(self) -> tuple[str, ...]:
        """What is wrong with the table, the first time it is asked; () after that and when nothing is."""
        found = self.get().problems
        with self._lock:
            if self._told:
                return ()
            self._told = True
        return found
