"""URL-only ingestion: the background fetch through the safe fetcher, and its record."""

from __future__ import annotations

import pytest
from django.test import override_settings
from werkzeug import Response

from claims.article_imports import article_import_fetch, article_import_request
from claims.models import ArticleImport
from claims.tasks import article_import_run

pytestmark = pytest.mark.django_db

PAGE = """<!doctype html><html><head><title>Flood toll rises</title></head><body>
<article><h1>Flood toll rises</h1>
<p>At least 41 people were killed in the floods in the north of the province on Monday,
officials said, and more than 200 were injured as rivers burst their banks.</p>
<p>Rescue teams were still searching for 12 people missing in the worst-hit villages.</p>
</article></body></html>"""


@override_settings(FETCH_ALLOWED_PRIVATE_HOSTS=["127.0.0.1", "localhost"])
def test_import_fetches_the_page_and_ingests_its_main_text(httpserver, editor):
    httpserver.expect_request("/flood").respond_with_data(PAGE, content_type="text/html")
    row = ArticleImport.objects.create(url=httpserver.url_for("/flood"), requested_by=editor)
    article_import_run.delay(row.pk)
    row.refresh_from_db()
    assert row.state == "succeeded", row.error
    assert row.fetch_status == "ok"
    assert row.article.url == httpserver.url_for("/flood")
    assert row.article.claims.count() >= 2
    assert row.finished_at is not None
    assert row.attempts == 1


@override_settings(FETCH_ALLOWED_PRIVATE_HOSTS=["127.0.0.1", "localhost"])
def test_import_records_a_failed_fetch(httpserver):
    httpserver.expect_request("/gone").respond_with_response(Response("no", 404))
    row = ArticleImport.objects.create(url=httpserver.url_for("/gone"))
    article_import_fetch(import_id=row.pk)
    row.refresh_from_db()
    assert row.state == "failed"
    assert row.fetch_status == "http_error"
    assert "404" in row.error
    assert row.article is None


def test_import_of_a_private_address_is_blocked():
    row = ArticleImport.objects.create(url="http://127.0.0.1:9/admin")
    article_import_fetch(import_id=row.pk)
    row.refresh_from_db()
    assert row.state == "failed"
    assert row.fetch_status == "blocked"


def test_a_redelivered_import_does_nothing(httpserver):
    row = ArticleImport.objects.create(url="https://news.example/x", state="succeeded")
    assert article_import_fetch(import_id=row.pk) is None


def test_request_is_queued_on_commit(django_capture_on_commit_callbacks, monkeypatch):
    queued: list[int] = []
    monkeypatch.setattr("claims.article_imports._enqueue", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        result = article_import_request(url="https://news.example/later")
    assert queued == [result.article_import.pk]


def test_admin_lists_imports_read_only_with_a_state_filter(admin_client):
    from tests.factories import ArticleFactory

    article = ArticleFactory(title="Flood toll rises")
    ArticleImport.objects.create(
        url="https://news.example/flood", state="succeeded", article=article
    )
    ArticleImport.objects.create(
        url="https://news.example/gone", state="failed", error="HTTP 404 Not Found"
    )
    listing = admin_client.get("/admin/claims/articleimport/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "https://news.example/flood" in page and "HTTP 404 Not Found" in page
    assert f"/admin/claims/article/{article.pk}/change/" in page
    failed = admin_client.get("/admin/claims/articleimport/?state__exact=failed").content.decode()
    assert "https://news.example/gone" in failed
    assert "https://news.example/flood" not in failed
    assert admin_client.get("/admin/claims/articleimport/add/").status_code == 403
    row = ArticleImport.objects.get(state="failed")
    detail = admin_client.get(f"/admin/claims/articleimport/{row.pk}/change/")
    assert detail.status_code == 200
    assert b'name="url"' not in detail.content  # read-only: no form fields
