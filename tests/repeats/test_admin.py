"""The claim page and list, as the admin renders them with the matching hook."""

from __future__ import annotations

import pytest

from claims.models import Claim, ClaimKind
from repeats.models import ClaimMatch, MatchReason, MatchState
from tests.api.support import publish
from tests.repeats.conftest import SCHOOL_NEW, SCHOOL_OLD, UPDATE

pytestmark = pytest.mark.django_db


def test_the_claim_page_lists_matches_with_article_status_and_verdict(ingest, client, reviewer):
    old = ingest(SCHOOL_OLD)
    earlier = publish(Claim.objects.get(article=old, kind=ClaimKind.CASUALTY_COUNT))
    new = ingest(SCHOOL_NEW)
    later = Claim.objects.get(article=new, kind=ClaimKind.CASUALTY_COUNT)
    match = ClaimMatch.objects.get(claim=later)
    client.force_login(reviewer)
    page = client.get(f"/admin/claims/claim/{later.pk}/change/").content.decode()
    assert "Repeats of earlier claims" in page
    assert SCHOOL_OLD[0] in page and "Accurate" in page and "Same figure" in page
    assert f'id="match-{match.pk}-apply"' in page
    older = client.get(f"/admin/claims/claim/{earlier.pk}/change/").content.decode()
    assert "Later claims repeating or updating this one" in older and f"#{later.pk}" in older


def test_an_updated_figure_shows_on_the_older_claim_and_cannot_be_applied(ingest, client, reviewer):
    old = ingest(SCHOOL_OLD)
    update = ingest(UPDATE)
    match = ClaimMatch.objects.get(claim__article=update)
    assert match.reason == MatchReason.UPDATED_FIGURE
    publish(match.matched_claim)
    client.force_login(reviewer)
    older = client.get(f"/admin/claims/claim/{match.matched_claim_id}/change/").content.decode()
    assert "Updated figure" in older
    newer = client.get(f"/admin/claims/claim/{match.claim_id}/change/").content.decode()
    assert f'id="match-{match.pk}-apply"' not in newer
    assert Claim.objects.filter(article=old).exists()


def test_confirm_and_reject_buttons_post_to_the_decision_view(ingest, client, reviewer):
    ingest(SCHOOL_OLD)
    new = ingest(SCHOOL_NEW)
    match = ClaimMatch.objects.filter(claim__article=new).first()
    client.force_login(reviewer)
    response = client.post(f"/admin/repeats/claimmatch/{match.pk}/decide/", {"state": "rejected"})
    assert response.status_code == 302
    assert ClaimMatch.objects.get(pk=match.pk).state == MatchState.REJECTED
    response = client.post(
        f"/admin/repeats/claimmatch/{match.pk}/decide/", {"state": "nonsense"}, follow=True
    )
    assert "Nothing was changed" in response.content.decode()
    assert ClaimMatch.objects.get(pk=match.pk).state == MatchState.REJECTED


def test_the_list_filters_claims_repeating_a_published_claim(ingest, client, editor):
    old = ingest(SCHOOL_OLD)
    new = ingest(SCHOOL_NEW)
    later = Claim.objects.get(article=new, kind=ClaimKind.CASUALTY_COUNT)
    client.force_login(editor)
    url = "/admin/claims/claim/?repeats=published"
    assert f"/admin/claims/claim/{later.pk}/change/" not in client.get(url).content.decode()
    publish(Claim.objects.get(article=old, kind=ClaimKind.CASUALTY_COUNT))
    page = client.get(url).content.decode()
    assert f"/admin/claims/claim/{later.pk}/change/" in page
    quote = Claim.objects.get(article=new, kind=ClaimKind.QUOTE)
    assert f"/admin/claims/claim/{quote.pk}/change/" not in page
