"""The status cache on a real Redis: a repeated poll touches no database, and every write
that changes a claim's status answer is seen by the next poll.

Transactional tests: the cache is skipped inside a transaction, and writers renew a
claim's generation only once their transaction commits.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta

import pytest
import redis
from django.utils import timezone

from claims import status_cache
from claims.models import Article, ClaimStatus
from claims.services import claim_add_note, claim_transition
from tests.api.support import add_check, add_evidence, publish
from tests.conftest import require_service
from tests.factories import ClaimFactory
from tests.verification.check_fixtures import local_checks, page, peshawar_claim  # noqa: F401
from verification import services
from verification.models import (
    NO_STANCE,
    CheckRun,
    CheckState,
    Evidence,
    FetchStatus,
    Source,
    Stance,
)

pytestmark = pytest.mark.django_db(transaction=True)

TEST_REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/9"


@pytest.fixture(autouse=True)
def status_redis(settings, monkeypatch):
    """Redis on, the cache on, and no pause left over from a test that broke Redis."""
    try:
        up = bool(redis.Redis.from_url(TEST_REDIS_URL, socket_timeout=1).ping())
    except redis.RedisError:
        up = False
    require_service(up, f"Redis ({TEST_REDIS_URL})")
    settings.REDIS_URL = TEST_REDIS_URL
    settings.STATUS_CACHE_SECONDS = 300
    monkeypatch.setattr(status_cache, "_paused_until", 0.0)
    return redis.Redis.from_url(TEST_REDIS_URL)


def status_url(claim) -> str:
    return f"/api/v1/claims/{claim.pk}/status/"


def cached(client, claim, django_assert_num_queries) -> dict:
    """Poll until the answer is cached; return the answer served from Redis."""
    client.get(status_url(claim))  # token, roles; starts the claim's generation
    client.get(status_url(claim))  # computed and stored under that generation
    with django_assert_num_queries(0):
        response = client.get(status_url(claim))
    assert response.status_code == 200
    return response.json()


def fresh(client, claim, django_assert_num_queries) -> dict:
    """The next poll, which must read the database (the generation was renewed)."""
    with django_assert_num_queries(1):
        response = client.get(status_url(claim))
    assert response.status_code == 200
    return response.json()


# --------------------------------------------------------------------------------- reads


def test_a_repeated_poll_touches_no_database(reviewer_client, django_assert_num_queries):
    claim = ClaimFactory()
    add_evidence(claim, stance="contradicts")
    first = reviewer_client.get(status_url(claim))
    second = reviewer_client.get(status_url(claim))
    with django_assert_num_queries(0):
        hit = reviewer_client.get(status_url(claim))
    assert hit.content == second.content == first.content
    for header in ("ETag", "Last-Modified", "Cache-Control", "Vary", "Allow", "Content-Type"):
        assert hit[header] == first[header]
    assert hit.json()["evidence"]["contradicts"] == 1


def test_conditional_gets_are_answered_from_the_cache(reviewer_client, django_assert_num_queries):
    claim = ClaimFactory()
    cached(reviewer_client, claim, django_assert_num_queries)
    etag = reviewer_client.get(status_url(claim))["ETag"]
    modified = reviewer_client.get(status_url(claim))["Last-Modified"]
    with django_assert_num_queries(0):
        by_etag = reviewer_client.get(status_url(claim), HTTP_IF_NONE_MATCH=etag)
        by_date = reviewer_client.get(status_url(claim), HTTP_IF_MODIFIED_SINCE=modified)
        other = reviewer_client.get(status_url(claim), HTTP_IF_NONE_MATCH='"something-else"')
    assert by_etag.status_code == by_date.status_code == 304
    assert by_etag["ETag"] == etag and by_etag.content == b""
    assert other.status_code == 200


def test_visibility_is_decided_per_request(reviewer_client, anon_client, django_assert_num_queries):
    hidden = ClaimFactory()
    cached(reviewer_client, hidden, django_assert_num_queries)
    response = anon_client.get(status_url(hidden))
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}

    shown = publish(ClaimFactory())
    cached(reviewer_client, shown, django_assert_num_queries)
    with django_assert_num_queries(0):
        assert anon_client.get(status_url(shown)).json()["status"] == "published"


def test_one_cached_answer_serves_every_desk_member(
    reviewer_client, editor_client, django_assert_num_queries
):
    claim = ClaimFactory()
    body = cached(reviewer_client, claim, django_assert_num_queries)
    editor_client.get(status_url(claim))  # the editor's token and roles
    with django_assert_num_queries(0):
        assert editor_client.get(status_url(claim)).json() == body


def test_a_write_during_a_miss_is_not_hidden_by_the_answer_it_outdated(
    reviewer, reviewer_client, monkeypatch, django_assert_num_queries
):
    # A poll computes the answer, then the claim changes and the change commits before
    # that poll stores its (now outdated) answer under the generation it read first.
    claim = ClaimFactory()
    reviewer_client.get(status_url(claim))  # starts the generation
    compute = status_cache._compute

    def compute_then_write(claim_id):
        entry = compute(claim_id)
        claim_transition(claim=claim, action="start_review", actor=reviewer, version=1)
        return entry

    monkeypatch.setattr(status_cache, "_compute", compute_then_write)
    assert reviewer_client.get(status_url(claim)).json()["version"] == 1
    monkeypatch.setattr(status_cache, "_compute", compute)
    assert fresh(reviewer_client, claim, django_assert_num_queries)["version"] == 2


def test_a_lost_generation_is_never_matched_again(
    status_redis, reviewer, reviewer_client, django_assert_num_queries
):
    # The generation key expires (or is evicted) while an answer stays: a new token is
    # started, which no stored answer carries.
    claim = ClaimFactory()
    cached(reviewer_client, claim, django_assert_num_queries)
    gen_key, _ = status_cache._keys(claim.pk)
    status_redis.delete(gen_key)
    claim_transition(claim=claim, action="start_review", actor=reviewer, version=1)
    assert fresh(reviewer_client, claim, django_assert_num_queries)["version"] == 2


def test_unknown_claims_leave_nothing_in_redis(status_redis, reviewer_client, settings):
    for _ in range(2):
        assert reviewer_client.get("/api/v1/claims/987654321/status/").status_code == 404
    assert not list(status_redis.scan_iter(match=f"{settings.STATUS_CACHE_PREFIX}*"))


def test_with_the_cache_off_every_poll_reads_the_database(
    settings, reviewer_client, django_assert_num_queries
):
    settings.STATUS_CACHE_SECONDS = 0
    claim = ClaimFactory()
    reviewer_client.get(status_url(claim))
    for _ in range(2):
        with django_assert_num_queries(1):
            reviewer_client.get(status_url(claim))


def test_redis_down_reads_the_database_and_writes_still_succeed(
    settings, reviewer, reviewer_client, django_assert_num_queries, caplog
):
    claim = ClaimFactory()
    cached(reviewer_client, claim, django_assert_num_queries)
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    with caplog.at_level(logging.WARNING, logger="claims.status_cache"):
        updated = claim_transition(claim=claim, action="start_review", actor=reviewer, version=1)
        assert updated.version == 2
        assert fresh(reviewer_client, claim, django_assert_num_queries)["version"] == 2
        assert fresh(reviewer_client, claim, django_assert_num_queries)["version"] == 2
    messages = [r.getMessage() for r in caplog.records]
    assert any("could not renew" in m for m in messages)
    assert any("reading from the database" in m for m in messages)


# --------------------------------------------------------------------------- claim writes


def test_a_transition_through_the_api_is_seen_by_the_next_poll(
    reviewer, reviewer_client, django_assert_num_queries
):
    claim = ClaimFactory()
    before = cached(reviewer_client, claim, django_assert_num_queries)
    assert (before["status"], before["version"], before["assignee"]) == ("new", 1, None)
    response = reviewer_client.post(
        f"/api/v1/claims/{claim.pk}/transitions/", {"action": "start_review", "version": 1}
    )
    assert response.status_code == 200, response.json()
    after = fresh(reviewer_client, claim, django_assert_num_queries)
    assert (after["status"], after["version"], after["assignee"]) == (
        "in_review",
        2,
        reviewer.pk,
    )


def test_reopening_a_published_claim_hides_it_from_the_public_at_once(
    editor, reviewer_client, anon_client, django_assert_num_queries
):
    claim = publish(ClaimFactory())
    cached(anon_client, claim, django_assert_num_queries)
    cached(reviewer_client, claim, django_assert_num_queries)
    claim_transition(
        claim=claim, action="reopen", actor=editor, version=claim.version, note="New figures."
    )
    assert fresh(reviewer_client, claim, django_assert_num_queries)["status"] == "in_review"
    assert anon_client.get(status_url(claim)).status_code == 404


def test_a_note_is_seen_by_the_next_poll(reviewer, reviewer_client, django_assert_num_queries):
    claim = ClaimFactory()
    cached(reviewer_client, claim, django_assert_num_queries)
    claim_add_note(claim=claim, actor=reviewer, note="Called the police.", version=1)
    assert fresh(reviewer_client, claim, django_assert_num_queries)["version"] == 2


def test_deleting_the_article_deletes_the_cached_answer_too(
    reviewer_client, django_assert_num_queries
):
    claim = ClaimFactory()
    cached(reviewer_client, claim, django_assert_num_queries)
    Article.objects.filter(pk=claim.article_id).delete()
    assert reviewer_client.get(status_url(claim)).status_code == 404


def test_deleting_evidence_or_a_check_run_is_seen_by_the_next_poll(
    reviewer_client, django_assert_num_queries
):
    claim = ClaimFactory()
    evidence = add_evidence(claim)
    run = add_check(claim, state=CheckState.QUEUED)
    before = cached(reviewer_client, claim, django_assert_num_queries)
    assert before["evidence"]["supports"] == 1 and before["checks"]["pending"] == 1
    Source.objects.filter(pk=evidence.source_id).delete()  # cascades to the evidence
    assert fresh(reviewer_client, claim, django_assert_num_queries)["evidence"]["supports"] == 0
    cached(reviewer_client, claim, django_assert_num_queries)
    run.delete()
    assert fresh(reviewer_client, claim, django_assert_num_queries)["checks"]["pending"] == 0


def test_deleting_the_assignee_is_seen_by_the_next_poll(
    reviewer2, reviewer_client, django_assert_num_queries
):
    claim = ClaimFactory(assignee=reviewer2, status=ClaimStatus.IN_REVIEW)
    assert cached(reviewer_client, claim, django_assert_num_queries)["assignee"] == reviewer2.pk
    reviewer2.delete()
    assert fresh(reviewer_client, claim, django_assert_num_queries)["assignee"] is None


# --------------------------------------------------------------------------- check writes


@pytest.fixture
def no_broker(monkeypatch):
    """Runs stay where the test puts them: nothing is published."""
    monkeypatch.setattr(services, "check_enqueue", lambda *, run_id: False)


def test_each_check_run_state_change_is_seen_by_the_next_poll(
    no_broker, reviewer, reviewer_client, django_assert_num_queries
):
    claim = ClaimFactory()
    add_check(claim, state=CheckState.SUCCEEDED)
    before = cached(reviewer_client, claim, django_assert_num_queries)
    assert before["checks"]["pending"] == 0

    run = services.check_request(claim=claim, actor=reviewer, urls=["https://example.org/a"])
    assert fresh(reviewer_client, claim, django_assert_num_queries)["checks"]["pending"] == 1

    cached(reviewer_client, claim, django_assert_num_queries)
    assert services.check_run_start(run_id=run.pk, task_id="t-1") is not None
    fresh(reviewer_client, claim, django_assert_num_queries)  # started_at: Last-Modified

    cached(reviewer_client, claim, django_assert_num_queries)
    services.check_run_fail(run_id=run.pk, error="Provider timed out")
    failed = fresh(reviewer_client, claim, django_assert_num_queries)["checks"]
    assert (failed["pending"], failed["failed"]) == (0, 1)

    cached(reviewer_client, claim, django_assert_num_queries)
    assert services.check_requeue(run_ids=[run.pk]) == [run.pk]
    again = fresh(reviewer_client, claim, django_assert_num_queries)["checks"]
    assert (again["pending"], again["failed"]) == (1, 0)

    cached(reviewer_client, claim, django_assert_num_queries)
    started = services.check_run_start(run_id=run.pk, task_id="t-2")
    assert started is not None
    services.check_run_finish(run=started)
    done = fresh(reviewer_client, claim, django_assert_num_queries)["checks"]
    assert done["pending"] == 0 and done["last_finished_at"] is not None


def test_the_sweep_is_seen_by_the_next_poll(no_broker, reviewer_client, django_assert_num_queries):
    claim = ClaimFactory()
    long_ago = timezone.now() - timedelta(days=1)
    run = CheckRun.objects.create(
        claim=claim, state=CheckState.RUNNING, attempts=99, task_id="gone", started_at=long_ago
    )
    assert cached(reviewer_client, claim, django_assert_num_queries)["checks"]["pending"] == 1
    report = services.checks_sweep()
    assert report.failed == [run.pk]
    checks = fresh(reviewer_client, claim, django_assert_num_queries)["checks"]
    assert (checks["pending"], checks["failed"]) == (0, 1)
    # Put back in the queue: the answer reads the same, the generation is renewed anyway.
    stuck = CheckRun.objects.create(
        claim=claim, state=CheckState.RUNNING, attempts=1, task_id="lost", started_at=long_ago
    )
    cached(reviewer_client, claim, django_assert_num_queries)
    services.checks_sweep()
    assert CheckRun.objects.get(pk=stuck.pk).state == CheckState.QUEUED
    assert fresh(reviewer_client, claim, django_assert_num_queries)["checks"]["pending"] == 1


def test_checks_on_ingest_are_seen_by_the_next_poll(
    no_broker, settings, reviewer_client, django_assert_num_queries
):
    settings.CHECK_ON_INGEST = True
    settings.WIKIPEDIA_API_URL = "http://127.0.0.1:9/w/api.php"
    claims = [ClaimFactory(), ClaimFactory()]
    article = claims[0].article
    claims[1].article = article
    claims[1].save()
    for claim in claims:
        cached(reviewer_client, claim, django_assert_num_queries)
    runs = services.checks_request_for_article(article=article, actor=None)
    assert len(runs) == 2
    for claim in claims:
        assert fresh(reviewer_client, claim, django_assert_num_queries)["checks"]["pending"] == 1


@pytest.mark.usefixtures("local_checks")
def test_evidence_from_the_check_pipeline_is_seen_by_the_next_poll(
    httpserver, reviewer, reviewer_client, django_assert_num_queries
):
    httpserver.expect_request("/peshawar").respond_with_data(
        page("peshawar_attack.html"), content_type="text/html; charset=utf-8"
    )
    claim = peshawar_claim()
    before = cached(reviewer_client, claim, django_assert_num_queries)
    assert before["evidence"]["supports"] == 0
    # Inline tasks: the request commits, then fetch and analyze run on commit.
    run = services.check_request(
        claim=claim, actor=reviewer, urls=[httpserver.url_for("/peshawar")]
    )
    run.refresh_from_db()
    assert run.state == CheckState.SUCCEEDED, run.error
    after = fresh(reviewer_client, claim, django_assert_num_queries)
    assert after["evidence"]["supports"] == 1
    assert after["checks"] == {
        "pending": 0,
        "failed": 0,
        "last_finished_at": after["checks"]["last_finished_at"],
    }
    assert after["checks"]["last_finished_at"] is not None


@pytest.mark.usefixtures("local_checks")
def test_a_page_read_later_for_another_claim_leaves_a_failed_read_failed(
    httpserver, reviewer, reviewer_client, django_assert_num_queries
):
    # Another claim cites a page whose first fetch failed: its evidence counts as failed.
    url = httpserver.url_for("/peshawar")
    source = Source.objects.create(
        url=url, final_url=url, fetch_status=FetchStatus.HTTP_ERROR, error="HTTP 503"
    )
    other = peshawar_claim()
    Evidence.objects.create(claim=other, source=source, stance=NO_STANCE, checked_at=timezone.now())
    before = cached(reviewer_client, other, django_assert_num_queries)
    assert before["evidence"]["failed"] == 1 and before["evidence"]["not_found"] == 0
    # The page answers now, fetched for a check of a different claim.
    httpserver.expect_request("/peshawar").respond_with_data(
        page("peshawar_attack.html"), content_type="text/html; charset=utf-8"
    )
    run = services.check_request(claim=peshawar_claim(), actor=reviewer, urls=[url])
    run.refresh_from_db()
    assert run.state == CheckState.SUCCEEDED, run.error
    assert Source.objects.get(pk=source.pk).fetch_status == FetchStatus.OK
    # Then the other claim's answer is still "could not read", never "not found": the
    # page has not been read for that claim until it is checked again.
    after = fresh(reviewer_client, other, django_assert_num_queries)
    assert after["evidence"]["failed"] == 1 and after["evidence"]["not_found"] == 0


@pytest.mark.usefixtures("local_checks")
def test_a_failed_refetch_renews_every_claim_citing_it_and_keeps_what_was_read(
    httpserver, reviewer_client, django_assert_num_queries
):
    url = httpserver.url_for("/gone")
    claims = [ClaimFactory(), ClaimFactory()]
    source = Source.objects.create(url=url, final_url=url, fetch_status=FetchStatus.OK)
    for claim in claims:
        Evidence.objects.create(
            claim=claim, source=source, stance=Stance.MENTIONS, checked_at=timezone.now()
        )
        cached(reviewer_client, claim, django_assert_num_queries)
    Source.objects.filter(pk=source.pk).update(fetch_status=FetchStatus.UNREACHABLE)
    httpserver.expect_request("/gone").respond_with_data("", status=404)
    fetched = services.source_fetch(url=url)
    assert fetched.source.fetch_status == FetchStatus.HTTP_ERROR
    for claim in claims:
        evidence = fresh(reviewer_client, claim, django_assert_num_queries)["evidence"]
        # What the page said when it was read stands; only a new check can change it.
        assert evidence["failed"] == 0 and evidence["mentions"] == 1
