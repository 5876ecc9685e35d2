"""Rate limits read from settings on each request (``API_THROTTLE_ANON`` / ``_USER``).

DRF's stock classes copy the rates at import time; reading them per request lets an
operator's settings and the tests' ``override_settings`` take effect.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonThrottle(AnonRateThrottle):
    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_ANON or None


class UserThrottle(UserRateThrottle):
    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_USER or None
