"""Rate limits: rates read from settings per request, counters in a shared cache.

* Rates (``API_THROTTLE_ANON`` / ``_USER`` / ``_TOKEN``) are read on each request, so an
  operator's settings and the tests' ``override_settings`` take effect (DRF's stock
  classes copy them at import time).
* Counters live in the ``throttle`` cache: Redis whenever ``REDIS_URL`` is set, so every
  gunicorn worker and every web machine counts against the same limit; a per-process
  memory cache only without Redis (one process, the embedded default).
* The client is the socket address unless ``NUM_PROXIES`` says how many proxies in front
  append to ``X-Forwarded-For``; a header the client wrote itself is never trusted, so
  rotating it does not reset a limit.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

logger = logging.getLogger(__name__)

THROTTLE_CACHE = "throttle"


def client_address(request: Any) -> str:
    """The caller's address: the socket's, or the one the ``NUM_PROXIES``-th proxy saw.

    With ``NUM_PROXIES = n`` the last ``n`` entries of ``X-Forwarded-For`` were written by
    our proxies; the right-most of them names the client that connected to the outermost
    proxy. Entries further left came from the client and are ignored.
    """
    meta = getattr(request, "META", {})
    remote = str(meta.get("REMOTE_ADDR", ""))
    proxies = int(settings.NUM_PROXIES)
    forwarded = meta.get("HTTP_X_FORWARDED_FOR")
    if proxies <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in str(forwarded).split(",") if hop.strip()]
    if not hops:
        return remote
    return hops[-min(proxies, len(hops))]


class _SharedCounters:
    """Fixed-window counters in the throttle cache, incremented atomically.

    DRF's own history list is read, appended and written back, so two processes answering
    at once both see room and both let a request through (34 of a limit of 30 under two
    gunicorn workers). ``add`` + ``incr`` are atomic in Redis: the limit is exact. The
    window is the rate's period (aligned to the clock), so a client may get up to twice the
    rate across a window boundary. A cache outage lets requests through, logged.
    """

    rate: str | None
    num_requests: int
    duration: int

    @property
    def cache(self) -> BaseCache:
        return caches[THROTTLE_CACHE]

    def get_ident(self, request: Any) -> str:
        return client_address(request)

    def allow_request(self, request: Any, view: Any) -> bool:
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)  # type: ignore[attr-defined]
        if key is None:
            return True
        now = time.time()
        window = int(now // self.duration)
        self._wait = self.duration - (now % self.duration)
        counter = f"{key}:{window}"
        try:
            self.cache.add(counter, 0, timeout=self.duration + 5)
            try:
                count = self.cache.incr(counter)
            except ValueError:  # expired between add and incr
                self.cache.add(counter, 1, timeout=self.duration + 5)
                count = 1
        except Exception as exc:  # Redis down: availability over strictness, and say so
            logger.warning("rate limit not applied: the throttle cache failed (%s)", exc)
            return True
        return count <= self.num_requests

    def wait(self) -> float | None:
        return getattr(self, "_wait", None)


class AnonThrottle(_SharedCounters, AnonRateThrottle):  # type: ignore[misc,override]
    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_ANON or None


class UserThrottle(_SharedCounters, UserRateThrottle):  # type: ignore[misc,override]
    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_USER or None


class TokenThrottle(_SharedCounters, SimpleRateThrottle):  # type: ignore[misc,override]
    """``auth/token/``: a stricter limit per client address, whoever is asking.

    Each request there is a password guess, so it gets its own, much lower rate.
    """

    scope = "token"

    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_TOKEN or None

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
