"""GET/POST /api/v1/feeds/ (DESIGN §7): desk members read, editors add."""

from __future__ import annotations

import pytest

from claims.models import ArticleImport
from feeds.models import Feed, FeedEntry
from tests.api.support import token_client
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

FIELDS = {"id", "url", "title", "active", "last_polled_at", "last_error", "articles_count"}


def test_an_editor_adds_a_feed(editor_client, editor):
    response = editor_client.post(
        "/api/v1/feeds/",
        {"url": "https://wire.example/rss.xml", "title": "Wire", "poll_interval": 600},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert set(body) >= FIELDS
    assert body["url"] == "https://wire.example/rss.xml" and body["active"] is True
    assert body["last_error"] is None and body["articles_count"] == 0
    feed = Feed.objects.get(pk=body["id"])
    assert feed.created_by == editor and feed.poll_interval == 600


def test_the_list_counts_the_articles_each_feed_brought_in(reviewer_client):
    feed = Feed.objects.create(url="https://wire.example/rss.xml", last_error="HTTP 503")
    article = ArticleFactory()
    done = ArticleImport.objects.create(url="https://wire.example/a", article=article)
    waiting = ArticleImport.objects.create(url="https://wire.example/b")
    FeedEntry.objects.create(feed=feed, key="a", link=done.url, article_import=done)
    FeedEntry.objects.create(feed=feed, key="b", link=waiting.url, article_import=waiting)
    FeedEntry.objects.create(feed=feed, key="c", link="https://x.example/", article=article)
    FeedEntry.objects.create(feed=feed, key="d", link="http://10.0.0.1/", error="Refused")
    response = reviewer_client.get("/api/v1/feeds/")
    assert response.status_code == 200
    (row,) = response.json()["results"]
    assert row["articles_count"] == 2 and row["last_error"] == "HTTP 503"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": "ftp://wire.example/rss"}, "url"),
        ({"url": "not a url"}, "url"),
        ({}, "url"),
        ({"url": "https://wire.example/rss", "poll_interval": 5}, "poll_interval"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(editor_client, body, field):
    response = editor_client.post("/api/v1/feeds/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Feed.objects.exists()


def test_the_same_feed_twice_is_a_400(editor_client):
    Feed.objects.create(url="https://wire.example/rss.xml")
    response = editor_client.post(
        "/api/v1/feeds/", {"url": "https://wire.example/rss.xml"}, format="json"
    )
    assert response.status_code == 400
    assert "url" in response.json()["errors"]


def test_who_may_read_and_write(anon_client, reviewer_client, outsider):
    body = {"url": "https://wire.example/rss.xml"}
    assert anon_client.get("/api/v1/feeds/").status_code == 401
    assert token_client(outsider).get("/api/v1/feeds/").status_code == 403
    assert reviewer_client.get("/api/v1/feeds/").status_code == 200
    response = reviewer_client.post("/api/v1/feeds/", body, format="json")
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert anon_client.post("/api/v1/feeds/", body, format="json").status_code == 401
    assert not Feed.objects.exists()
