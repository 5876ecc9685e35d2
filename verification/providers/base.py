"""The one small interface every evidence provider implements.

Tasks only see :class:`ClaimQuery` going in and :class:`ProviderHit` coming out, plus two
exceptions: :class:`ProviderError` for anything that went wrong (with a message fit for
the desk) and :class:`ProviderRateLimited` when the service asked us to slow down, so a
task can retry after ``retry_after`` seconds instead of hammering it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol, runtime_checkable

__all__ = [
    "DEFAULT_PROVIDER_USER_AGENT",
    "ClaimQuery",
    "ProviderError",
    "ProviderHit",
    "ProviderRateLimited",
    "SourceProvider",
]

DEFAULT_PROVIDER_USER_AGENT = "Claimdesk/0.1 (+claim verification; contact via settings)"


@dataclass(frozen=True)
class ClaimQuery:
    """What a provider needs to know about a claim to look for evidence."""

    text: str
    kind: str
    value: Decimal | None = None
    unit: str | None = None
    speaker: str | None = None
    quote: str | None = None
    language: str = "en"


@dataclass(frozen=True)
class ProviderHit:
    """A candidate source. ``rating`` is the textual rating of an earlier fact-check."""

    provider: str
    url: str
    title: str = ""
    snippet: str = ""
    publisher: str = ""
    rating: str = ""


class ProviderError(Exception):
    """A provider call failed: HTTP error, network failure, or a body of the wrong shape.

    ``transient`` tells a task whether retrying later is worthwhile (timeouts, 5xx, 429).
    """

    def __init__(self, message: str, *, transient: bool = False, status: int | None = None) -> None:
        super().__init__(message)
        self.transient = transient
        self.status = status


class ProviderRateLimited(ProviderError):
    """HTTP 429. ``retry_after`` is the server's Retry-After in seconds, when it sent one."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message, transient=True, status=429)
        self.retry_after = retry_after


@runtime_checkable
class SourceProvider(Protocol):
    """Anything that turns a claim into candidate sources."""

    name: str

    def search(self, query: ClaimQuery) -> list[ProviderHit]: ...
