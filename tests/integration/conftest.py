"""A real Celery worker (subprocess, prefork pool, one child) on Redis and PostgreSQL.

The worker gets everything through its environment, derived from this process's settings:
the broker is ``REDIS_URL`` and the database is the test database pytest-django created,
so the tests and the worker see the same rows. Pages are served by a threaded HTTP server
on 127.0.0.1 whose ``/slow/`` pages block until the test opens the gate.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from django.conf import settings

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "verification" / "pages"


def redis_available() -> bool:
    if not settings.REDIS_URL:
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1).ping())
    except redis.RedisError:
        return False


def postgres_in_use() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@pytest.fixture(scope="session")
def services_available() -> None:
    require_service(redis_available(), "Redis (REDIS_URL)")
    require_service(postgres_in_use(), "PostgreSQL (DATABASE_URL)")


class PageServer:
    """Serves tests/verification/pages/*.html; ``/slow/<name>`` waits for ``gate``."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.hits: Counter[str] = Counter()
        self.arrived = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits[self.path] += 1
                if self.path.startswith("/to/"):  # /to/<percent-encoded Location>
                    self.send_response(302)
                    self.send_header("Location", unquote(self.path[len("/to/") :]))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                name = self.path.rsplit("/", 1)[-1]
                if self.path.startswith("/slow/"):
                    server.arrived.set()
                    server.gate.wait(timeout=30)
                page = PAGES / name
                if not page.is_file():
                    self.send_error(404)
                    return
                body = page.read_bytes()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{quote(path)}"

    def redirect_url(self, location: str) -> str:
        """A page that answers 302 to ``location`` (any scheme)."""
        return self.url("/to/") + quote(location, safe="")

    def close(self) -> None:
        self.gate.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def pages() -> Iterator[PageServer]:
    server = PageServer()
    yield server
    server.close()


def database_url(name: str) -> str:
    db = settings.DATABASES["default"]
    auth = db.get("USER") or "postgres"
    if db.get("PASSWORD"):
        auth += f":{quote(str(db['PASSWORD']), safe='')}"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{name}"


def purge_queues() -> None:
    from config.celery import app

    with app.connection_for_write() as connection:
        channel = connection.default_channel
        for queue in ("fetch", "analyze"):
            channel.queue_purge(queue)


def worker_env(database_name: str, **overrides: str) -> dict[str, str]:
    """The environment of a worker subprocess on this test run's database and broker."""
    return {
        **os.environ,
        "DATABASE_URL": database_url(database_name),
        "REDIS_URL": settings.REDIS_URL,
        "SECRET_KEY": "integration-tests-only",
        "DEBUG": "0",
        "CLAIMDESK_TESTING": "0",
        "FETCH_ALLOWED_PRIVATE_HOSTS": "127.0.0.1,localhost",
        "FETCH_TIMEOUT": "20",
        "FETCH_REFETCH_TTL": "0",
        "WIKIPEDIA_API_URL": "",
        "FACTCHECK_API_KEY": "",
        "ARCHIVE_EVIDENCE": "0",
        "CONN_MAX_AGE": "0",
        **overrides,
    }


def start_worker(env: dict[str, str], log: Path, *extra_args: str) -> subprocess.Popen[bytes]:
    """Start ``celery worker`` on both queues (its own process group) and wait for ready."""
    command = [
        sys.executable, "-m", "celery", "-A", "config", "worker",
        "-Q", "fetch,analyze", "--pool", "prefork", "--concurrency", "1",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
        "-n", f"integration-{os.getpid()}-{time.monotonic_ns()}@%h", "--loglevel", "INFO",
        *extra_args,
    ]  # fmt: skip
    with log.open("ab") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    deadline = time.monotonic() + 30
    while "ready." not in log.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            stop_worker(process)
            pytest.fail(f"worker did not start:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.1)
    return process


@pytest.fixture(scope="module")
def worker(services_available, django_db_setup, django_db_blocker, tmp_path_factory):
    """A Celery worker subprocess on both queues; yields (process, log path)."""
    from django.db import connection

    with django_db_blocker.unblock():
        name = connection.settings_dict["NAME"]
    purge_queues()
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    process = start_worker(worker_env(name), log)
    try:
        yield process, log
    finally:
        stop_worker(process)


def stop_worker(process: subprocess.Popen[bytes]) -> None:
    """Warm shutdown, then a hard kill of the worker's own process group if it hangs."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def wait_for(predicate: Callable[[], object], *, timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    pytest.fail(
        f"timed out waiting for {what}; worker log:\n{log.read_text(errors='replace')[-4000:]}"
    )


@contextmanager
def broker_at(url: str) -> Iterator[None]:
    """Point this process's Celery producer at another broker URL for the block."""
    from config.celery import app

    saved = app.conf.broker_write_url, app._pool, app.amqp._producer_pool
    app.conf.broker_write_url = url
    app._pool = None
    app.amqp._producer_pool = None
    try:
        yield
    finally:
        if app._pool is not None:
            app._pool.force_close_all()
        app.conf.broker_write_url, app._pool, app.amqp._producer_pool = saved
