"""External sources of evidence: Wikipedia search, earlier fact-checks and the Wayback Machine.

Each provider is plain Python configured through its constructor (no Django imports), so
the same code runs in Celery tasks, management commands and tests against a replay server.
"""

from verification.providers.base import (
    DEFAULT_PROVIDER_USER_AGENT,
    ClaimQuery,
    ProviderError,
    ProviderHit,
    ProviderRateLimited,
    SourceProvider,
)
from verification.providers.factcheck_tools import FactCheckToolsSearch
from verification.providers.ratelimit import MinIntervalLimiter
from verification.providers.wayback import WaybackArchiver
from verification.providers.wikipedia import WikipediaSearch

__all__ = [
    "DEFAULT_PROVIDER_USER_AGENT",
    "ClaimQuery",
    "FactCheckToolsSearch",
    "MinIntervalLimiter",
    "ProviderError",
    "ProviderHit",
    "ProviderRateLimited",
    "SourceProvider",
    "WaybackArchiver",
    "WikipediaSearch",
]
