"""Status polling vs. liveness: how close is the API's hot path to a bare request?

Starts gunicorn on 127.0.0.1 over a PostgreSQL database of its own, seeds an article with
claims, evidence and check runs, gets a token, then runs wrk against /livez and
/api/v1/claims/{id}/status/ under the same gunicorn, one after the other, and prints
requests/s, p99 latency and the ratio.

There is no cache: every poll authenticates its token and reads PostgreSQL (one
statement, or one primary-key lookup for a poll whose ETag is current). Two status runs
are measured: plain polls (200, the status query) and conditional polls sending the
current ETag (304).

The database is the one named in DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/claimdesk_bench): created at the start and dropped at
the end. If a database of that name already exists it is left alone, and the bench says
so and uses a fresh name beside it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimdesk_bench \
        .venv/bin/python bench/api_bench.py [--duration 10] [--connections 16] [--workers 2]

Goal: status requests/s at least 0.4 of /livez's, measured in the same run. The exit
status says whether the bench ran (0), not whether the goal was met.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GOAL = 0.4


DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/claimdesk_bench"


def bench_target() -> tuple[str, str]:
    """(admin URL on the same server, database name) from DATABASE_URL."""
    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise SystemExit(f"DATABASE_URL must be a postgres:// URL for this bench, got {url!r}")
    name = parts.path.lstrip("/") or "claimdesk_bench"
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,50}", name):
        raise SystemExit(f"database name {name!r}: letters, digits and _ only")
    return urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, "")), name


def database_url(admin: str, name: str) -> str:
    parts = urlsplit(admin)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def database_exists(admin: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return row is not None


def backends_on(admin: str, name: str) -> int:
    """Connections open to the database right now (gunicorn's, once wrk has run)."""
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [name]
        ).fetchone()
    return int(row[0]) if row else 0


def run_sql(admin: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(statement)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


SEED = """
import django
django.setup()
from decimal import Decimal
from django.contrib.auth.models import Group, User
from django.utils import timezone
from rest_framework.authtoken.models import Token
from claims.services import article_ingest
from verification.models import CheckRun, Evidence, Source
text = open({sample!r}, encoding="utf-8").read()
result = article_ingest(text=text, title="Benchmark article")
claim = result.article.claims.order_by("id").first()
for n, stance in enumerate(["supports", "contradicts", "mentions", "not_found"] * 5):
    source = Source.objects.create(url=f"https://bench.example/{{n}}", fetch_status="ok",
                                   fetched_at=timezone.now(), text="bench")
    Evidence.objects.create(claim=claim, source=source, stance=stance, passage="p",
                            found_value=Decimal(1), score=0.5, checked_at=timezone.now())
for state in ["succeeded", "failed", "queued"]:
    CheckRun.objects.create(claim=claim, state=state, finished_at=timezone.now())
user = User.objects.create_user("bench", password="bench-password-1", is_staff=True)
user.groups.add(Group.objects.get(name="reviewers"))
print(claim.pk, Token.objects.create(user=user).key)
"""


def wrk(
    url: str, *, duration: int, connections: int, token: str | None, etag: str | None = None
) -> tuple[float, float]:
    """Run wrk with --latency; return (requests/s, p99 in ms)."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if token:
        command[1:1] = ["-H", f"Authorization: Token {token}"]
    if etag:
        command[1:1] = ["-H", f"If-None-Match: {etag}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p99_match = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    assert p99_match, output
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99_match.group(2)]
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        raise SystemExit(f"{url}: {non_2xx.group(1)} error responses\n{output}")
    return rps, float(p99_match.group(1)) * scale


def wait_for(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout:.0f}s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")

    admin, name = bench_target()
    if database_exists(admin, name):
        existing, name = name, f"{name}_{uuid.uuid4().hex[:8]}"
        print(f"database {existing!r} already exists: leaving it alone, using {name!r}")
    run_sql(admin, f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DATABASE_URL": database_url(admin, name),
        "SECRET_KEY": "bench-only-secret-key",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "API_THROTTLE_ANON": "",
        "API_THROTTLE_USER": "",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.pop("REDIS_URL", None)
    server: subprocess.Popen[bytes] | None = None
    try:
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        seed = SEED.format(sample=str(ROOT / "claims" / "sample" / "peshawar_2014.txt"))
        claim_id, token = subprocess.run(
            [PYTHON, "-c", seed],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-2:]
        port = free_port()
        server = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/livez")
        status_url = f"{base}/api/v1/claims/{claim_id}/status/"
        # Warm each worker's database connection and code paths.
        wrk(status_url, duration=1, connections=args.connections, token=token)
        wrk(f"{base}/livez", duration=1, connections=args.connections, token=None)
        live_rps, live_p99 = wrk(
            f"{base}/livez", duration=args.duration, connections=args.connections, token=None
        )
        status_rps, status_p99 = wrk(
            status_url, duration=args.duration, connections=args.connections, token=token
        )
        request = urllib.request.Request(status_url, headers={"Authorization": f"Token {token}"})
        with urllib.request.urlopen(request, timeout=5) as response:
            etag = response.headers["ETag"]
        same_rps, same_p99 = wrk(
            status_url,
            duration=args.duration,
            connections=args.connections,
            token=token,
            etag=etag,
        )
        # One per worker if connections persist (CONN_MAX_AGE) instead of one per request.
        connections_held = backends_on(admin, name)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=20)
        run_sql(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    ratio = status_rps / live_rps
    print(f"gunicorn workers={args.workers}  wrk -t2 -c{args.connections} -d{args.duration}s")
    print("no cache: every poll reads PostgreSQL")
    print(f"{'/livez':<32} {live_rps:10.1f} req/s   p99 {live_p99:8.2f} ms")
    print(f"{'status (200)':<32} {status_rps:10.1f} req/s   p99 {status_p99:8.2f} ms")
    print(f"{'status, ETag current (304)':<32} {same_rps:10.1f} req/s   p99 {same_p99:8.2f} ms")
    print(f"{'ratio status/livez':<32} {ratio:10.2f}         (goal >= {GOAL})")
    print(f"{'ratio 304 status/livez':<32} {same_rps / live_rps:10.2f}")
    print(f"database connections held after the run: {connections_held}")
    print(f"goal {'met' if ratio >= GOAL else 'NOT met'}: status/livez {ratio:.2f}, goal {GOAL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
