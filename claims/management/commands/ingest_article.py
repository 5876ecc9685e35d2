"""``ingest_article PATH|URL``: store an article and its claims (idempotent on content)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.documents import Document, DocumentError, normalise_text, read_document
from claims.services import article_ingest


class Command(BaseCommand):
    help = "Ingest an article from a UTF-8 text/HTML file or an http(s) URL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="A file path or an http(s) URL.")
        parser.add_argument("--title", default="")
        parser.add_argument("--url", default=None, help="The article's canonical URL.")
        parser.add_argument("--publisher", default="")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        source: str = options["source"]
        url = options["url"]
        try:
            if source.startswith(("http://", "https://")):
                document = _fetch_document(source)
                url = url or source
            else:
                document = read_document(source, max_bytes=settings.INGEST_FILE_MAX_BYTES)
        except DocumentError as exc:
            raise CommandError(str(exc)) from exc
        try:
            result = article_ingest(
                text=document.text,
                title=options["title"] or document.title,
                url=url,
                publisher=options["publisher"],
                require_claims=True,
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        article = result.article
        counts = result.claims_count
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "id": article.pk,
                        "title": article.title,
                        "created": result.created,
                        "claims_count": counts,
                    }
                )
            )
            return
        verb = "Ingested" if result.created else "Already ingested"
        self.stdout.write(f"{verb} article {article.pk} “{article.title}” with {counts} claims.")


def _fetch_document(url: str) -> Document:
    """Fetch through the SSRF-safe fetcher; failures become a readable message."""
    from desk.fetch_policy import fetch_policy
    from safefetch.fetch import fetch_url

    result = fetch_url(url, policy=fetch_policy())
    if result.fetch_status != "ok":
        raise DocumentError(f"{url}: {result.fetch_status}: {result.error}")
    # The fetcher already extracted the main text; only normalise it, never parse it again.
    text = normalise_text(result.text)
    if not text:
        raise DocumentError(f"{url}: no readable text found")
    return Document(title=result.title, text=text, is_html=True)
