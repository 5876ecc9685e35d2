"""Check services against news pages served on 127.0.0.1: requesting, running, recording
sources and evidence, idempotency, refetch TTL, failures, providers and suggested verdicts."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from kombu.exceptions import OperationalError

from claims.models import Verdict
from safefetch.fetch import FetchTransientError
from tests.verification.check_fixtures import local_checks, page, peshawar_claim  # noqa: F401
from verification import services, tasks
from verification.models import (
    NO_STANCE,
    CheckRun,
    CheckState,
    Evidence,
    FetchStatus,
    Source,
    Stance,
)
from verification.selectors import claim_evidence, claim_evidence_counts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("local_checks")]


def serve(httpserver, path: str, name: str, status: int = 200) -> str:
    httpserver.expect_request(path).respond_with_data(
        page(name) if name else "", status=status, content_type="text/html; charset=utf-8"
    )
    return httpserver.url_for(path)


def request_check(claim, urls, capture, actor=None) -> CheckRun:
    with capture(execute=True):
        run = services.check_request(claim=claim, actor=actor, urls=urls)
    run.refresh_from_db()
    return run


@pytest.mark.parametrize(
    "bad", ["ftp://example.org/a", "http://", "not a url", "javascript:alert(1)", ""]
)
def test_request_refuses_urls_that_are_not_http(bad, django_capture_on_commit_callbacks):
    claim = peshawar_claim()
    with pytest.raises(ValidationError) as caught:
        request_check(claim, [bad], django_capture_on_commit_callbacks)
    assert "http or https URL" in caught.value.messages[0]
    assert not CheckRun.objects.exists()


def test_check_supports_claim_from_local_news_page(
    httpserver, django_capture_on_commit_callbacks, reviewer
):
    # Given a news page that reports the claimed toll
    url = serve(httpserver, "/2014/12/peshawar", "peshawar_attack.html")
    claim = peshawar_claim()
    # When a reviewer requests a check of that URL
    run = request_check(claim, [url], django_capture_on_commit_callbacks, actor=reviewer)
    # Then the run succeeded, the source is stored and the evidence supports the claim
    assert run.state == CheckState.SUCCEEDED, run.error
    assert run.requested_by == reviewer and run.attempts == 1 and run.finished_at
    assert run.urls == [url] and run.providers == []
    source = Source.objects.get(url=url)
    assert source.fetch_status == FetchStatus.OK and source.http_status == 200
    assert len(source.content_sha256) == 64 and "Army Public School" in source.text
    evidence = Evidence.objects.get(claim=claim)
    assert evidence.stance == Stance.SUPPORTS
    assert evidence.found_value == Decimal(141)
    assert source.text[evidence.passage_start : evidence.passage_end] == evidence.passage
    assert "141" in evidence.explanation


def test_contradicting_later_page(httpserver, django_capture_on_commit_callbacks):
    url = serve(httpserver, "/toll", "peshawar_toll.html")
    claim = peshawar_claim(qualifier="exact")
    run = request_check(claim, [url], django_capture_on_commit_callbacks)
    assert run.state == CheckState.SUCCEEDED
    evidence = Evidence.objects.get(claim=claim)
    assert evidence.stance == Stance.CONTRADICTS and evidence.found_value == Decimal(149)


def test_running_the_same_run_twice_writes_one_evidence_row_per_source(
    httpserver, django_capture_on_commit_callbacks
):
    # Given a finished check of two pages
    urls = [
        serve(httpserver, "/a", "peshawar_attack.html"),
        serve(httpserver, "/b", "peshawar_toll.html"),
    ]
    claim = peshawar_claim()
    run = request_check(claim, urls, django_capture_on_commit_callbacks)
    first = {e.source_id: e.pk for e in Evidence.objects.filter(claim=claim)}
    # When its message is delivered again (the worker died before acking)
    CheckRun.objects.filter(id=run.id).update(state=CheckState.RUNNING)
    tasks.check_fetch.apply(args=[run.id], task_id=run.task_id)
    # Then the run finished again and still has one evidence row per source, the same rows
    run.refresh_from_db()
    assert run.state == CheckState.SUCCEEDED and run.attempts == 2
    again = {e.source_id: e.pk for e in Evidence.objects.filter(claim=claim)}
    assert again == first and len(again) == 2


def test_duplicate_message_for_a_running_run_does_nothing(httpserver):
    url = serve(httpserver, "/a", "peshawar_attack.html")
    run = CheckRun.objects.create(claim=peshawar_claim(), urls=[url])
    CheckRun.objects.filter(id=run.id).update(
        state=CheckState.RUNNING, task_id="owner", started_at=timezone.now(), attempts=1
    )
    stage = services.check_stage_fetch(run_id=run.id, task_id="another-message")
    assert stage.run is None
    run.refresh_from_db()
    assert run.task_id == "owner" and run.attempts == 1 and not httpserver.log


def test_source_fetched_within_ttl_is_reused(
    httpserver, django_capture_on_commit_callbacks, settings
):
    settings.FETCH_REFETCH_TTL = 3600
    url = serve(httpserver, "/a", "peshawar_attack.html")
    request_check(peshawar_claim(), [url], django_capture_on_commit_callbacks)
    request_check(peshawar_claim(), [url], django_capture_on_commit_callbacks)
    assert len(httpserver.log) == 1
    assert Source.objects.count() == 1 and Evidence.objects.count() == 2


def test_source_older_than_ttl_is_fetched_again(
    httpserver, django_capture_on_commit_callbacks, settings
):
    settings.FETCH_REFETCH_TTL = 0
    url = serve(httpserver, "/a", "peshawar_attack.html")
    request_check(peshawar_claim(), [url], django_capture_on_commit_callbacks)
    request_check(peshawar_claim(), [url], django_capture_on_commit_callbacks)
    assert len(httpserver.log) == 2


def test_failed_fetch_is_recorded_and_counted_as_failed(
    httpserver, django_capture_on_commit_callbacks
):
    # Given one page that is gone and one that supports the claim
    gone = serve(httpserver, "/gone", "", status=404)
    good = serve(httpserver, "/good", "peshawar_attack.html")
    claim = peshawar_claim()
    run = request_check(claim, [gone, good], django_capture_on_commit_callbacks)
    # Then the run still succeeds; the dead page is listed with its reason, counted as failed
    assert run.state == CheckState.SUCCEEDED
    source = Source.objects.get(url=gone)
    assert source.fetch_status == FetchStatus.HTTP_ERROR and source.http_status == 404
    failed = Evidence.objects.get(source=source)
    assert failed.stance == NO_STANCE and not failed.page_read
    assert "could not be read (HTTP error)" in failed.explanation
    counts = claim_evidence_counts(claim=claim)
    assert counts == {"supports": 1, "contradicts": 0, "mentions": 0, "not_found": 0, "failed": 1}


def test_transient_failure_raises_for_retry_unless_final(httpserver):
    url = serve(httpserver, "/busy", "", status=503)
    run = CheckRun.objects.create(claim=peshawar_claim(), urls=[url])
    with pytest.raises(FetchTransientError):
        services.check_stage_fetch(run_id=run.id, task_id="t1", final_try=False)
    # The retry (same task id, not counted as an attempt) on its final try goes on
    stage = services.check_stage_fetch(run_id=run.id, task_id="t1", retrying=True, final_try=True)
    assert stage.run is not None and stage.run.attempts == 1
    assert Source.objects.get(url=url).fetch_status == FetchStatus.HTTP_ERROR


def test_broker_down_keeps_run_queued(monkeypatch, django_capture_on_commit_callbacks, caplog):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(tasks.check_fetch, "apply_async", refuse)
    with caplog.at_level(logging.WARNING, logger="verification.check_runs"):
        run = request_check(
            peshawar_claim(), ["https://example.org/x"], django_capture_on_commit_callbacks
        )
    assert run.state == CheckState.QUEUED and run.enqueued_at is None
    assert "stays queued" in caplog.text


def test_sweep_publishes_never_enqueued_run(httpserver, settings):
    url = serve(httpserver, "/a", "peshawar_attack.html")
    run = CheckRun.objects.create(claim=peshawar_claim(), urls=[url])
    CheckRun.objects.filter(id=run.id).update(created_at=timezone.now() - timedelta(minutes=5))
    report = services.checks_sweep()
    run.refresh_from_db()
    assert report.requeued == [run.id]
    assert run.state == CheckState.SUCCEEDED


def test_sweep_leaves_fresh_queued_run_alone():
    run = CheckRun.objects.create(claim=peshawar_claim(), urls=["https://example.org/"])
    CheckRun.objects.filter(id=run.id).update(enqueued_at=timezone.now())
    assert services.checks_sweep().requeued == []


def test_sweep_takes_over_run_past_deadline(httpserver, settings):
    url = serve(httpserver, "/a", "peshawar_attack.html")
    run = CheckRun.objects.create(claim=peshawar_claim(), urls=[url])
    long_ago = timezone.now() - timedelta(seconds=settings.CHECK_RUN_DEADLINE + 60)
    CheckRun.objects.filter(id=run.id).update(
        state=CheckState.RUNNING, started_at=long_ago, attempts=1, task_id="lost"
    )
    report = services.checks_sweep()
    run.refresh_from_db()
    assert report.requeued == [run.id]
    assert run.state == CheckState.SUCCEEDED and run.attempts == 2
    assert Evidence.objects.filter(claim=run.claim).count() == 1


def test_sweep_fails_run_out_of_attempts(settings):
    run = CheckRun.objects.create(claim=peshawar_claim(), urls=["https://example.org/"])
    long_ago = timezone.now() - timedelta(seconds=settings.CHECK_RUN_DEADLINE + 60)
    CheckRun.objects.filter(id=run.id).update(
        state=CheckState.RUNNING, started_at=long_ago, attempts=settings.CHECK_RUN_MAX_ATTEMPTS
    )
    report = services.checks_sweep()
    run.refresh_from_db()
    assert report.failed == [run.id]
    assert run.state == CheckState.FAILED
    assert run.error.startswith(f"Gave up after {settings.CHECK_RUN_MAX_ATTEMPTS} attempts")


def test_redelivered_message_of_exhausted_run_fails_it(settings):
    run = CheckRun.objects.create(claim=peshawar_claim(), urls=["https://example.org/"])
    CheckRun.objects.filter(id=run.id).update(attempts=settings.CHECK_RUN_MAX_ATTEMPTS)
    assert services.check_run_start(run_id=run.id, task_id="x") is None
    run.refresh_from_db()
    assert run.state == CheckState.FAILED and "Gave up" in run.error


def test_sweep_command(capsys):
    from django.core.management import call_command

    call_command("sweep_checks")
    assert "republished 0" in capsys.readouterr().out


def test_unexpected_error_fails_the_run_with_a_readable_error(monkeypatch, httpserver):
    url = serve(httpserver, "/a", "peshawar_attack.html")
    run = CheckRun.objects.create(claim=peshawar_claim(), urls=[url])

    def broken(*args, **kwargs):
        raise RuntimeError("matcher exploded")

    monkeypatch.setattr("verification.matching.match_claim", broken)
    tasks.check_fetch.apply(args=[run.id], task_id="t-1")
    run.refresh_from_db()
    assert run.state == CheckState.FAILED
    assert run.error == "Matching failed: matcher exploded"


# --- providers ------------------------------------------------------------------------


def test_providers_follow_settings(settings, httpserver):
    from verification.providers.registry import provider_names, search_providers

    assert provider_names() == []
    settings.WIKIPEDIA_API_URL = httpserver.url_for("/w/api.php")
    settings.FACTCHECK_API_KEY = "key-123"
    settings.FACTCHECK_API_URL = httpserver.url_for("/v1alpha1/claims:search")
    settings.ARCHIVE_EVIDENCE = True
    settings.WAYBACK_API_URL = httpserver.url_for("/wayback/available")
    assert [p.name for p in search_providers()] == ["wikipedia", "factcheck_tools"]
    assert provider_names() == ["wikipedia", "factcheck_tools", "wayback"]


def test_providers_feed_sources_with_fact_check_rating(
    settings, httpserver, django_capture_on_commit_callbacks
):
    # Given Wikipedia and Fact Check Tools replayed on the local server
    settings.WIKIPEDIA_API_URL = httpserver.url_for("/w/api.php")
    settings.FACTCHECK_API_KEY = "key-123"
    settings.FACTCHECK_API_URL = httpserver.url_for("/v1alpha1/claims:search")
    httpserver.expect_request("/w/api.php").respond_with_json(
        {
            "batchcomplete": True,
            "query": {
                "search": [{"ns": 0, "title": "2014 Peshawar school massacre", "snippet": "attack"}]
            },
        }
    )
    review_url = httpserver.url_for("/factcheck/peshawar-toll")
    httpserver.expect_request("/v1alpha1/claims:search").respond_with_json(
        {
            "claims": [
                {
                    "text": "141 people were killed in the Peshawar school attack",
                    "claimReview": [
                        {
                            "publisher": {"name": "Example Fact Check"},
                            "url": review_url,
                            "title": "How many died in Peshawar?",
                            "textualRating": "Mostly true",
                            "languageCode": "en",
                        }
                    ],
                }
            ]
        }
    )
    serve(httpserver, "/wiki/2014_Peshawar_school_massacre", "peshawar_toll.html")
    serve(httpserver, "/factcheck/peshawar-toll", "peshawar_attack.html")
    claim = peshawar_claim()
    # When a check runs without URLs
    run = request_check(claim, None, django_capture_on_commit_callbacks)
    # Then both providers' pages became evidence, the fact-check with its rating
    assert run.state == CheckState.SUCCEEDED, run.error
    assert run.providers == ["wikipedia", "factcheck_tools"]
    by_provider = {e.source.provider: e for e in Evidence.objects.select_related("source")}
    assert set(by_provider) == {"wikipedia", "factcheck_tools"}
    assert "rated it 'Mostly true'" in by_provider["factcheck_tools"].explanation


def test_provider_error_does_not_fail_the_check(
    settings, httpserver, django_capture_on_commit_callbacks
):
    settings.WIKIPEDIA_API_URL = httpserver.url_for("/w/api.php")
    httpserver.expect_request("/w/api.php").respond_with_json(
        {"error": {"code": "x", "info": "down"}}
    )
    run = request_check(peshawar_claim(), None, django_capture_on_commit_callbacks)
    assert run.state == CheckState.SUCCEEDED
    assert not Evidence.objects.exists()


# --- verdicts and selectors -------------------------------------------------------------


def add_evidence(claim, stance, *, value=None, published=None, status=FetchStatus.OK, n=[0]):
    n[0] += 1
    source = Source.objects.create(
        url=f"https://news.example.org/{n[0]}", fetch_status=status, published_at=published
    )
    return Evidence.objects.create(
        claim=claim,
        source=source,
        stance=stance,
        found_value=value,
        score=0.5,
        checked_at=timezone.now(),
    )


def test_suggested_verdict_none_without_evidence():
    assert services.suggested_verdict(claim=peshawar_claim()) is None


@pytest.mark.parametrize(
    ("stances", "verdict"),
    [
        ([Stance.SUPPORTS, Stance.SUPPORTS, Stance.MENTIONS], Verdict.ACCURATE),
        ([Stance.CONTRADICTS], Verdict.INACCURATE),
        ([Stance.SUPPORTS, Stance.SUPPORTS, Stance.CONTRADICTS], Verdict.MOSTLY_ACCURATE),
        ([Stance.SUPPORTS, Stance.CONTRADICTS], Verdict.MISLEADING),
        ([Stance.MENTIONS, Stance.NOT_FOUND], Verdict.UNVERIFIABLE),
    ],
)
def test_suggested_verdict(stances, verdict):
    claim = peshawar_claim()
    for stance in stances:
        add_evidence(claim, stance, value=Decimal(141))
    suggestion = services.suggested_verdict(claim=claim)
    assert suggestion is not None and suggestion.verdict == verdict
    assert suggestion.reason


def test_outdated_when_a_later_source_gives_another_figure():
    claim = peshawar_claim(qualifier="exact")
    day = timezone.now() - timedelta(days=30)
    add_evidence(claim, Stance.SUPPORTS, value=Decimal(141), published=day)
    add_evidence(claim, Stance.CONTRADICTS, value=Decimal(149), published=day + timedelta(days=2))
    suggestion = services.suggested_verdict(claim=claim)
    assert suggestion.verdict == Verdict.OUTDATED
    assert "149" in suggestion.reason


def test_failed_fetches_do_not_count_towards_the_verdict():
    claim = peshawar_claim()
    add_evidence(claim, Stance.SUPPORTS, value=Decimal(141))
    add_evidence(claim, NO_STANCE, status=FetchStatus.UNREACHABLE)
    assert services.suggested_verdict(claim=claim).verdict == Verdict.ACCURATE


def test_claim_evidence_orders_by_stance_then_score(django_assert_num_queries):
    claim = peshawar_claim()
    low = add_evidence(claim, Stance.SUPPORTS)
    high = add_evidence(claim, Stance.SUPPORTS)
    Evidence.objects.filter(id=high.id).update(score=0.9)
    against = add_evidence(claim, Stance.CONTRADICTS)
    mention = add_evidence(claim, Stance.MENTIONS)
    with django_assert_num_queries(1):
        rows = [(e.id, e.source.url) for e in claim_evidence(claim=claim)]
    assert [r[0] for r in rows] == [against.id, high.id, low.id, mention.id]


def test_a_page_that_failed_and_then_answers_gets_a_stance_on_the_next_check(
    httpserver, django_capture_on_commit_callbacks, settings
):
    # Given a check whose only page answered 404: the evidence has no stance, not not_found
    settings.FETCH_REFETCH_TTL = 0
    claim = peshawar_claim()
    url = httpserver.url_for("/flaky")
    httpserver.expect_oneshot_request("/flaky").respond_with_data("", status=404)
    request_check(claim, [url], django_capture_on_commit_callbacks)
    assert claim_evidence_counts(claim=claim)["failed"] == 1
    assert claim_evidence_counts(claim=claim)["not_found"] == 0
    assert services.suggested_verdict(claim=claim).verdict == Verdict.UNVERIFIABLE
    assert "1 could not be fetched" in services.suggested_verdict(claim=claim).reason
    # When the page answers on the next check
    httpserver.expect_request("/flaky").respond_with_data(
        page("peshawar_attack.html"), content_type="text/html; charset=utf-8"
    )
    request_check(claim, [url], django_capture_on_commit_callbacks)
    # Then the same evidence row now carries what the page says
    evidence = Evidence.objects.get(claim=claim)
    assert evidence.stance == Stance.SUPPORTS and evidence.page_read
    assert claim_evidence_counts(claim=claim)["failed"] == 0


def test_a_later_figure_on_a_page_is_stored_and_suggests_outdated(
    httpserver, django_capture_on_commit_callbacks
):
    # Given a page, with no publication date, saying the toll has since risen past the claim
    httpserver.expect_request("/update").respond_with_data(
        "<html><head><title>Peshawar school attack toll rises</title></head><body><article>"
        "<p>Taliban gunmen stormed the Army Public School in Peshawar on Tuesday.</p>"
        "<p>The death toll has risen to 148, hospital officials said on Thursday.</p>"
        "</article></body></html>",
        content_type="text/html; charset=utf-8",
    )
    claim = peshawar_claim(qualifier="exact")
    request_check(claim, [httpserver.url_for("/update")], django_capture_on_commit_callbacks)
    # Then the evidence holds the later figure, marked as an update
    evidence = Evidence.objects.get(claim=claim)
    assert evidence.stance == Stance.CONTRADICTS
    assert evidence.updated is True and evidence.found_value == Decimal(148)
    # And the suggestion is outdated, not inaccurate
    suggestion = services.suggested_verdict(claim=claim)
    assert suggestion.verdict == Verdict.OUTDATED
    assert "148" in suggestion.reason


def test_an_updated_figure_with_a_later_supporting_source_is_not_outdated():
    claim = peshawar_claim()
    add_evidence(
        claim, Stance.SUPPORTS, value=Decimal(141), published=datetime(2014, 12, 20, tzinfo=UTC)
    )
    later = add_evidence(
        claim, Stance.CONTRADICTS, value=Decimal(148), published=datetime(2014, 12, 18, tzinfo=UTC)
    )
    Evidence.objects.filter(pk=later.pk).update(updated=True)
    assert services.suggested_verdict(claim=claim).verdict == Verdict.MISLEADING


def test_a_user_without_a_desk_role_cannot_request_a_check(django_user_model):
    from claims.workflow import RoleNotAllowed

    claim = peshawar_claim()
    outsider = django_user_model.objects.create_user("olga", password="pw-olga-12345")
    with pytest.raises(RoleNotAllowed):
        services.check_request(claim=claim, actor=outsider, urls=["https://news.example/a"])
    assert not CheckRun.objects.filter(claim=claim).exists()


def test_the_system_and_desk_members_may_request_checks(reviewer):
    claim = peshawar_claim()
    assert services.check_request(claim=claim, actor=None, urls=None).pk
    assert services.check_request(claim=claim, actor=reviewer, urls=None).pk
