"""The shared provider pieces: pacing, Retry-After and the interface."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from pytest_httpserver import HTTPServer

from tests.verification import fixtures_http as fx
from verification.providers import (
    ClaimQuery,
    MinIntervalLimiter,
    ProviderError,
    ProviderHit,
    ProviderRateLimited,
    WikipediaSearch,
)
from verification.providers.http import parse_retry_after

server = fx.server
module_server = fx.module_server


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_limiter_spaces_calls() -> None:
    clock = FakeClock()
    limiter = MinIntervalLimiter(1.0, clock=clock, sleep=clock.sleep)
    assert limiter.wait() == 0
    assert limiter.wait() == pytest.approx(1.0)
    clock.now += 5
    assert limiter.wait() == 0
    assert clock.slept == [pytest.approx(1.0)]


def test_limiter_zero_interval_never_waits() -> None:
    limiter = MinIntervalLimiter(0)
    assert [limiter.wait() for _ in range(3)] == [0, 0, 0]


def test_limiter_is_shared_across_threads() -> None:
    """Five threads share one limiter: each is given its own slot, one interval apart.

    The clock stands still so the slots do not depend on how the threads are scheduled.
    """
    delays: list[float] = []
    lock = threading.Lock()

    def record(delay: float) -> None:
        with lock:
            delays.append(delay)

    limiter = MinIntervalLimiter(0.03, clock=lambda: 100.0, sleep=record)
    threads = [threading.Thread(target=limiter.wait) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(round(delay, 6) for delay in delays) == [0.03, 0.06, 0.09, 0.12]


def test_provider_honours_its_min_interval(server: HTTPServer) -> None:
    server.expect_request("/w/api.php").respond_with_json(fx.load_payload("wikipedia_empty.json"))
    search = WikipediaSearch(f"{fx.base_url(server)}/w/api.php", min_interval=0.25)
    claim = ClaimQuery(text="Peshawar", kind="number")
    started = time.monotonic()
    search.search(claim)
    search.search(claim)
    assert time.monotonic() - started >= 0.25


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("120", 120.0),
        ("0", 0.0),
        ("1.5", 1.5),
        ("-3", 0.0),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after_seconds(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header) == expected


def test_parse_retry_after_http_date() -> None:
    now = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
    header = format_datetime(now + timedelta(seconds=90), usegmt=True)
    assert parse_retry_after(header, now=now) == pytest.approx(90.0)


def test_rate_limited_is_a_transient_provider_error() -> None:
    error = ProviderRateLimited("wikipedia: rate limited", retry_after=5.0)
    assert isinstance(error, ProviderError)
    assert error.transient and error.retry_after == 5.0 and error.status == 429


def test_hit_defaults() -> None:
    hit = ProviderHit(provider="wikipedia", url="https://en.wikipedia.org/wiki/Peshawar")
    assert (hit.title, hit.snippet, hit.publisher, hit.rating) == ("", "", "", "")
