"""Publication dates end to end, check on ingest, and what one check costs in queries.

Pages are served on 127.0.0.1; the dates come from the pages' own markup.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from claims.models import Verdict
from tests.factories import ArticleFactory, ClaimFactory
from tests.verification.check_fixtures import local_checks, page, peshawar_claim  # noqa: F401
from verification import matching, services
from verification.models import CheckRun, CheckState, Evidence, Source, Stance

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("local_checks")]


def serve(httpserver, path: str, body: str) -> str:
    httpserver.expect_request(path).respond_with_data(body, content_type="text/html; charset=utf-8")
    return httpserver.url_for(path)


def test_outdated_from_two_local_pages_with_different_dates(
    httpserver, django_capture_on_commit_callbacks
):
    # Given the first report (141 killed, 16 December) and a later one (149, 18 December)
    first = serve(httpserver, "/first", page("peshawar_attack.html"))
    later = serve(httpserver, "/later", page("peshawar_toll.html"))
    claim = peshawar_claim(qualifier="exact")
    # When both are checked
    with django_capture_on_commit_callbacks(execute=True):
        run = services.check_request(claim=claim, actor=None, urls=[first, later])
    run.refresh_from_db()
    assert run.state == CheckState.SUCCEEDED
    # Then each source carries the date its page declares
    assert Source.objects.get(url=first).published_at == datetime(2014, 12, 16, 13, tzinfo=UTC)
    assert Source.objects.get(url=later).published_at == datetime(2014, 12, 18, 4, 30, tzinfo=UTC)
    stances = {e.source.url: e.stance for e in Evidence.objects.filter(claim=claim)}
    assert stances == {first: Stance.SUPPORTS, later: Stance.CONTRADICTS}
    # And the later, different figure makes the claim outdated
    suggestion = services.suggested_verdict(claim=claim)
    assert suggestion is not None and suggestion.verdict == Verdict.OUTDATED
    assert "149" in suggestion.reason and "2014-12-18" in suggestion.reason


def test_same_dates_swapped_give_misleading_not_outdated(
    httpserver, django_capture_on_commit_callbacks
):
    # The contradicting page is the older one: the figure did not move on, sources disagree
    older_toll = page("peshawar_toll.html").replace("2014-12-18T09:30", "2014-12-10T09:30")
    urls = [
        serve(httpserver, "/a", page("peshawar_attack.html")),
        serve(httpserver, "/b", older_toll),
    ]
    claim = peshawar_claim(qualifier="exact")
    with django_capture_on_commit_callbacks(execute=True):
        services.check_request(claim=claim, actor=None, urls=urls)
    suggestion = services.suggested_verdict(claim=claim)
    assert suggestion is not None and suggestion.verdict == Verdict.MISLEADING


def test_queries_per_stage_are_pinned(httpserver, django_assert_max_num_queries):
    url = serve(httpserver, "/p", page("peshawar_attack.html"))
    claim = peshawar_claim()
    run = CheckRun.objects.create(claim=claim, urls=[url], state=CheckState.QUEUED)
    # start (update + read), the source (read + one upsert + the activity of the claims
    # citing it), the run's sources
    with django_assert_max_num_queries(8):
        stage = services.check_stage_fetch(run_id=run.pk, task_id="t-1")
    assert stage.run is not None
    # the stage clock (deadline_at: one guarded update, so a dead analyze worker is noticed
    # in minutes), run and sources, then one transaction: lock, evidence upsert, close
    # (+ hooks on close, + the check's line in the claim's history: its sources read, one
    # insert)
    with django_assert_max_num_queries(11):
        finished = services.check_stage_analyze(run_id=run.pk, task_id="t-1")
    assert finished is not None and finished.state == CheckState.SUCCEEDED


def test_refetch_failure_keeps_text_with_the_single_upsert(httpserver, settings):
    url = serve(httpserver, "/gone", page("peshawar_attack.html"))
    first = services.source_fetch(url=url, provider="reviewer").source
    settings.FETCH_REFETCH_TTL = 0
    httpserver.clear()
    httpserver.expect_request("/gone").respond_with_data("", status=404)
    again = services.source_fetch(url=url, provider="other").source
    assert again.pk == first.pk
    stored = Source.objects.get(pk=first.pk)
    assert "Army Public School" in stored.text and stored.provider == "reviewer"
    assert stored.error.startswith("Refetch failed (http_error)")


# --- check on ingest --------------------------------------------------------------------


@pytest.fixture
def wikipedia_on(settings):
    settings.WIKIPEDIA_API_URL = "http://127.0.0.1:9/w/api.php"
    return settings


def article_with_claims(n: int):
    article = ArticleFactory(text=f"Ingested story {n}: 141 people were killed.")
    claims = [ClaimFactory(article=article) for _ in range(2)]
    return article, claims


def test_check_on_ingest_off_by_default_does_nothing(wikipedia_on):
    article, _ = article_with_claims(1)
    assert services.checks_request_for_article(article=article, actor=None) == []
    assert not CheckRun.objects.exists()


def test_check_on_ingest_without_a_provider_does_nothing(settings):
    settings.CHECK_ON_INGEST = True
    article, _ = article_with_claims(2)
    assert services.checks_request_for_article(article=article, actor=None) == []


def test_check_on_ingest_queues_one_run_per_claim_on_commit(
    wikipedia_on, monkeypatch, django_capture_on_commit_callbacks
):
    wikipedia_on.CHECK_ON_INGEST = True
    published: list[int] = []

    def enqueue(*, run_id: int) -> bool:
        published.append(run_id)
        return True

    monkeypatch.setattr("verification.check_runs.check_enqueue", enqueue)
    article, claims = article_with_claims(3)
    with django_capture_on_commit_callbacks(execute=True):
        runs = services.checks_request_for_article(article=article, actor=None)
        assert published == []  # nothing leaves before the commit
    assert len(runs) == 2 and sorted(published) == sorted(r.pk for r in runs)
    assert sorted(r.claim_id for r in runs) == sorted(c.pk for c in claims)
    for run in CheckRun.objects.filter(id__in=published):
        assert run.state == CheckState.QUEUED and run.urls == []
        assert run.providers == ["wikipedia"]
    # An article ingested again does not queue its claims twice while they wait
    with django_capture_on_commit_callbacks(execute=True):
        assert services.checks_request_for_article(article=article, actor=None) == []


# --- matching on long pages -------------------------------------------------------------


def long_page(figure_at: int, sentences: int = 120) -> str:
    filler = [
        f"Background note {i}: traders in the old city market reopened their stalls slowly."
        for i in range(sentences)
    ]
    filler[figure_at] = (
        "Taliban gunmen attacked the Army Public School in Peshawar, killing at least 141 people."
    )
    return "\n\n".join(filler)


@pytest.mark.parametrize("position", [0, 60, 119])
def test_figures_are_found_anywhere_on_a_long_page(position):
    text = long_page(position)
    matching._prepare.cache_clear()
    result = matching.match_claim(
        matching.ClaimFacts(
            kind="casualty_count",
            text="At least 141 people were killed when Taliban gunmen attacked the Army "
            "Public School in Peshawar.",
            value=Decimal(141),
            qualifier="at_least",
            unit="killed",
        ),
        text,
    )
    assert result.stance == matching.SUPPORTS and result.found_value == Decimal(141)
    assert result.passage_start is not None and result.passage_end is not None
    assert text[result.passage_start : result.passage_end] == result.passage
