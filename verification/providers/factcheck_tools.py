"""Earlier fact-checks from the Google Fact Check Tools API (``claims:search``).

A claim that another desk already rated is the most useful lead a reviewer can get, so
each ClaimReview becomes one hit carrying the publisher and its textual rating.
"""

from __future__ import annotations

from typing import Any

import httpx

from verification.providers.base import (
    DEFAULT_PROVIDER_USER_AGENT,
    ClaimQuery,
    ProviderError,
    ProviderHit,
)
from verification.providers.http import ProviderHTTP

__all__ = ["DEFAULT_FACTCHECK_API_URL", "FactCheckToolsSearch"]

DEFAULT_FACTCHECK_API_URL = "https://factchecktools.googleapis.com/v1alpha1/claims:search"

# Long queries match nothing; the API searches claim text, so a sentence is plenty.
_MAX_QUERY_CHARS = 250


def _shorten(text: str, limit: int = _MAX_QUERY_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut or text[:limit]


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


class FactCheckToolsSearch:
    """Search published fact-checks for a claim's text."""

    name = "factcheck_tools"

    def __init__(
        self,
        api_key: str,
        api_url: str = DEFAULT_FACTCHECK_API_URL,
        *,
        client: httpx.Client | None = None,
        user_agent: str = DEFAULT_PROVIDER_USER_AGENT,
        timeout: float = 10.0,
        page_size: int = 5,
        min_interval: float = 0.2,
    ) -> None:
        self.api_key = api_key
        self.api_url = api_url
        self.page_size = max(1, min(int(page_size), 50))
        self._http = ProviderHTTP(
            self.name,
            client=client,
            user_agent=user_agent,
            timeout=timeout,
            min_interval=min_interval,
        )

    def close(self) -> None:
        self._http.close()

    def search(self, query: ClaimQuery) -> list[ProviderHit]:
        if not self.api_key:
            raise ProviderError("factcheck_tools: no API key is configured")
        text = _shorten(query.quote or query.text)
        if not text:
            return []
        data = self._http.get_json(
            self.api_url,
            {
                "query": text,
                "key": self.api_key,
                "languageCode": query.language or "en",
                "pageSize": self.page_size,
            },
        )
        return self._parse(data)

    def _parse(self, data: Any) -> list[ProviderHit]:
        if not isinstance(data, dict):
            raise ProviderError(
                f"factcheck_tools: expected a JSON object, got {type(data).__name__}"
            )
        claims = data.get("claims", [])
        if not isinstance(claims, list):
            raise ProviderError("factcheck_tools: 'claims' is not a list")
        hits: list[ProviderHit] = []
        seen: set[str] = set()
        for claim in claims:
            if not isinstance(claim, dict):
                raise ProviderError("factcheck_tools: a claim entry is not an object")
            reviews = claim.get("claimReview", [])
            if not isinstance(reviews, list):
                raise ProviderError("factcheck_tools: 'claimReview' is not a list")
            claim_text = _str(claim.get("text"))
            claimant = _str(claim.get("claimant"))
            snippet = f"{claimant}: {claim_text}" if claimant and claim_text else claim_text
            for review in reviews:
                if not isinstance(review, dict):
                    raise ProviderError("factcheck_tools: a claimReview entry is not an object")
                url = _str(review.get("url"))
                if not url or url in seen:
                    continue
                seen.add(url)
                publisher = review.get("publisher")
                publisher = publisher if isinstance(publisher, dict) else {}
                hits.append(
                    ProviderHit(
                        provider=self.name,
                        url=url,
                        title=_str(review.get("title")) or claim_text,
                        snippet=snippet,
                        publisher=_str(publisher.get("name")) or _str(publisher.get("site")),
                        rating=_str(review.get("textualRating")),
                    )
                )
        return hits
