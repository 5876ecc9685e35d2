"""Token authentication with a short per-process memory of token -> user (and roles).

Status polling is the hot path: without this every poll costs a token+user query and a
groups query before the one query that answers it. The cost is that a revoked token, or a
role change, takes effect after at most ``API_TOKEN_CACHE_SECONDS`` (default 30 s).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from rest_framework.authentication import TokenAuthentication

from claims.api.permissions import roles_of


def _cache_key(key: str) -> str:
    # The token itself is a credential; keep only its digest in the cache.
    return "api-token:" + hashlib.sha256(key.encode("utf-8")).hexdigest()


class CachedTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        ttl = int(settings.API_TOKEN_CACHE_SECONDS)
        if ttl <= 0:
            return super().authenticate_credentials(key)
        cache_key = _cache_key(key)
        cached = cache.get(cache_key)
        if cached is not None:
            return cached
        user, token = super().authenticate_credentials(key)
        roles_of(user)  # remembered on the user object, so cached with it
        cache.set(cache_key, (user, token), ttl)
        return user, token


def forget_token(key: str) -> None:
    """Drop a token from the cache (after it is deleted or rotated)."""
    cache.delete(_cache_key(key))
