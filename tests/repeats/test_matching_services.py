"""Matching at ingest: stored matches, idempotency, indexed lookups, decisions, verdicts."""

from __future__ import annotations

import json

import pytest
from django.db import connection, transaction
from django.test import override_settings

from claims.models import Claim, ClaimEvent, ClaimKind, ClaimStatus, Verdict
from claims.workflow import ActionNotAllowed, RoleNotAllowed
from repeats.models import ClaimFingerprint, ClaimMatch, MatchReason, MatchState
from repeats.selectors import figure_candidates, quote_candidates
from repeats.services import match_apply_verdict, match_decide, matches_find
from tests.api.support import publish
from tests.repeats.conftest import FERRY, SCHOOL_NEW, SCHOOL_OLD
from webhooks.models import WebhookDelivery, WebhookSubscription

pytestmark = pytest.mark.django_db


def claim_of(article, kind):
    return Claim.objects.get(article=article, kind=kind)


def test_ingest_stores_suggested_matches_for_a_repeated_figure_and_quote(ingest):
    old = ingest(SCHOOL_OLD)
    new = ingest(SCHOOL_NEW)
    matches = {m.reason: m for m in ClaimMatch.objects.filter(claim__article=new)}
    assert set(matches) == {MatchReason.SAME_FIGURE, MatchReason.SAME_QUOTE}
    figure = matches[MatchReason.SAME_FIGURE]
    assert figure.matched_claim == claim_of(old, ClaimKind.CASUALTY_COUNT)
    assert figure.state == MatchState.SUGGESTED and 0 < figure.score <= 1
    assert matches[MatchReason.SAME_QUOTE].matched_claim == claim_of(old, ClaimKind.QUOTE)
    assert not ClaimMatch.objects.filter(claim__article=old).exists()  # earlier claims only


def test_the_same_number_about_another_event_is_not_matched(ingest):
    ingest(SCHOOL_OLD)
    ferry = ingest(FERRY)
    assert not ClaimMatch.objects.filter(claim__article=ferry).exists()


def test_matching_again_writes_nothing_twice(ingest):
    ingest(SCHOOL_OLD)
    new = ingest(SCHOOL_NEW)
    before = list(ClaimMatch.objects.values_list("id", flat=True))
    assert matches_find(article_id=new.pk) == []
    assert list(ClaimMatch.objects.values_list("id", flat=True)) == before


def test_matching_runs_the_same_queries_however_many_claims_are_stored(ingest):
    """One lookup per claim plus a fixed few: more stored claims add no query."""
    from django.db import connection as conn
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ClaimFactory

    ingest(SCHOOL_OLD)
    new = ingest(SCHOOL_NEW)

    def rematch() -> int:
        ClaimMatch.objects.all().delete()
        ClaimFingerprint.objects.filter(article=new).delete()
        with CaptureQueriesContext(conn) as queries:
            assert len(matches_find(article_id=new.pk)) == 2
        return len(queries)

    few = rematch()
    for n in range(30):
        matches_find(article_id=ClaimFactory(value=n + 200).article_id)
    assert rematch() == few
    claims = Claim.objects.filter(article=new).count()
    assert few <= 6 + 4 * claims  # a quote lookup is 4 statements: its thresholds, in a savepoint


