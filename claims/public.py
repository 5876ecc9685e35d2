"""Public fact-check pages: one per published claim, and one per article listing them.

Plain, cacheable HTML for readers and search engines: no session, no script, styled by a
static stylesheet (served by whitenoise). Each claim's page carries the same ClaimReview
JSON-LD the API serves, and is the page that ClaimReview's ``url`` names.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from claims import events
from claims.api.claimreview import claim_review, claim_reviewed_text, claimant
from claims.api.selectors import published_claims
from claims.highlighting import claim_sentence
from claims.models import Article, Claim, ClaimStatus

#: Seconds a reader's browser or a shared cache may keep a page without asking again.
PUBLIC_MAX_AGE = 300

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data: Any) -> SafeString:
    """JSON for a ``<script type="application/ld+json">``: no "</script>" can close it."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES))  # noqa: S308


def _claim_etag(request: HttpRequest, pk: int) -> str | None:
    row = (
        Claim.objects.filter(pk=pk, status=ClaimStatus.PUBLISHED)
        .values_list("version", "updated_at")
        .first()
    )
    return None if row is None else f"fc-{pk}-{row[0]}-{row[1].timestamp():.0f}"


def _public_evidence(claim: Claim) -> list[Any]:
    """Evidence a reader can follow: pages that were read, most telling first.

    Verification answers (claims does not import it); no evidence when it is not installed.
    """
    panel = events.ask(events.evidence_panel_requested, claim=claim)
    return [] if panel is None else [row.evidence for row in panel.rows if not row.failed]


@require_safe
@cache_control(public=True, max_age=PUBLIC_MAX_AGE)
@condition(etag_func=_claim_etag)
def factcheck_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A published claim's fact-check; any other claim is a 404, whoever asks."""
    claim = get_object_or_404(published_claims(), pk=pk)
    review = claim_review(claim)
    context = {
        "claim": claim,
        "article": claim.article,
        "sentence": claim_sentence(claim, width=100_000),
        "claimed": claim_reviewed_text(claim),
        "claimant": claimant(claim) or claim.article.publisher,
        "evidence": _public_evidence(claim),
        "review": review,
        "json_ld": json_ld(review),
        "published_on": claim.published_on,  # type: ignore[attr-defined]
        "org_name": settings.CLAIMREVIEW_ORG_NAME,
    }
    return render(request, "claims/factcheck.html", context)


@require_safe
@cache_control(public=True, max_age=PUBLIC_MAX_AGE)
def article_factchecks(request: HttpRequest, pk: int) -> HttpResponse:
    """Every published fact-check of one article; 404 when it has none."""
    article = get_object_or_404(Article.objects.defer("text"), pk=pk)
    claims = list(published_claims(article_id=article.pk).order_by("start", "id"))
    if not claims:
        raise Http404("No published fact-checks for this article.")
    rows = [(claim, claim_sentence(claim, width=220)) for claim in claims]
    context = {
        "article": article,
        "rows": rows,
        "json_ld": json_ld([claim_review(c) for c in claims]),
        "org_name": settings.CLAIMREVIEW_ORG_NAME,
    }
    return render(request, "claims/article_factchecks.html", context)
