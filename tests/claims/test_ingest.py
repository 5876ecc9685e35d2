"""Article ingestion: idempotent on content, all-or-nothing, clear refusals."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from claims.models import Article, Claim, ClaimEvent, ClaimStatus
from claims.services import NoClaimsFound, article_ingest

TEXT = (
    "At least 40 people were killed and more than 200 injured when the bridge collapsed "
    "on Tuesday, the provincial government said.\n\n"
    "The repairs will cost $12.5 million, according to the transport ministry."
)

pytestmark = pytest.mark.django_db


def test_ingest_creates_article_claims_and_audit_rows():
    result = article_ingest(text=TEXT, title="Bridge collapse")

    assert result.created
    claims = list(result.article.claims.order_by("span_start"))
    assert [(c.kind, int(c.value), c.qualifier, c.unit or c.currency) for c in claims] == [
        ("casualty_count", 40, "at_least", "killed"),
        ("casualty_count", 200, "more_than", "injured"),
        ("monetary_amount", 12_500_000, "exact", "USD"),
    ]
    for claim in claims:
        assert claim.status == ClaimStatus.NEW
        assert result.article.text[claim.start : claim.end] == claim.text
    assert ClaimEvent.objects.filter(action="extracted").count() == 3


def test_same_text_twice_returns_the_same_article():
    first = article_ingest(text=TEXT, title="Bridge collapse")
    second = article_ingest(text=TEXT.replace("\n", "\r\n") + "\n", title="Other title")

    assert not second.created
    assert second.article.pk == first.article.pk
    assert Article.objects.count() == 1
    assert Claim.objects.count() == 3


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\x00\x00"])
def test_empty_text_is_refused(text):
    with pytest.raises(ValidationError, match="empty"):
        article_ingest(text=text, title="x")
    assert Article.objects.count() == 0


@override_settings(INGEST_MAX_BYTES=100)
def test_too_large_text_is_refused_with_the_limit():
    with pytest.raises(ValidationError, match="limit is 100 bytes"):
        article_ingest(text=TEXT, title="x")
    assert Article.objects.count() == 0


def test_text_without_claims_can_be_required_to_fail_and_saves_nothing():
    with pytest.raises(NoClaimsFound):
        article_ingest(text="The weather was pleasant today.", title="x", require_claims=True)
    assert Article.objects.count() == 0


def test_markup_is_kept_as_text():
    text = "<script>alert(1)</script> At least 12 people died in the fire, police said."
    result = article_ingest(text=text, title="<b>x</b>")

    assert result.article.text.startswith("<script>")
    assert result.article.claims.get().unit == "killed"


@override_settings(INGEST_MAX_BYTES=100)
def test_too_large_error_carries_a_code_callers_can_map():
    with pytest.raises(ValidationError) as caught:
        article_ingest(text=TEXT, title="x")
    assert caught.value.error_dict["text"][0].code == "too_large"


def test_check_on_ingest_requests_one_check_per_claim(
    httpserver, django_capture_on_commit_callbacks
):
    from verification.models import CheckRun, CheckState

    httpserver.expect_request("/w/api.php").respond_with_json(
        {"batchcomplete": "", "query": {"searchinfo": {"totalhits": 0}, "search": []}}
    )
    with (
        override_settings(CHECK_ON_INGEST=True, WIKIPEDIA_API_URL=httpserver.url_for("/w/api.php")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        result = article_ingest(text=TEXT, title="Bridge collapse")

    runs = CheckRun.objects.filter(claim__article=result.article)
    assert runs.count() == 3
    assert set(runs.values_list("state", flat=True)) == {CheckState.SUCCEEDED}


def test_check_on_ingest_is_off_by_default():
    from verification.models import CheckRun

    article_ingest(text=TEXT, title="Bridge collapse")
    assert CheckRun.objects.count() == 0