def _plan(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = on")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.postgres
def test_figure_candidates_come_from_the_composite_index(ingest, django_assert_max_num_queries):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL query plan")
    ingest(SCHOOL_OLD)
    new = ingest(SCHOOL_NEW)
    fingerprint = ClaimFingerprint.objects.get(article=new, kind=ClaimKind.CASUALTY_COUNT)
    with django_assert_max_num_queries(1):
        found = figure_candidates(fingerprint=fingerprint)
    assert found == [claim_of(Claim.objects.get(pk=found[0]).article, "casualty_count").pk]
    from django.db.models import QuerySet

    qs: QuerySet = ClaimFingerprint.objects.filter(
        family=fingerprint.family, published_on=fingerprint.published_on
    )
    sql, params = qs.query.sql_with_params()
    assert "fingerprint_figure_idx" in _plan(sql, params)


@pytest.mark.postgres
@pytest.mark.parametrize("speaker", ["Sharif", ""])
def test_quote_candidates_come_from_an_index_slice(ingest, speaker):
    """The quotes compared are read through a B-tree index (speaker and date, or date),
    and pg_trgm similarity ranks them: bounded however alike the archive's quotes are."""
    if connection.vendor != "postgresql":
        pytest.skip("pg_trgm")
    from django.test.utils import CaptureQueriesContext

    old = ingest(SCHOOL_OLD)
    new = ingest(SCHOOL_NEW)
    fingerprint = ClaimFingerprint.objects.get(article=new, kind=ClaimKind.QUOTE)
    fingerprint.speaker_key = speaker.lower()
    with CaptureQueriesContext(connection) as queries:
        found = quote_candidates(fingerprint=fingerprint)
    assert found == [claim_of(old, ClaimKind.QUOTE).pk]
    (lookup,) = [q["sql"] for q in queries.captured_queries if "slice" in q["sql"]]
    plan = _plan(lookup, None)
    assert "fingerprint_speaker_idx" in plan or "fingerprint_kind_date_idx" in plan
    assert "Seq Scan" not in plan


def test_a_reviewer_confirms_or_rejects_and_the_history_says_so(ingest, reviewer, outsider):
    ingest(SCHOOL_OLD)
    new = ingest(SCHOOL_NEW)
    match = ClaimMatch.objects.get(claim__article=new, reason=MatchReason.SAME_FIGURE)
    with pytest.raises(RoleNotAllowed):
        match_decide(match=match, state=MatchState.CONFIRMED, actor=outsider)
    decided = match_decide(match=match, state=MatchState.REJECTED, actor=reviewer)
    assert decided.state == MatchState.REJECTED and decided.decided_by == reviewer
    event = ClaimEvent.objects.get(claim=match.claim, action="match_rejected")
    assert f"#{match.matched_claim_id}" in event.note


def test_applying_a_published_verdict_proposes_it_and_an_editor_still_publishes(
    ingest, reviewer, editor
):
    from claims.services import claim_transition

    old = ingest(SCHOOL_OLD)
    published = publish(claim_of(old, ClaimKind.CASUALTY_COUNT), verdict=Verdict.ACCURATE)
    new = ingest(SCHOOL_NEW)
    match = ClaimMatch.objects.select_related("claim", "matched_claim__article").get(
        claim__article=new, reason=MatchReason.SAME_FIGURE
    )
    claim = match_apply_verdict(match=match, actor=reviewer, version=match.claim.version)
    assert claim.status == ClaimStatus.AWAITING_APPROVAL
    assert claim.verdict == Verdict.ACCURATE and claim.proposed_by == reviewer
    assert f"#{published.pk}" in claim.verdict_note
    assert ClaimMatch.objects.get(pk=match.pk).state == MatchState.CONFIRMED
    with pytest.raises(RoleNotAllowed):  # four eyes: the proposer is not the publisher
        claim_transition(claim=claim, action="publish", actor=reviewer, version=claim.version)
    done = claim_transition(claim=claim, action="publish", actor=editor, version=claim.version)
    assert done.status == ClaimStatus.PUBLISHED


def test_a_verdict_is_not_applied_from_an_unpublished_claim(ingest, reviewer):
    ingest(SCHOOL_OLD)
    new = ingest(SCHOOL_NEW)
    match = ClaimMatch.objects.select_related("claim", "matched_claim__article").get(
        claim__article=new, reason=MatchReason.SAME_FIGURE
    )
    with pytest.raises(ActionNotAllowed):
        match_apply_verdict(match=match, actor=reviewer, version=match.claim.version)
    assert Claim.objects.get(pk=match.claim_id).status == ClaimStatus.NEW


@override_settings(FETCH_ALLOWED_PRIVATE_HOSTS=["127.0.0.1", "localhost"])
def test_a_new_match_to_a_published_claim_is_sent_to_webhook_subscribers(ingest, httpserver):
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    WebhookSubscription.objects.create(
        url=httpserver.url_for("/hook"), events=["claim.match_published"]
    )
    old = ingest(SCHOOL_OLD)
    published = publish(claim_of(old, ClaimKind.CASUALTY_COUNT))
    new = ingest(SCHOOL_NEW)
    delivery = WebhookDelivery.objects.get(event="claim.match_published")
    body = json.loads(delivery.body)["data"]
    assert body["matched_claim"] == published.pk
    assert body["claim"] == claim_of(new, ClaimKind.CASUALTY_COUNT).pk
    assert body["reason"] == "same_figure" and body["verdict"] == "accurate"
    assert len(httpserver.log) == 1  # the quote's match is to an unpublished claim: no event


def test_the_sweep_republishes_matching_for_an_article_whose_message_was_lost(ingest):
    from datetime import timedelta

    from django.utils import timezone

    from repeats.services import matching_sweep

    ingest(SCHOOL_OLD)
    new = ingest(SCHOOL_NEW)
    # Given the article's matching never ran (its message was lost)
    ClaimMatch.objects.all().delete()
    ClaimFingerprint.objects.filter(article=new).delete()
    # Then a sweep right after ingest leaves it alone (its message may still come)
    assert matching_sweep() == []
    # And a sweep later republishes it, and the task (inline here) matches it
    later = timezone.now() + timedelta(minutes=10)
    assert matching_sweep(now=later) == [new.pk]
    assert ClaimMatch.objects.filter(claim__article=new).count() == 2
    assert matching_sweep(now=later) == []


MINISTRY_OLD = (
    "Clinics ordered to stock cholera kits",
    "2015-03-02",
    "Clinics across Sindh were told to stock cholera kits before the monsoon. "
    '"Every district clinic must hold enough rehydration salts for a month of patients," '
    "the Health Ministry said in a statement.",
)
MINISTRY_NEW = (
    "Sindh clinics prepare for cholera season",
    "2015-03-04",
    "Doctors in Karachi welcomed the order. "
    '"Every district clinic must hold enough rehydration salts for a month of patients," '
    "the Ministry of Health said on Monday.",
)


def test_a_quote_from_an_organisation_named_in_another_word_order_is_found(ingest):
    old = ingest(MINISTRY_OLD)
    new = ingest(MINISTRY_NEW)
    earlier = claim_of(old, ClaimKind.QUOTE)
    later = claim_of(new, ClaimKind.QUOTE)
    assert earlier.speaker and later.speaker and earlier.speaker != later.speaker
    fingerprint = ClaimFingerprint.objects.get(claim=later)
    assert fingerprint.speaker_key == ClaimFingerprint.objects.get(claim=earlier).speaker_key
    assert earlier.pk in quote_candidates(fingerprint=fingerprint)
    match = ClaimMatch.objects.get(claim=later)
    assert match.matched_claim == earlier and match.reason == MatchReason.SAME_QUOTE
