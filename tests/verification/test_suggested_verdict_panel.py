"""The suggested verdict on the admin claim page: shown to the reviewer inside the evidence
panel (a human decides), absent when the evidence suggests nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from tests.verification.check_fixtures import peshawar_claim
from verification.models import Evidence, Source, Stance
from verification.panel import evidence_panel

pytestmark = pytest.mark.django_db


def claim_path(claim) -> str:
    return f"/admin/claims/claim/{claim.pk}/change/"


def supporting_evidence(claim, n: int) -> None:
    for i in range(n):
        source = Source.objects.create(
            url=f"https://news.example.org/toll-{claim.pk}-{i}",
            fetch_status="ok",
            title="Provincial report",
            text="The toll stood at 141.",
        )
        Evidence.objects.create(
            claim=claim,
            source=source,
            stance=Stance.SUPPORTS,
            found_value=Decimal(141),
            passage="The toll stood at 141.",
            score=0.8,
            checked_at=timezone.now(),
        )


def test_a_claim_with_supporting_evidence_shows_the_suggestion_with_its_label(client, reviewer):
    claim = peshawar_claim()
    supporting_evidence(claim, 2)
    client.force_login(reviewer)

    body = client.get(claim_path(claim)).content.decode()

    assert body.count('id="suggested-verdict"') == 1
    assert "<strong>Suggested verdict: Accurate</strong> — 2 source(s) support the claim" in body
    assert "a human decides the verdict" in body
    assert 'data-verdict="accurate"' in body


def test_the_human_label_is_shown_not_the_stored_value(client, reviewer):
    claim = peshawar_claim()
    supporting_evidence(claim, 2)
    source = Source.objects.create(url="https://news.example.org/other", fetch_status="ok")
    Evidence.objects.create(
        claim=claim, source=source, stance=Stance.CONTRADICTS, checked_at=timezone.now()
    )
    client.force_login(reviewer)

    body = client.get(claim_path(claim)).content.decode()

    assert "Suggested verdict: Mostly accurate</strong>" in body
    assert "mostly_accurate</strong>" not in body


def test_a_claim_without_evidence_shows_no_suggestion(client, reviewer):
    claim = peshawar_claim()
    client.force_login(reviewer)

    response = client.get(claim_path(claim))

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="no-evidence"' in body  # the panel itself is there
    assert "Suggested verdict" not in body
    assert 'id="suggested-verdict"' not in body


def test_the_live_fragment_carries_the_suggestion(client, reviewer):
    claim = peshawar_claim()
    supporting_evidence(claim, 1)
    client.force_login(reviewer)

    response = client.get(
        f"/admin/claims/claim/{claim.pk}/evidence/", headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert "Suggested verdict: Accurate" in response.content.decode()


def test_the_suggestion_costs_one_query_and_reuses_the_panel_rows(django_assert_num_queries):
    claim = peshawar_claim()
    claim.article.published_at = timezone.now()  # dated: "later" can be asked
    claim.article.save(update_fields=["published_at"])
    supporting_evidence(claim, 3)
    panel = evidence_panel(claim=claim)

    # only the later-figure lookup (asked of claim matching); the evidence is not read again
    with django_assert_num_queries(1):
        suggestion = panel.suggestion
    with django_assert_num_queries(0):
        assert panel.suggestion is suggestion
    assert suggestion is not None and suggestion.label == "Accurate"
