"""Wikipedia search through the MediaWiki Action API.

Full-text search works best on a handful of distinctive terms, not on a whole sentence, so
the query is built from the claim's key terms: named people, places and organisations
(capitalised phrases), the speaker, years, and the unit of the figure.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from verification.providers.base import (
    DEFAULT_PROVIDER_USER_AGENT,
    ClaimQuery,
    ProviderError,
    ProviderHit,
)
from verification.providers.http import ProviderHTTP

__all__ = ["DEFAULT_WIKIPEDIA_API_URL", "WikipediaSearch", "key_terms"]

DEFAULT_WIKIPEDIA_API_URL = "https://en.wikipedia.org/w/api.php"

# CirrusSearch rejects queries longer than 300 characters.
_MAX_QUERY_CHARS = 300

_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers him his how i if in into is it its
    itself just last like made make many me more most much my new no nor not now of off on
    once only or other our out over own per said same say says she should since so some such
    than that the their them then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would year years you
    your according claim claimed claims told percent"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_CONNECTORS = frozenset({"of", "the", "de", "del", "la", "van", "von", "der", "al", "bin", "and"})
_WORD_RE = re.compile(r"[^\W\d_][\w'\u2019.-]*", re.UNICODE)
_YEAR_RE = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_TAG_RE = re.compile(r"<[^>]+>")
_UNIT_WORDS = {
    "%": "percent",
    "$": "dollars",
    "usd": "dollars",
    "€": "euros",
    "eur": "euros",
    "£": "pounds",
    "gbp": "pounds",
}


def _capitalised_phrases(text: str) -> list[str]:
    """Runs of capitalised words ("Bank of England", "Jane Doe"), minus sentence openers."""
    phrases: list[str] = []
    current: list[str] = []
    pending: list[str] = []
    sentence_start = True
    for match in _WORD_RE.finditer(text):
        word = match.group(0).strip(".'\u2019-")
        before = text[: match.start()].rstrip()
        sentence_start = not before or before[-1] in '.!?:"\u201c'
        if word[:1].isupper() and not (sentence_start and word.lower() in _STOPWORDS):
            current.extend(pending)
            pending = []
            current.append(word)
        elif current and word.lower() in _CONNECTORS and not pending:
            pending.append(word)
        else:
            if current:
                phrases.append(" ".join(current))
            current, pending = [], []
    if current:
        phrases.append(" ".join(current))
    return phrases


def key_terms(query: ClaimQuery, *, max_terms: int = 8) -> str:
    """The search string for a claim: names, places, speaker, years and the unit."""
    terms: list[str] = []

    def add(term: str) -> None:
        term = " ".join(term.split())
        if term and term.lower() not in {t.lower() for t in terms} and len(terms) < max_terms:
            terms.append(term)

    if query.speaker:
        add(query.speaker)
    for phrase in _capitalised_phrases(query.text):
        add(phrase)
    for year in _YEAR_RE.findall(query.text):
        add(year)
    if query.unit:
        unit = query.unit.strip()
        add(_UNIT_WORDS.get(unit.lower(), unit if any(c.isalpha() for c in unit) else ""))
    if len(terms) < 3:
        for match in _WORD_RE.finditer(query.text):
            word = match.group(0).strip(".'\u2019-")
            if len(word) > 3 and word.lower() not in _STOPWORDS:
                add(word.lower())
    return " ".join(terms)[:_MAX_QUERY_CHARS].strip()


def _clean_snippet(snippet: str) -> str:
    return " ".join(html.unescape(_TAG_RE.sub("", snippet)).split())


class WikipediaSearch:
    """Search one wiki; article URLs are built on the API's own host."""

    name = "wikipedia"

    def __init__(
        self,
        api_url: str = DEFAULT_WIKIPEDIA_API_URL,
        *,
        client: httpx.Client | None = None,
        user_agent: str = DEFAULT_PROVIDER_USER_AGENT,
        timeout: float = 10.0,
        limit: int = 3,
        min_interval: float = 1.0,
    ) -> None:
        parts = urlsplit(api_url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ValueError(f"Wikipedia API URL must be an http(s) URL, got {api_url!r}")
        self.api_url = api_url
        self.limit = max(1, min(int(limit), 50))
        self._article_base = f"{parts.scheme}://{parts.netloc}/wiki/"
        self._http = ProviderHTTP(
            self.name,
            client=client,
            user_agent=user_agent,
            timeout=timeout,
            min_interval=min_interval,
        )

    def close(self) -> None:
        self._http.close()

    def article_url(self, title: str) -> str:
        """``/wiki/Title_with_underscores`` on the API's host, percent-encoded as MediaWiki does."""
        return self._article_base + quote(title.replace(" ", "_"), safe="/:()',!*@$;-._~")

    def search(self, query: ClaimQuery) -> list[ProviderHit]:
        terms = key_terms(query)
        if not terms:
            return []
        data = self._http.get_json(
            self.api_url,
            {
                "action": "query",
                "list": "search",
                "srsearch": terms,
                "format": "json",
                "formatversion": 2,
                "srlimit": self.limit,
                "srprop": "snippet",
                "utf8": 1,
            },
        )
        return self._parse(data)

    def _parse(self, data: Any) -> list[ProviderHit]:
        if not isinstance(data, dict):
            raise ProviderError(f"wikipedia: expected a JSON object, got {type(data).__name__}")
        error = data.get("error")
        if error is not None:
            if isinstance(error, dict):
                code, info = error.get("code", "unknown"), error.get("info", "")
                raise ProviderError(f"wikipedia: API error {code}: {info}".rstrip(": "))
            raise ProviderError(f"wikipedia: API error {error!r}")
        query = data.get("query")
        results = query.get("search") if isinstance(query, dict) else None
        if not isinstance(results, list):
            raise ProviderError("wikipedia: response has no query.search list")
        hits: list[ProviderHit] = []
        for item in results[: self.limit]:
            if not isinstance(item, dict) or not isinstance(item.get("title"), str):
                raise ProviderError("wikipedia: search result without a title")
            title = item["title"]
            snippet = item.get("snippet")
            hits.append(
                ProviderHit(
                    provider=self.name,
                    url=self.article_url(title),
                    title=title,
                    snippet=_clean_snippet(snippet) if isinstance(snippet, str) else "",
                    publisher="Wikipedia",
                )
            )
        return hits
