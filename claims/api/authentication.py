"""Token authentication with a short per-process memory of token -> user (and roles).

Status polling is the hot path: without this every poll costs a token+user query and a
groups query before the answer itself. The cost is that a revoked token, or a role change,
takes effect after at most ``API_TOKEN_CACHE_SECONDS`` (default 30 s).

The memory is a plain dict in the process, not Django's cache: the local-memory cache
pickles on every read (~60 µs a poll) and a shared cache would add a network round trip,
which is the cost this exists to avoid. The cached user object is shared by the requests of
one process; nothing on the API path mutates it.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from django.conf import settings
from rest_framework.authentication import TokenAuthentication

from claims.api.permissions import roles_of

#: Bounded so a flood of distinct (valid) tokens cannot grow the process without limit.
_MAX_ENTRIES = 10_000
_memory: dict[str, tuple[float, Any, Any]] = {}


def _memory_key(key: str) -> str:
    # The token itself is a credential; keep only its digest.
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class CachedTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        ttl = int(settings.API_TOKEN_CACHE_SECONDS)
        if ttl <= 0:
            return super().authenticate_credentials(key)
        memory_key = _memory_key(key)
        now = time.monotonic()
        remembered = _memory.get(memory_key)
        if remembered is not None and remembered[0] > now:
            return remembered[1], remembered[2]
        user, token = super().authenticate_credentials(key)
        roles_of(user)  # remembered on the user object, so kept with it
        if len(_memory) >= _MAX_ENTRIES:
            _memory.clear()
        _memory[memory_key] = (now + ttl, user, token)
        return user, token


def forget_token(key: str) -> None:
    """Drop a token from this process's memory (after it is deleted or rotated)."""
    _memory.pop(_memory_key(key), None)


def forget_all_tokens() -> None:
    """Empty this process's memory (tests, and after bulk role changes in a shell)."""
    _memory.clear()
