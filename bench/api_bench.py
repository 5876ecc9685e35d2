"""Status polling vs. liveness: how close is the API's hot path to a bare request?

Starts gunicorn on 127.0.0.1 over a PostgreSQL database of its own, seeds an article with
claims, evidence and check runs, gets a token, then measures /livez and
/api/v1/claims/{id}/status/ two ways:

- in-process CPU per request: a separate Python process calls the WSGI application
  directly, a few thousand requests per kind in interleaved rounds, and reads
  ``time.process_time`` (the median round is reported). It counts only this process's
  CPU (Django, DRF, the database driver), not PostgreSQL's, and is the figure to trust
  on a busy machine: other processes lengthen wall-clock time, not CPU time.
- requests/s from wrk against gunicorn, the same gunicorn for every kind, each kind
  warmed up first. On a machine shared with other work these figures move with the
  load average, which is printed with them.

There is no cache: every poll authenticates its token and reads PostgreSQL (the status
statement, or one primary-key lookup for a poll whose ETag is current). Two status kinds
are measured: plain polls (200) and conditional polls sending the current ETag (304).
Throttles are off (their counters are per-process memory without Redis, and a rate high
enough for wrk would make the history list, not the poll, the thing measured).

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
import json
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
from typing import Any
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


def backend_pids(admin: str, name: str) -> list[int]:
    """PostgreSQL server processes serving the database (gunicorn's connections)."""
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    return [int(row[0]) for row in rows]


def children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (gunicorn's workers), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def cpu_seconds(pids: list[int], command: str | None = None) -> float | None:
    """User + system CPU time of these processes so far (Linux /proc), or None when one is
    not a local process named ``command`` (a database on another machine)."""
    ticks = 0
    for pid in pids:
        try:
            if command and Path(f"/proc/{pid}/comm").read_text().strip() != command:
                return None
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


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


# Run in a separate process with the bench's settings: the WSGI application called
# directly, rounds of each kind interleaved so a burst of load elsewhere hits all kinds.
IN_PROCESS = """
import io, json, statistics, sys, time
import django
django.setup()
from django.core.handlers.wsgi import WSGIHandler
app = WSGIHandler()
claim, token, requests, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
seen = {}
def start(status, headers):
    seen["status"], seen["headers"] = status, dict(headers)
def call(path, headers):
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "",
               "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
               "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
               "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr,
               **headers}
    body = app(environ, start)
    b"".join(body)
    body.close()
    return seen["status"]
status = f"/api/v1/claims/{claim}/status/"
auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
call(status, auth)
etag = seen["headers"]["ETag"]
kinds = {"livez": ("/livez", {}, "200 OK"), "200": (status, auth, "200 OK"),
         "304": (status, {**auth, "HTTP_IF_NONE_MATCH": etag}, "304 Not Modified")}
for name, (path, headers, expected) in kinds.items():
    for _ in range(200):  # warm-up
        answer = call(path, headers)
    assert answer == expected, (name, answer)
per_round = max(1, requests // rounds)
cpu = {name: [] for name in kinds}
for _ in range(rounds):
    for name, (path, headers, _expected) in kinds.items():
        began = time.process_time()
        for _ in range(per_round):
            call(path, headers)
        cpu[name].append((time.process_time() - began) / per_round * 1000)
print(json.dumps({name: statistics.median(ms) for name, ms in cpu.items()}))
"""


def cpu_per_request(
    env: dict[str, str], claim_id: str, token: str, requests: int
) -> dict[str, float]:
    """Median in-process CPU ms per request for livez, status 200 and status 304."""
    output = subprocess.run(
        [PYTHON, "-c", IN_PROCESS, claim_id, token, str(requests), "10"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {name: float(ms) for name, ms in json.loads(output.splitlines()[-1]).items()}


def wrk(
    url: str, *, duration: int, connections: int, token: str | None, etag: str | None = None
) -> tuple[float, float, int]:
    """Run wrk with --latency; return (requests/s, p99 in ms, requests)."""
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
    done = re.search(r"(\d+) requests in", output)
    assert done, output
    return rps, float(p99_match.group(1)) * scale, int(done.group(1))


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
    parser.add_argument(
        "--requests", type=int, default=3000, help="in-process requests per kind (CPU figure)"
    )
    parser.add_argument("--warmup", type=int, default=2, help="seconds of wrk per kind first")
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
        cpu = cpu_per_request(env, claim_id, token, args.requests)
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
        request = urllib.request.Request(status_url, headers={"Authorization": f"Token {token}"})
        with urllib.request.urlopen(request, timeout=5) as response:
            etag = response.headers["ETag"]
        kinds: dict[str, dict[str, Any]] = {
            "/livez": {"url": f"{base}/livez", "token": None},
            "status (200)": {"url": status_url, "token": token},
            "status, ETag current (304)": {"url": status_url, "token": token, "etag": etag},
        }
        load_before = os.getloadavg()
        # Every kind is warmed up (each worker's connection, imports, code paths) first.
        for kind in kinds.values():
            wrk(**kind, duration=args.warmup, connections=args.connections)
        workers = children_of(server.pid)
        backends = backend_pids(admin, name)
        measured = {}
        server_cpu: dict[str, tuple[float, float | None]] = {}
        for kind_name, kind in kinds.items():
            before = cpu_seconds(workers), cpu_seconds(backends, "postgres")
            measured[kind_name] = wrk(**kind, duration=args.duration, connections=args.connections)
            after = cpu_seconds(workers), cpu_seconds(backends, "postgres")
            done = measured[kind_name][2]
            web = ((after[0] or 0) - (before[0] or 0)) / done * 1000
            database = (
                None if None in (before[1], after[1]) else (after[1] - before[1]) / done * 1000
            )  # type: ignore[operator]
            server_cpu[kind_name] = (web, database)
        load_after = os.getloadavg()
        # One per worker if connections persist (CONN_MAX_AGE) instead of one per request.
        connections_held = backends_on(admin, name)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=20)
        run_sql(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    live_rps = measured["/livez"][0]
    ratio = measured["status (200)"][0] / live_rps
    print(f"gunicorn workers={args.workers}  wrk -t2 -c{args.connections} -d{args.duration}s")
    print("no cache: every poll reads PostgreSQL; throttles off")
    print(
        f"load average (1 min) {load_before[0]:.1f} before wrk, {load_after[0]:.1f} after, "
        f"on {os.cpu_count()} CPUs"
    )
    print(
        f"{'':<28} {'wrk req/s':>10} {'p99 ms':>9} {'CPU ms/req':>11} "
        f"{'gunicorn':>9} {'postgres':>9}"
    )
    for (kind, (rps, p99, _)), cpu_key in zip(
        measured.items(), ("livez", "200", "304"), strict=True
    ):
        web, database = server_cpu[kind]
        database_text = "?" if database is None else f"{database:.3f}"
        print(
            f"{kind:<28} {rps:10.1f} {p99:9.2f} {cpu[cpu_key]:11.3f} {web:9.3f} {database_text:>9}"
        )
    print(
        f"CPU ms/req: in-process median of 10 rounds, {args.requests} requests per kind;\n"
        "gunicorn / postgres: CPU ms/req of gunicorn's workers and of their PostgreSQL\n"
        "server processes during the wrk run (/proc; '?' when the database is not local)"
    )

    def total(kind: str) -> float:
        web, database = server_cpu[kind]
        return web + (database or 0.0)

    for label, kind, cpu_key in (
        ("ratio status 200 / livez", "status (200)", "200"),
        ("ratio status 304 / livez", "status, ETag current (304)", "304"),
    ):
        print(
            f"{label:<28} {measured[kind][0] / live_rps:10.2f} {'':9} "
            f"{cpu['livez'] / cpu[cpu_key]:11.2f} {total('/livez') / total(kind):19.2f}"
        )
    print("(ratios of CPU are livez's cost over status's: what 2 idle cores would give)")
    print(f"database connections held after the run: {connections_held}")
    print(
        f"goal {'met' if ratio >= GOAL else 'NOT met'}: wrk status/livez {ratio:.2f}, goal {GOAL}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
