"""HTTP plumbing shared by the providers: one client, one rate limiter, readable errors.

Every failure leaves here as :class:`ProviderError` (or :class:`ProviderRateLimited`),
so provider code only deals with the happy path and with checking the body's shape.
Error messages name the service host and path but never the query string, which for the
Fact Check Tools API carries the key.
"""

from __future__ import annotations

import email.utils
import functools
import json
import ssl
import time
from datetime import UTC, datetime
from typing import Any

import httpx

from verification.providers.base import (
    DEFAULT_PROVIDER_USER_AGENT,
    ProviderError,
    ProviderRateLimited,
)
from verification.providers.ratelimit import MinIntervalLimiter

__all__ = ["ProviderHTTP", "parse_retry_after"]

_TRANSIENT_STATUSES = frozenset({408, 425, 500, 502, 503, 504})


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@functools.lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    """One verified TLS context for all providers: loading the CA bundle is slow."""
    return httpx.create_ssl_context()


def _where(url: httpx.URL) -> str:
    return f"{url.host}{url.path}"


def _error_detail(response: httpx.Response) -> str:
    """The service's own explanation, from a JSON error body when there is one."""
    try:
        body = response.json()
    except (ValueError, UnicodeDecodeError):
        text = " ".join(response.text.split())
        return text[:200]
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict):
            for key in ("message", "info", "status", "code"):
                if isinstance(error.get(key), str) and error[key]:
                    return str(error[key])
        if isinstance(error, str):
            return error
        if isinstance(body.get("message"), str):
            return str(body["message"])
    return ""


class ProviderHTTP:
    """A small wrapper around ``httpx.Client`` that one provider instance owns."""

    def __init__(
        self,
        name: str,
        *,
        client: httpx.Client | None = None,
        user_agent: str = DEFAULT_PROVIDER_USER_AGENT,
        timeout: float = 10.0,
        min_interval: float = 1.0,
    ) -> None:
        self.name = name
        self.user_agent = user_agent
        self.timeout = timeout
        self.limiter = MinIntervalLimiter(min_interval)
        self._owns_client = client is None
        self.client = client or httpx.Client(timeout=timeout, verify=_ssl_context())

    def close(self) -> None:
        if self._owns_client:
            self.client.close()

    def get(
        self,
        url: str,
        params: dict[str, str | int] | None = None,
        *,
        follow_redirects: bool = False,
        ok_statuses: frozenset[int] = frozenset(),
    ) -> httpx.Response:
        """GET with the provider's User-Agent, timeout and pacing; raise on any failure.

        ``ok_statuses`` lists non-2xx statuses the caller handles itself (redirects).
        """
        self.limiter.wait()
        started = time.monotonic()
        try:
            response = self.client.get(
                url,
                params=params,
                headers={"User-Agent": self.user_agent, "Accept": "application/json"},
                timeout=self.timeout,
                follow_redirects=follow_redirects,
            )
        except httpx.TimeoutException:
            where = _where(httpx.URL(url))
            raise ProviderError(
                f"{self.name}: {where} timed out after {time.monotonic() - started:.1f}s",
                transient=True,
            ) from None
        except httpx.HTTPError as exc:
            where = _where(httpx.URL(url))
            raise ProviderError(
                f"{self.name}: could not reach {where}: {exc.__class__.__name__}: {exc}",
                transient=True,
            ) from None
        status = response.status_code
        if status == 429:
            retry_after = parse_retry_after(response.headers.get("retry-after"))
            wait = f"; retry after {retry_after:g}s" if retry_after is not None else ""
            raise ProviderRateLimited(
                f"{self.name}: rate limited by {_where(response.request.url)}{wait}",
                retry_after=retry_after,
            )
        if (status < 200 or status >= 300) and status not in ok_statuses:
            detail = _error_detail(response)
            raise ProviderError(
                f"{self.name}: HTTP {status} from {_where(response.request.url)}"
                + (f": {detail}" if detail else ""),
                transient=status in _TRANSIENT_STATUSES,
                status=status,
            )
        return response

    def get_json(self, url: str, params: dict[str, str | int] | None = None) -> Any:
        """GET and parse JSON, turning a malformed body into a readable ProviderError."""
        response = self.get(url, params)
        try:
            return json.loads(response.content)
        except (ValueError, UnicodeDecodeError) as exc:
            snippet = " ".join(response.text.split())[:80]
            raise ProviderError(
                f"{self.name}: {_where(response.request.url)} returned a body that is not JSON"
                f" ({exc.__class__.__name__}; starts with {snippet!r})"
            ) from None
