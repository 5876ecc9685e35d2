"""Writes for articles and claims. Each service is one transaction with keyword-only args."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from claims.documents import normalise_text, title_from_text
from claims.extraction import ClaimCandidate, extract_claims
from claims.models import Article, Claim, ClaimEvent, ClaimStatus

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool

    @property
    def claims_count(self) -> int:
        return self.article.claims.count()


class NoClaimsFound(ValidationError):
    """The text holds nothing check-worthy; raised only when the caller requires claims."""


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_ingest(
    *,
    text: str,
    title: str = "",
    url: str | None = None,
    publisher: str = "",
    author: str = "",
    published_at: datetime | None = None,
    actor: AbstractBaseUser | None = None,
    require_claims: bool = False,
) -> IngestResult:
    """Store an article and its extracted claims, or return the article with the same text.

    Idempotent on content: the SHA-256 of the normalised text is unique, so a repeat (even
    a concurrent one) returns the first article. Article and claims are saved together or
    not at all.
    """
    text = normalise_text(text or "")
    if not text:
        raise ValidationError({"text": "The article text is empty."})
    size = len(text.encode("utf-8"))
    if size > settings.INGEST_MAX_BYTES:
        raise ValidationError(
            {
                "text": f"The article text is {size:,} bytes; "
                f"the limit is {settings.INGEST_MAX_BYTES:,} bytes."
            },
            code="too_large",
        )
    digest = content_hash(text)
    existing = Article.objects.filter(content_sha256=digest).first()
    if existing is not None:
        return IngestResult(article=existing, created=False)

    candidates = extract_claims(text)
    if require_claims and not candidates:
        raise NoClaimsFound("No check-worthy claims were found in this text.")

    article = Article(
        title=(title or "").strip()[:500] or title_from_text(text),
        url=url or None,
        publisher=publisher[:200],
        author=author[:200],
        published_at=published_at,
        text=text,
        content_sha256=digest,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    article.full_clean(exclude=["content_sha256"], validate_unique=False)
    try:
        with transaction.atomic():
            if url and Article.objects.filter(url=url).exists():
                raise ValidationError({"url": "An article with this URL already exists."})
            article.save()
            claims = Claim.objects.bulk_create(
                [_claim_from_candidate(article, c) for c in candidates]
            )
            ClaimEvent.objects.bulk_create(
                [
                    ClaimEvent(
                        claim=claim,
                        actor=article.created_by,
                        action="extracted",
                        to_status=ClaimStatus.NEW,
                    )
                    for claim in claims
                ]
            )
    except IntegrityError:
        # A concurrent ingest of the same text won the race; return its article.
        existing = Article.objects.filter(content_sha256=digest).first()
        if existing is None:
            raise
        return IngestResult(article=existing, created=False)
    logger.info("ingested article %s with %d claims", article.pk, len(candidates))
    return IngestResult(article=article, created=True)


def _claim_from_candidate(article: Article, candidate: ClaimCandidate) -> Claim:
    value = candidate.value
    return Claim(
        article=article,
        kind=candidate.kind,
        text=candidate.text,
        start=candidate.start,
        end=candidate.end,
        span_start=getattr(candidate, "figure_start", None),
        span_end=getattr(candidate, "figure_end", None),
        value=Decimal(value) if value is not None else None,
        qualifier=candidate.qualifier or "",
        unit=(candidate.unit or "")[:50],
        currency=candidate.currency or "",
        quote=candidate.quote or "",
        speaker=(candidate.speaker or "")[:200],
        checkworthiness=min(1.0, max(0.0, float(candidate.checkworthiness))),
        status=ClaimStatus.NEW,
    )
