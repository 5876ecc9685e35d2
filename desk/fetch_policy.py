"""The fetch policy as configured in settings (the fetcher itself stays free of Django)."""

from __future__ import annotations

from django.conf import settings

from safefetch.fetch import FetchPolicy


def fetch_policy() -> FetchPolicy:
    """Build the safe fetcher's policy from FETCH_* settings."""
    return FetchPolicy(
        allowed_private_hosts=frozenset(h.lower() for h in settings.FETCH_ALLOWED_PRIVATE_HOSTS),
        allowed_ports=frozenset(int(p) for p in settings.FETCH_ALLOWED_PORTS),
        timeout=float(settings.FETCH_TIMEOUT),
        max_bytes=int(settings.FETCH_MAX_BYTES),
        user_agent=settings.FETCH_USER_AGENT,
    )
