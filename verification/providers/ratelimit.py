"""A polite minimum interval between calls to one external service.

Wikipedia and the Wayback Machine ask clients to keep a modest request rate; a Celery
worker with several threads must share one schedule per provider, so the limiter hands out
time slots under a lock and each caller sleeps until its slot outside the lock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

__all__ = ["MinIntervalLimiter"]


class MinIntervalLimiter:
    """Space calls at least ``interval`` seconds apart, across threads."""

    def __init__(
        self,
        interval: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = max(0.0, float(interval))
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_slot: float | None = None

    def wait(self) -> float:
        """Block until this caller may proceed; return how long it waited."""
        if self.interval == 0:
            return 0.0
        with self._lock:
            now = self._clock()
            slot = now if self._next_slot is None else max(now, self._next_slot)
            self._next_slot = slot + self.interval
        delay = slot - now
        if delay > 0:
            self._sleep(delay)
        return delay
