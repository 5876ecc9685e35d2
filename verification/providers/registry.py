"""The providers this deployment has switched on, built from settings.

A provider is on when its setting is (DESIGN §6): an empty ``WIKIPEDIA_API_URL`` turns
Wikipedia search off, no ``FACTCHECK_API_KEY`` turns fact-check search off, and
``ARCHIVE_EVIDENCE`` (off by default: archiving writes to a third party) turns the Wayback
archiver on. Instances are cached per process so each keeps its own rate limiter across
checks; the cache key is the settings themselves, so a test that overrides them gets
fresh instances.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings

from verification.providers.base import SourceProvider
from verification.providers.factcheck_tools import FactCheckToolsSearch
from verification.providers.wayback import WaybackArchiver
from verification.providers.wikipedia import WikipediaSearch

__all__ = ["archiver", "provider_names", "search_providers"]


def search_providers() -> list[SourceProvider]:
    """The search providers switched on by settings, in the order they are asked."""
    return list(
        _search_providers(
            settings.WIKIPEDIA_API_URL,
            settings.FACTCHECK_API_KEY,
            settings.FACTCHECK_API_URL,
            settings.FETCH_USER_AGENT,
        )
    )


def provider_names() -> list[str]:
    """Names recorded on a CheckRun: which providers the check will ask."""
    names = [provider.name for provider in search_providers()]
    if archiver() is not None:
        names.append(WaybackArchiver.name)
    return names


def archiver() -> WaybackArchiver | None:
    """The Wayback archiver when ``ARCHIVE_EVIDENCE`` is on, else None."""
    if not settings.ARCHIVE_EVIDENCE or not settings.WAYBACK_API_URL:
        return None
    return _archiver(settings.WAYBACK_API_URL, settings.WAYBACK_SAVE_URL, settings.FETCH_USER_AGENT)


@lru_cache(maxsize=8)
def _search_providers(
    wikipedia_url: str, factcheck_key: str, factcheck_url: str, user_agent: str
) -> tuple[SourceProvider, ...]:
    providers: list[SourceProvider] = []
    if wikipedia_url:
        providers.append(WikipediaSearch(wikipedia_url, user_agent=user_agent))
    if factcheck_key and factcheck_url:
        providers.append(FactCheckToolsSearch(factcheck_key, factcheck_url, user_agent=user_agent))
    return tuple(providers)


@lru_cache(maxsize=4)
def _archiver(availability_url: str, save_url: str, user_agent: str) -> WaybackArchiver:
    return WaybackArchiver(availability_url, save_url or availability_url, user_agent=user_agent)
