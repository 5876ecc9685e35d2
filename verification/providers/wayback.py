"""Archiving sources in the Internet Archive's Wayback Machine.

A source that changes or disappears after a verdict is published undermines the verdict,
so accepted sources are archived. ``snapshot`` asks the availability API for the closest
existing capture; ``archive`` asks Save Page Now for a fresh one and, when the service does
not say where the capture went, falls back to the closest existing capture.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from verification.providers.base import (
    DEFAULT_PROVIDER_USER_AGENT,
    ProviderError,
    ProviderRateLimited,
)
from verification.providers.http import ProviderHTTP

__all__ = ["DEFAULT_AVAILABILITY_URL", "DEFAULT_SAVE_URL", "WaybackArchiver"]

DEFAULT_AVAILABILITY_URL = "https://archive.org/wayback/available"
DEFAULT_SAVE_URL = "https://web.archive.org/save/"

_CAPTURE_PATH_RE = re.compile(r"/web/\d{8,14}[a-z_]*/")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_MAX_SAVE_HOPS = 3


class WaybackArchiver:
    """Look up and create Wayback Machine captures."""

    name = "wayback"

    def __init__(
        self,
        availability_url: str = DEFAULT_AVAILABILITY_URL,
        save_url: str = DEFAULT_SAVE_URL,
        *,
        client: httpx.Client | None = None,
        user_agent: str = DEFAULT_PROVIDER_USER_AGENT,
        timeout: float = 30.0,
        min_interval: float = 1.0,
    ) -> None:
        self.availability_url = availability_url
        self.save_url = save_url
        self._http = ProviderHTTP(
            self.name,
            client=client,
            user_agent=user_agent,
            timeout=timeout,
            min_interval=min_interval,
        )

    def close(self) -> None:
        self._http.close()

    def snapshot(self, url: str) -> str | None:
        """URL of the closest existing capture of ``url``, or None when there is none."""
        data = self._http.get_json(self.availability_url, {"url": url})
        return self._closest(data)

    def _closest(self, data: Any) -> str | None:
        if not isinstance(data, dict):
            raise ProviderError(f"wayback: expected a JSON object, got {type(data).__name__}")
        snapshots = data.get("archived_snapshots", {})
        if not isinstance(snapshots, dict):
            raise ProviderError("wayback: 'archived_snapshots' is not an object")
        closest = snapshots.get("closest")
        if closest is None:
            return None
        if not isinstance(closest, dict):
            raise ProviderError("wayback: 'closest' is not an object")
        available = closest.get("available")
        status = str(closest.get("status", "200"))
        capture = closest.get("url")
        if (
            available in (True, "true")
            and status.startswith("2")
            and isinstance(capture, str)
            and capture
        ):
            return capture
        return None

    def archive(self, url: str) -> str | None:
        """Ask Save Page Now to capture ``url``; return the capture's URL.

        The capture's location is read from ``Content-Location``, then from a redirect's
        ``Location``, then from a final ``/web/<timestamp>/`` URL. Without any of those, or
        when Save Page Now fails (other than rate limiting), the closest existing capture
        is returned instead; the Save Page Now error is raised only if there is none.
        """
        try:
            location = self._save(url)
        except ProviderRateLimited:
            raise
        except ProviderError as exc:
            fallback = self.snapshot(url)
            if fallback is None:
                raise exc from None
            return fallback
        return location or self.snapshot(url)

    def _save(self, url: str) -> str | None:
        target = f"{self.save_url}{url}"
        for _ in range(_MAX_SAVE_HOPS):
            response = self._http.get(target, ok_statuses=_REDIRECTS)
            here = str(response.url)
            content_location = response.headers.get("content-location")
            if content_location and _CAPTURE_PATH_RE.search(content_location):
                return urljoin(here, content_location)
            location = response.headers.get("location")
            if response.status_code in _REDIRECTS and location:
                absolute = urljoin(here, location)
                if _CAPTURE_PATH_RE.search(urlsplit(absolute).path + "/"):
                    return absolute
                target = absolute
                continue
            if _CAPTURE_PATH_RE.search(urlsplit(here).path):
                return here
            return None
        return None
