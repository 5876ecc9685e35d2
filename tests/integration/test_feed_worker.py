"""Monitored feeds through a real worker and a real beat: beat enqueues the due feed, the
worker polls it, imports its entries, ingests them and matches the repeated toll."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings

from claims.models import Article, ArticleImport, ImportState
from feeds.models import Feed, FeedEntry
from repeats.models import ClaimMatch
from tests.integration.conftest import ROOT, database_url, stop_worker, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

STORIES = {
    "/story-1": (
        "<html><head><title>Quake flattens villages in Herat</title></head><body><article>"
        "<p>A powerful earthquake flattened dozens of villages in Herat province on Saturday."
        " At least 2,053 people were killed, the disaster ministry said. Rescue teams were "
        "digging through mud-brick houses in Zindajan district with their bare hands.</p>"
        "<p>Aid agencies said they were sending tents and blankets to the district, where "
        "most houses had collapsed and families slept in the open.</p></article></body></html>"
    ),
    "/story-2": (
        "<html><head><title>Herat quake: rescuers search for survivors</title></head><body>"
        "<article><p>Rescuers in Herat were still searching for survivors on Sunday. The "
        "disaster ministry said more than 2,000 people died in the earthquake, most of them "
        "in Zindajan district.</p><p>Villagers dug through the rubble of homes built of mud "
        "bricks, which offered little protection when the ground shook.</p></article>"
        "</body></html>"
    ),
}


class FeedServer:
    """An RSS feed of two stories and the story pages, on 127.0.0.1."""

    def __init__(self) -> None:
        server = self
        self.hits: dict[str, int] = {}

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits[self.path] = server.hits.get(self.path, 0) + 1
                if self.path == "/rss":
                    items = "".join(
                        f"<item><title>Story {n}</title><link>{server.url(path)}</link>"
                        f"<guid>story-{n}</guid></item>"
                        for n, path in enumerate(STORIES, 1)
                    )
                    body = (
                        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                        f"{items}</channel></rss>"
                    ).encode()
                    kind = "application/rss+xml"
                elif self.path in STORIES:
                    body, kind = STORIES[self.path].encode(), "text/html; charset=utf-8"
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    yield server
    server.close()


@pytest.fixture
def beat(worker, tmp_path):
    """celery beat as a subprocess, looking for due feeds every second."""
    from django.db import connection

    log = tmp_path / "beat.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict["NAME"]),
        "REDIS_URL": settings.REDIS_URL,
        "SECRET_KEY": "integration-tests-only",
        "DEBUG": "0",
        "CLAIMDESK_TESTING": "0",
        "FEED_BEAT_INTERVAL": "1",
        "CHECK_SWEEP_INTERVAL": "3600",
    }
    command = [
        sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel", "INFO",
        "--schedule", str(tmp_path / "beat-schedule"), "--pidfile", "",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        yield process, log
    finally:
        stop_worker(process)


def test_beat_polls_a_feed_and_the_worker_turns_entries_into_matched_claims(
    worker, beat, feed_server
):
    _, worker_log = worker
    feed = Feed.objects.create(url=feed_server.url("/rss"), poll_interval=3600)
    wait_for(
        lambda: ArticleImport.objects.filter(state=ImportState.SUCCEEDED).count() == 2,
        timeout=60,
        what="beat to poll the feed and the worker to import both stories",
        log=worker_log,
    )
    feed.refresh_from_db()
    assert feed.last_polled_at is not None and feed.last_error == ""
    assert feed.title == "Wire"
    assert FeedEntry.objects.filter(feed=feed).count() == 2
    stories = set(Article.objects.values_list("pk", flat=True))
    assert len(stories) == 2
    # The later-ingested story repeats the earlier one (one worker: in feed order).
    wait_for(
        lambda: ClaimMatch.objects.exists(),
        timeout=30,
        what="the worker to match the repeated toll",
        log=worker_log,
    )
    match = ClaimMatch.objects.select_related("claim", "matched_claim").get()
    assert match.reason == "same_figure"
    assert {match.claim.article_id, match.matched_claim.article_id} == stories
    assert {match.claim.value, match.matched_claim.value} == {2000, 2053}
    assert feed_server.hits["/rss"] == 1  # leased: polled once in its hour, not every second
