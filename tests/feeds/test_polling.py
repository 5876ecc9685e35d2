"""Feed polling against a real HTTP server on 127.0.0.1: RSS 2.0, Atom, broken feeds,
conditional GET, repeated entries, and the path from an entry to claims and matches."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from werkzeug.wrappers import Response

from claims.models import Article, ArticleImport, Claim, ImportState
from feeds.models import Feed, FeedEntry
from feeds.services import backoff_seconds, feed_poll, feeds_due, feeds_poll_all_due
from repeats.models import ClaimMatch

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("_local_fetching"),
]

STORY_ONE = """<html><head><title>Quake toll rises in Herat</title></head><body><article>
<h1>Quake toll rises in Herat</h1>
<p>A powerful earthquake flattened dozens of villages in Herat province on Saturday.
At least 2,053 people were killed, the disaster ministry said. Rescue teams were digging
through mud-brick houses in Zindajan district with their bare hands.</p>
<p>Aid agencies said they were sending tents and blankets to the district, where most
houses had collapsed and families were sleeping in the open as night temperatures fell.</p>
</article></body></html>"""

STORY_TWO = """<html><head><title>Herat quake: rescuers search for survivors</title></head>
<body><article><h1>Herat quake: rescuers search for survivors</h1>
<p>Rescuers in Herat were still searching for survivors on Sunday. The disaster ministry
said more than 2,000 people died in the earthquake, most of them in Zindajan district.</p>
<p>Villagers used shovels and their hands to dig through the rubble of homes built of mud
bricks, which offered little protection when the ground shook.</p>
</article></body></html>"""


@pytest.fixture
def _local_fetching():
    with override_settings(
        FETCH_ALLOWED_PRIVATE_HOSTS=["127.0.0.1", "localhost"], FETCH_REFETCH_TTL=0
    ):
        yield


def rss(*items: tuple[str, str, str]) -> str:
    body = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{guid}</guid>"
        "<pubDate>Sun, 08 Oct 2023 10:00:00 GMT</pubDate></item>"
        for title, link, guid in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Wire: South Asia</title><link>https://wire.example/</link>{body}"
        "</channel></rss>"
    )


def atom(*entries: tuple[str, str, str]) -> str:
    body = "".join(
        f'<entry><title>{title}</title><link href="{link}"/><id>{ident}</id>'
        "<updated>2023-10-09T08:00:00Z</updated></entry>"
        for title, link, ident in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Desk Atom feed</title><id>urn:desk</id>"
        f"<updated>2023-10-09T08:00:00Z</updated>{body}</feed>"
    )


def serve_pages(httpserver):
    httpserver.expect_request("/story-1").respond_with_data(STORY_ONE, content_type="text/html")
    httpserver.expect_request("/story-2").respond_with_data(STORY_TWO, content_type="text/html")


@pytest.fixture
def poll(django_capture_on_commit_callbacks):
    """Poll a feed now, running what its commits trigger (imports, matching) inline."""

    def run(feed):
        with django_capture_on_commit_callbacks(execute=True):
            return feed_poll(feed_id=feed.pk)

    return run


def test_an_rss_entry_becomes_an_import_an_article_and_claims(httpserver, poll):
    serve_pages(httpserver)
    httpserver.expect_request("/rss").respond_with_data(
        rss(("Quake toll", httpserver.url_for("/story-1"), "wire-1")),
        content_type="application/rss+xml",
    )
    feed = Feed.objects.create(url=httpserver.url_for("/rss"))
    report = poll(feed)
    assert report.error == "" and report.entries == 1 and len(report.imports) == 1
    entry = FeedEntry.objects.get(feed=feed)
    assert entry.title == "Quake toll" and entry.published_at is not None
    run = ArticleImport.objects.get(pk=report.imports[0])
    assert run.state == ImportState.SUCCEEDED
    assert Claim.objects.filter(article=run.article, value=2053).exists()
    feed.refresh_from_db()
    assert feed.title == "Wire: South Asia" and feed.last_error == "" and feed.failures == 0
    assert feed.next_poll_at > timezone.now() + timedelta(seconds=feed.poll_interval - 60)


def test_an_atom_feed_whose_second_story_repeats_the_first_gets_a_match(httpserver, poll):
    serve_pages(httpserver)
    httpserver.expect_request("/atom").respond_with_data(
        atom(
            ("Quake toll", httpserver.url_for("/story-1"), "urn:1"),
            ("Rescuers search", httpserver.url_for("/story-2"), "urn:2"),
        ),
        content_type="application/atom+xml",
    )
    feed = Feed.objects.create(url=httpserver.url_for("/atom"))
    report = poll(feed)
    assert len(report.imports) == 2
    second = Article.objects.get(url=httpserver.url_for("/story-2"))
    match = ClaimMatch.objects.get(claim__article=second)
    assert match.reason == "same_figure" and match.matched_claim.value == 2053


def test_repeated_entries_and_known_urls_are_imported_once(httpserver, poll):
    serve_pages(httpserver)
    link = httpserver.url_for("/story-1")
    httpserver.expect_request("/rss").respond_with_data(
        rss(("Quake toll", link, "wire-1"), ("Quake toll (again)", link, "wire-1b")),
        content_type="application/rss+xml",
    )
    feed = Feed.objects.create(url=httpserver.url_for("/rss"))
    first = poll(feed)
    assert len(first.imports) == 1 and first.existing == 1  # same link under another guid
    again = poll(Feed.objects.get(pk=feed.pk))
    assert again.imports == [] and again.existing == 2
    other = Feed.objects.create(url=httpserver.url_for("/rss") + "?copy=1")
    third = poll(other)
    assert third.imports == [] and third.existing == 2
    assert ArticleImport.objects.count() == 1 and Article.objects.count() == 1


def test_the_same_text_at_another_url_is_one_article(httpserver, poll):
    serve_pages(httpserver)
    httpserver.expect_request("/mirror").respond_with_data(STORY_ONE, content_type="text/html")
    httpserver.expect_request("/rss").respond_with_data(
        rss(
            ("Quake toll", httpserver.url_for("/story-1"), "a"),
            ("Quake toll (mirror)", httpserver.url_for("/mirror"), "b"),
        ),
        content_type="application/rss+xml",
    )
    poll(Feed.objects.create(url=httpserver.url_for("/rss")))
    runs = ArticleImport.objects.order_by("id")
    assert [r.state for r in runs] == [ImportState.SUCCEEDED, ImportState.SUCCEEDED]
    assert runs[0].article_id == runs[1].article_id  # deduplicated by content hash
    assert Article.objects.count() == 1


def test_a_304_answer_keeps_the_validators_and_imports_nothing(httpserver, poll):
    httpserver.expect_ordered_request("/rss").respond_with_response(
        Response(
            rss(),
            content_type="application/rss+xml",
            headers={"ETag": '"v1"', "Last-Modified": "Sun, 08 Oct 2023 10:00:00 GMT"},
        )
    )
    httpserver.expect_ordered_request(
        "/rss",
        headers={"If-None-Match": '"v1"', "If-Modified-Since": "Sun, 08 Oct 2023 10:00:00 GMT"},
    ).respond_with_response(Response(status=304))
    feed = Feed.objects.create(url=httpserver.url_for("/rss"))
    poll(feed)
    feed.refresh_from_db()
    assert feed.etag == '"v1"' and feed.last_modified.startswith("Sun, 08 Oct")
    report = poll(feed)
    assert report.not_modified and report.error == ""
    feed.refresh_from_db()
    assert feed.etag == '"v1"' and feed.last_error == ""
    httpserver.check_assertions()


@pytest.mark.parametrize(
    ("respond", "error"),
    [
        ("malformed", "Not a readable RSS or Atom feed"),
        ("html", "Not an RSS or Atom feed: Content type text/html"),
        ("404", "HTTP 404"),
        ("huge", "larger than"),
        ("private-redirect", "Refused"),
        ("slow", "Timed out"),
    ],
)
def test_a_broken_feed_records_its_error_and_backs_off(httpserver, poll, respond, error):
    if respond == "malformed":
        httpserver.expect_request("/feed").respond_with_data(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item>'
            "<title>Unclosed & bad</title></channel>",
            content_type="application/rss+xml",
        )
    elif respond == "html":
        httpserver.expect_request("/feed").respond_with_data(
            "<html><body>Not a feed</body></html>", content_type="text/html"
        )
    elif respond == "404":
        httpserver.expect_request("/feed").respond_with_data("gone", status=404)
    elif respond == "huge":
        httpserver.expect_request("/feed").respond_with_data(
            rss() + " " * 5000, content_type="application/rss+xml"
        )
    elif respond == "private-redirect":
        httpserver.expect_request("/feed").respond_with_data(
            "", status=302, headers={"Location": "http://10.0.0.7/feed.xml"}
        )
    else:

        def slow(request):
            time.sleep(1.5)
            return Response(rss(), content_type="application/rss+xml")

        httpserver.expect_request("/feed").respond_with_handler(slow)
    feed = Feed.objects.create(url=httpserver.url_for("/feed"), poll_interval=600)
    with override_settings(FEED_MAX_BYTES=4096, FETCH_TIMEOUT=0.5):
        report = poll(feed)
    assert error in report.error
    feed.refresh_from_db()
    assert error in feed.last_error and feed.failures == 1
    first_wait = feed.next_poll_at - feed.last_polled_at
    assert first_wait == timedelta(seconds=600)
    with override_settings(FEED_MAX_BYTES=4096, FETCH_TIMEOUT=0.5):
        poll(feed)
    feed.refresh_from_db()
    assert feed.failures == 2
    assert feed.next_poll_at - feed.last_polled_at == timedelta(seconds=1200)
    assert not FeedEntry.objects.exists()


def test_backoff_is_capped(settings):
    settings.FEED_MAX_BACKOFF = 3600
    feed = Feed(poll_interval=900)
    assert [backoff_seconds(feed, n) for n in (1, 2, 3, 4, 10)] == [900, 1800, 3600, 3600, 3600]


def test_an_entry_pointing_at_a_private_address_is_refused(httpserver, poll):
    httpserver.expect_request("/rss").respond_with_data(
        rss(
            ("Metadata", "http://169.254.169.254/latest/meta-data/", "m"),
            ("Intranet", "http://10.1.2.3/secret", "i"),
        ),
        content_type="application/rss+xml",
    )
    feed = Feed.objects.create(url=httpserver.url_for("/rss"))
    report = poll(feed)
    assert report.refused == 2 and report.imports == []
    errors = sorted(FeedEntry.objects.values_list("error", flat=True))
    assert all(e.startswith("Refused") for e in errors)
    assert not ArticleImport.objects.exists()
    assert Feed.objects.get(pk=feed.pk).last_error == ""  # the feed itself is fine


def test_one_broken_feed_never_stops_the_others(httpserver, django_capture_on_commit_callbacks):
    serve_pages(httpserver)
    httpserver.expect_request("/broken").respond_with_data("oops", status=500)
    httpserver.expect_request("/good").respond_with_data(
        rss(("Quake toll", httpserver.url_for("/story-1"), "g1")),
        content_type="application/rss+xml",
    )
    broken = Feed.objects.create(url=httpserver.url_for("/broken"))
    good = Feed.objects.create(url=httpserver.url_for("/good"))
    paused = Feed.objects.create(url=httpserver.url_for("/paused"), active=False)
    with django_capture_on_commit_callbacks(execute=True):
        reports = {r.feed_id: r for r in feeds_poll_all_due()}
    assert set(reports) == {broken.pk, good.pk}
    assert "HTTP 500" in reports[broken.pk].error
    assert len(reports[good.pk].imports) == 1
    assert Feed.objects.get(pk=paused.pk).last_polled_at is None


def test_due_feeds_are_leased_once(httpserver):
    feed = Feed.objects.create(url=httpserver.url_for("/rss"))
    now = timezone.now()
    assert feeds_due(now=now) == [feed.pk]
    assert feeds_due(now=now) == []  # leased until its interval has passed
    assert feeds_due(now=now + timedelta(seconds=feed.poll_interval + 1)) == [feed.pk]


def test_poll_feeds_command_polls_once_inline(httpserver, capsys):
    serve_pages(httpserver)
    httpserver.expect_request("/rss").respond_with_data(
        rss(("Quake toll", httpserver.url_for("/story-1"), "c1")),
        content_type="application/rss+xml",
    )
    Feed.objects.create(url=httpserver.url_for("/rss"))
    call_command("poll_feeds")
    out = capsys.readouterr().out
    assert "1 entries, 1 new imports" in out and "1 feed(s) polled." in out
