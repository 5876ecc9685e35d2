"""What matches feed back: the ``outdated`` suggestion, and the status answer's count."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from claims import events
from claims.models import Claim, ClaimKind, ClaimStatus, Verdict
from repeats.models import ClaimMatch, MatchReason, MatchState
from tests.api.support import add_evidence, publish
from tests.repeats.conftest import SCHOOL_NEW, SCHOOL_OLD, UPDATE
from verification.verdicts import suggested_verdict

pytestmark = pytest.mark.django_db


def figure_claim(article):
    return Claim.objects.get(article=article, kind=ClaimKind.CASUALTY_COUNT)


def test_a_later_updated_figure_suggests_outdated_for_the_older_claim(ingest):
    old = ingest(SCHOOL_OLD)
    new = ingest(UPDATE)
    match = ClaimMatch.objects.get(claim__article=new)
    assert match.reason == MatchReason.UPDATED_FIGURE
    assert match.matched_claim == figure_claim(old)
    suggestion = suggested_verdict(claim=match.matched_claim)
    assert suggestion is not None and suggestion.verdict == Verdict.OUTDATED
    assert UPDATE[0] in suggestion.reason and "160" in suggestion.reason
    assert "2014-12-22" in suggestion.reason
    # The newer claim is not outdated by the older one.
    assert suggested_verdict(claim=match.claim) is None


def test_a_rejected_update_suggests_nothing(ingest):
    old = ingest(SCHOOL_OLD)
    ingest(UPDATE)
    ClaimMatch.objects.update(state=MatchState.REJECTED)
    assert suggested_verdict(claim=figure_claim(old)) is None


def test_a_repeat_of_the_same_figure_does_not_suggest_outdated(ingest):
    old = ingest(SCHOOL_OLD)
    ingest(SCHOOL_NEW)
    assert ClaimMatch.objects.filter(reason=MatchReason.SAME_FIGURE).exists()
    assert suggested_verdict(claim=figure_claim(old)) is None


def test_an_update_from_an_article_published_earlier_is_not_later(ingest):
    title, _, text = UPDATE
    old = ingest(SCHOOL_OLD)
    ingest((title, "2014-12-15", text))
    match = ClaimMatch.objects.get(matched_claim__article=old)
    assert match.reason == MatchReason.UPDATED_FIGURE
    assert suggested_verdict(claim=figure_claim(old)) is None


def test_a_supporting_source_after_the_update_keeps_the_evidence_verdict(ingest):
    old = ingest(SCHOOL_OLD)
    ingest(UPDATE)
    claim = figure_claim(old)
    evidence = add_evidence(claim, stance="supports")
    evidence.source.published_at = datetime(2014, 12, 20, tzinfo=UTC)
    evidence.source.save()
    assert suggested_verdict(claim=claim).verdict == Verdict.OUTDATED
    evidence.source.published_at = datetime(2014, 12, 23, tzinfo=UTC)
    evidence.source.save()
    assert suggested_verdict(claim=claim).verdict == Verdict.ACCURATE


def _status(client, claim):
    return client.get(f"/api/v1/claims/{claim.pk}/status/")


def test_the_public_status_counts_only_matches_to_published_claims(
    ingest, anon_client, reviewer_client
):
    old = ingest(SCHOOL_OLD)
    new = ingest(SCHOOL_NEW)
    claim, matched = figure_claim(new), figure_claim(old)
    publish(claim)
    assert _status(reviewer_client, claim).json()["matches"] == 1
    first = _status(anon_client, claim)
    assert first.json()["matches"] == 0
    publish(matched)
    # What the workflow announces on publishing: the repeat's status ETag moves on.
    events.claim_status_changed.send(
        sender=None,
        claim=matched,
        action="publish",
        from_status=ClaimStatus.AWAITING_APPROVAL,
        to_status=ClaimStatus.PUBLISHED,
        actor=None,
    )
    again = anon_client.get(f"/api/v1/claims/{claim.pk}/status/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert again.json()["matches"] == 1
    ClaimMatch.objects.filter(claim=claim).update(state=MatchState.REJECTED)
    assert _status(anon_client, claim).json()["matches"] == 0
    assert _status(reviewer_client, claim).json()["matches"] == 0
