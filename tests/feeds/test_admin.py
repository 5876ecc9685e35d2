"""Feeds in the admin: editors add and change them, reviewers only look."""

from __future__ import annotations

import pytest

from feeds.models import Feed

pytestmark = pytest.mark.django_db


def test_an_editor_adds_a_feed_in_the_admin(client, editor):
    client.force_login(editor)
    assert client.get("/admin/feeds/feed/add/").status_code == 200
    response = client.post(
        "/admin/feeds/feed/add/",
        {
            "url": "https://wire.example/rss.xml",
            "title": "Wire",
            "active": "on",
            "poll_interval": "900",
            "next_poll_at_0": "2026-01-01",
            "next_poll_at_1": "00:00:00",
            "entries-TOTAL_FORMS": "0",
            "entries-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert Feed.objects.get().created_by == editor


def test_a_reviewer_sees_feeds_but_cannot_add_or_change_them(client, reviewer):
    feed = Feed.objects.create(url="https://wire.example/rss.xml", last_error="HTTP 404")
    client.force_login(reviewer)
    listing = client.get("/admin/feeds/feed/")
    assert listing.status_code == 200 and "HTTP 404" in listing.content.decode()
    assert client.get("/admin/feeds/feed/add/").status_code == 403
    response = client.post(f"/admin/feeds/feed/{feed.pk}/change/", {"url": "https://x.example/"})
    assert response.status_code == 403
    assert Feed.objects.get().url == "https://wire.example/rss.xml"
