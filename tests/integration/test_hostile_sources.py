"""A source redirecting to a non-http URL, through a real worker: that source is `blocked`,
the good source of the same check still gives evidence, and a URL import finishes."""

from __future__ import annotations

import pytest

from claims.article_imports import article_import_request
from claims.models import ArticleImport
from tests.integration.conftest import wait_for
from tests.verification.check_fixtures import peshawar_claim
from verification.models import CheckRun, CheckState, Evidence, FetchStatus, Stance
from verification.services import check_request

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

SCHEMES = ["javascript:alert(1)", "data:text/html,hello", "mailto:desk@example.org", "about:blank"]


def test_scheme_redirects_are_blocked_sources_and_the_good_one_still_counts(worker, pages):
    _, log = worker
    claim = peshawar_claim()
    good = pages.url("/news/peshawar_attack.html")
    bad = [pages.redirect_url(location) for location in SCHEMES]
    # Given one check with four hostile redirects and one good page
    run = check_request(claim=claim, actor=None, urls=[*bad, good])
    # When the worker runs it
    wait_for(
        lambda: CheckRun.objects.filter(
            id=run.id, state__in=[CheckState.SUCCEEDED, CheckState.FAILED]
        ).exists(),
        timeout=30,
        what="the check to finish",
        log=log,
    )
    run.refresh_from_db()
    # Then the run succeeds, the good page supports the claim and each bad one is blocked
    assert run.state == CheckState.SUCCEEDED, run.error
    evidence = {
        e.source.url: e for e in Evidence.objects.filter(claim=claim).select_related("source")
    }
    assert evidence[good].stance == Stance.SUPPORTS
    for url in bad:
        assert evidence[url].source.fetch_status == FetchStatus.BLOCKED, evidence[url].source.error
        assert "only http and https" in evidence[url].source.error


def test_url_import_redirected_to_javascript_fails_instead_of_staying_running(worker, pages):
    _, log = worker
    request = article_import_request(url=pages.redirect_url("javascript:alert(1)"))
    row = request.article_import
    assert row is not None
    wait_for(
        lambda: ArticleImport.objects.filter(id=row.pk, state__in=["succeeded", "failed"]).exists(),
        timeout=30,
        what="the import to finish",
        log=log,
    )
    row.refresh_from_db()
    assert row.state == "failed" and row.fetch_status == "blocked", row.error
