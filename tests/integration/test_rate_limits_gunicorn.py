"""Rate limits through real gunicorn with two worker processes and Redis counters.

Before: a client rotating ``X-Forwarded-For`` got every request through (each value was a
new client), and each worker process kept its own counters, so two workers let twice the
limit through. Now the socket address is the client (``NUM_PROXIES=0``) and the counters
are in Redis: exactly the limit gets through, whatever the header says and whichever
worker answers.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.db import connection

from tests.integration.conftest import ROOT, database_url

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ANON_LIMIT = 30
TOKEN_LIMIT = 5


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _clear_throttle_keys() -> None:
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    for key in client.scan_iter(match="claimdesk-throttle:*", count=500):
        client.delete(key)


@pytest.fixture
def gunicorn(services_available, tmp_path: Path):
    _clear_throttle_keys()
    port = _free_port()
    log = tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict["NAME"]),
        "REDIS_URL": settings.REDIS_URL,
        "SECRET_KEY": "integration-tests-only-" + "x" * 40,
        "DEBUG": "0",
        "CLAIMDESK_TESTING": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "API_THROTTLE_ANON": f"{ANON_LIMIT}/min",
        "API_THROTTLE_TOKEN": f"{TOKEN_LIMIT}/min",
        "CONN_MAX_AGE": "0",
    }
    env.pop("NUM_PROXIES", None)
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2",
        "--bind", f"127.0.0.1:{port}", "--access-logfile", "-",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/livez", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)
        yield base, log
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        _clear_throttle_keys()


def _spoofed() -> dict[str, str]:
    return {"X-Forwarded-For": f"203.0.113.{random.randint(1, 254)}, 198.51.100.7"}


def _send(requests: list[tuple[str, str, dict]]) -> tuple[Counter[int], set[str]]:
    """Send in parallel on fresh connections (so both workers answer); count statuses.

    Limits count per clock-aligned minute: start well inside one, so the burst cannot
    straddle two windows.
    """
    if time.time() % 60 > 45:
        time.sleep(61 - time.time() % 60)

    def one(item: tuple[str, str, dict]) -> tuple[int, str]:
        method, url, kwargs = item
        response = httpx.request(method, url, headers=_spoofed(), timeout=10, **kwargs)
        return response.status_code, response.headers.get("X-Served-By", "")

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(one, requests))
    return Counter(status for status, _ in results), {who for _, who in results}


def _workers_that_answered(log: Path) -> int:
    pids = set()
    for line in log.read_text(errors="replace").splitlines():
        if "Booting worker with pid" in line:
            pids.add(line.rsplit(" ", 1)[-1])
    return len(pids)


def test_rotating_x_forwarded_for_over_two_workers_gets_exactly_the_anon_limit(gunicorn):
    base, log = gunicorn
    statuses, _ = _send([("GET", f"{base}/api/v1/claims/", {}) for _ in range(90)])
    assert _workers_that_answered(log) == 2
    assert statuses == Counter({200: ANON_LIMIT, 429: 90 - ANON_LIMIT}), statuses


def test_the_token_endpoint_has_its_own_stricter_limit(gunicorn):
    base, _ = gunicorn
    body = {"json": {"username": "nobody", "password": "guess"}}
    statuses, _ = _send([("POST", f"{base}/api/v1/auth/token/", body) for _ in range(30)])
    # wrong credentials answer 400 until the token limit, then 429
    assert statuses == Counter({400: TOKEN_LIMIT, 429: 30 - TOKEN_LIMIT}), statuses
