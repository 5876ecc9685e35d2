"""Fixtures and builders shared by the API, verification API and webhook tests."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache, caches
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Claim, ClaimEvent, ClaimStatus, Verdict
from claims.services import claim_activity_bump
from tests.factories import ArticleFactory, ClaimFactory
from verification.models import CheckRun, CheckState, Evidence, FetchStatus, Source


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Throttle counters live in the cache: start every test with it empty.

    Also a fast password hasher: these tests create many users and never test hashing.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    caches["throttle"].clear()
    yield
    cache.clear()
    caches["throttle"].clear()


def token_client(user: Any) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def anon_client() -> APIClient:
    return APIClient()


@pytest.fixture
def reviewer_client(reviewer) -> APIClient:
    return token_client(reviewer)


@pytest.fixture
def editor_client(editor) -> APIClient:
    return token_client(editor)


@pytest.fixture
def admin_client_api(admin_user) -> APIClient:
    return token_client(admin_user)


@pytest.fixture
def outsider(django_user_model):
    """Authenticated, but in no workflow role: sees what the public sees."""
    return django_user_model.objects.create_user("olga", password="pw-olga-12345")


def publish(claim: Claim, *, verdict: str = Verdict.ACCURATE, note: str = "Checked.") -> Claim:
    """Put a claim straight into ``published`` with its publish event, as the workflow would."""
    claim.status = ClaimStatus.PUBLISHED
    claim.verdict = verdict
    claim.verdict_note = note
    claim.version += 1
    claim.save()
    ClaimEvent.objects.create(
        claim=claim,
        action="publish",
        from_status=ClaimStatus.AWAITING_APPROVAL,
        to_status=ClaimStatus.PUBLISHED,
        verdict=verdict,
    )
    return claim


def published_claim(**kwargs: Any) -> Claim:
    return publish(ClaimFactory(**kwargs))


_source_counter = iter(range(1, 10**9))


#: Stances of evidence that carries a passage; "" is a page that could not be read.
READ = {"supports", "contradicts", "mentions"}


def add_evidence(
    claim: Claim,
    *,
    stance: str = "supports",
    fetch_status: str = FetchStatus.OK,
    found_value: Decimal | None = Decimal(3),
) -> Evidence:
    n = next(_source_counter)
    source = Source.objects.create(
        url=f"https://news.example/story-{n}",
        final_url=f"https://news.example/story-{n}",
        fetch_status=fetch_status,
        title=f"Story {n}",
        text="At least 3 people were killed in the flood.",
        fetched_at=timezone.now(),
    )
    # Written directly, as the check's analyze stage writes it; it bumps the claim's
    # activity counter in the same way, which is what the status ETag is made of.
    claim_activity_bump(claim_ids=[claim.pk])
    return Evidence.objects.create(
        claim=claim,
        source=source,
        stance=stance,
        passage="At least 3 people were killed in the flood." if stance in READ else "",
        found_value=found_value if stance in READ else None,
        score=0.8,
        explanation="Same figure, same unit.",
        checked_at=timezone.now(),
    )


def add_check(claim: Claim, *, state: str = CheckState.SUCCEEDED) -> CheckRun:
    finished = timezone.now() if state in (CheckState.SUCCEEDED, CheckState.FAILED) else None
    claim_activity_bump(claim_ids=[claim.pk])
    return CheckRun.objects.create(
        claim=claim,
        state=state,
        attempts=1,
        error="Provider timed out" if state == CheckState.FAILED else "",
        started_at=timezone.now() - timedelta(seconds=5),
        finished_at=finished,
    )


__all__ = [
    "ArticleFactory",
    "ClaimFactory",
    "_fresh_cache",
    "add_check",
    "add_evidence",
    "admin_client_api",
    "anon_client",
    "editor_client",
    "outsider",
    "publish",
    "published_claim",
    "reviewer_client",
    "token_client",
]
