"""Checks per second through one Celery worker, beside the raw fetch rate of the same pages.

    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/check_bench.py [-n 200] [-c 2]
        [--latency-ms 150]

Starts a threaded HTTP server on 127.0.0.1 serving N distinct ~20 KB news pages
(``/news/<i>``: the same story, with a different background paragraph on each, so no
content cache can serve one page for another), a throwaway PostgreSQL database
(DATABASE_URL's server; created and dropped here unless --database-url names an existing
one), and one ``celery worker`` process consuming both queues with a prefork pool of
``-c`` processes (default 2, one per core of the machine it was tuned on; ``-c 1`` is a
single process). It requests N checks, each of one distinct URL, and times request ->
succeeded for all of them; then it fetches the same N URLs with plain httpx.

Besides wall time it reports, per stage, the mean wall and CPU time (``process_time``)
inside the worker, and the CPU cost of main-text extraction and of matching measured in
this process, so a shared, busy machine does not hide where the time goes.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PARAGRAPHS = [
    "PESHAWAR: Taliban gunmen stormed the Army Public School in Peshawar on Tuesday, killing "
    "at least 141 people, 132 of them children, in the deadliest attack in the country's history.",
    "More than 120 people were wounded in the assault, which lasted about eight hours before "
    "soldiers cleared the building, the army said in a statement on Tuesday evening.",
    "Seven attackers wearing explosive vests entered the school through a back wall shortly "
    "after 10am, officials said, and went from classroom to classroom.",
    "Prime Minister Nawaz Sharif flew to Peshawar and called it a national tragedy. "
    "\u201cThese are my children. This is my loss,\u201d Sharif told reporters.",
    "The Tehreek-e-Taliban Pakistan said the attack was revenge for a military offensive in "
    "North Waziristan that began in June and has displaced close to a million people.",
    "Three days of national mourning were announced, and schools across Khyber Pakhtunkhwa "
    "province were closed for the rest of the week while security was reviewed.",
]


def news_page(target_bytes: int = 20_000, story: int = 0) -> bytes:
    """A realistic article page: navigation, the story, related links, footer (~20 KB).

    ``story`` varies the background paragraphs, so each page's text is distinct.
    """
    head = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Taliban attack on Peshawar school kills 141</title>"
        "<meta property='article:published_time' content='2014-12-16T18:00:00+05:00'>"
        "</head><body><header><nav>"
        + "".join(f"<a href='/section/{i}'>Section {i}</a> " for i in range(30))
        + "</nav></header><main><article><h1>Taliban attack on Peshawar school kills 141</h1>"
    )
    tail = (
        "</article><aside><h2>Most read</h2><ul>"
        + "".join(f"<li><a href='/story/{i}'>Related story number {i}</a></li>" for i in range(25))
        + "</ul></aside></main><footer><p>&copy; 2014 The Daily Ledger.</p></footer></body></html>"
    )
    body = []
    size = len(head) + len(tail)
    index = 0
    while size < target_bytes:
        paragraph = f"<p>{PARAGRAPHS[index % len(PARAGRAPHS)]}</p>"
        if index >= len(PARAGRAPHS):
            paragraph = (
                f"<p>Background ({index}, file {story}): residents of the city described the day "
                "to reporters, "
                "recalling the sirens, the queues outside Lady Reading Hospital and the long wait "
                "for news of relatives who had been inside the school when the firing began.</p>"
            )
        body.append(paragraph)
        size += len(paragraph)
        index += 1
    return (head + "".join(body) + tail).encode("utf-8")


def serve(page_for: Callable[[str], bytes], latency: float = 0.0) -> ThreadingHTTPServer:
    """Serve ``page_for(path)`` for every GET on 127.0.0.1, each after ``latency`` seconds.

    The latency stands in for a remote news site's time to first byte; the checks and the
    raw httpx baseline hit the same server, so both pay it alike.
    """

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out as two writes; without this Nagle plus delayed ACK add
        # ~40 ms to every response on loopback and the bench would measure that instead.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            if latency:
                time.sleep(latency)
            page = page_for(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stage_times(log: str) -> dict[str, tuple[int, float, float]]:
    """(runs, mean wall s, mean CPU s) per task from the worker's ``bench-stage`` lines."""
    import re

    times: dict[str, list[tuple[float, float]]] = {}
    for name, wall, cpu in re.findall(r"bench-stage (\S+) wall=([\d.e-]+) cpu=([\d.e-]+)", log):
        times.setdefault(name.rsplit(".", 1)[-1], []).append((float(wall), float(cpu)))
    return {
        name: (len(v), sum(w for w, _ in v) / len(v), sum(c for _, c in v) / len(v))
        for name, v in times.items()
    }


def run_worker(concurrency: int, name: str) -> None:
    """The worker process: ``celery worker`` with a line per task giving wall and CPU time.

    The signals fire in the pool process that runs the task, so ``process_time`` there is
    the task's own CPU time.
    """
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from celery.signals import task_postrun, task_prerun

    from config.celery import app

    started: dict[str, tuple[float, float]] = {}

    @task_prerun.connect(weak=False)
    def _start(task_id: str, **_: object) -> None:
        started[task_id] = (time.perf_counter(), time.process_time())

    @task_postrun.connect(weak=False)
    def _stop(task_id: str, task: object, **_: object) -> None:
        wall, cpu = started.pop(task_id, (time.perf_counter(), time.process_time()))
        line = (
            f"bench-stage {getattr(task, 'name', '?')} wall={time.perf_counter() - wall:.6f} "
            f"cpu={time.process_time() - cpu:.6f}\n"
        )
        os.write(1, line.encode())

    app.worker_main(
        ["worker", "-Q", "fetch,analyze", "--pool", "prefork", "--concurrency", str(concurrency),
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", name,
         "--loglevel", "INFO"]
    )  # fmt: skip


def component_costs(pages: list[bytes], sentence: str) -> tuple[float, float]:
    """Mean CPU ms of main-text extraction and of matching over ``pages``, in this process."""
    from decimal import Decimal

    from safefetch.pages import decode_body, main_text
    from verification import matching

    facts = matching.ClaimFacts(
        kind="casualty_count", text=sentence, value=Decimal(141), qualifier="at_least",
        unit="killed",
    )  # fmt: skip
    texts = [decode_body(page, "text/html; charset=utf-8") for page in pages]
    main_text(texts[0])
    started = time.process_time()
    extracted = [main_text(html) for html in texts]
    extract_ms = (time.process_time() - started) / len(texts) * 1000
    started = time.process_time()
    for page in extracted:
        matching.match_claim(facts, page.text, title=page.title)
    match_ms = (time.process_time() - started) / len(texts) * 1000
    return extract_ms, match_ms


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="checks to run (default 200)")
    parser.add_argument(
        "-c", "--concurrency", type=int, default=2, help="prefork pool processes (default 2)"
    )
    parser.add_argument("--run-worker", default="", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", default="", help="use this existing database")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument(
        "--latency-ms",
        type=float,
        default=0.0,
        help="delay before each response of the source server (default 0: pure loopback)",
    )
    args = parser.parse_args()
    if args.run_worker:
        run_worker(args.concurrency, args.run_worker)
        return 0

    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        print("REDIS_URL is required: the bench drives a real worker through the broker.")
        return 2
    import psycopg

    server_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if not urlsplit(server_url).scheme.startswith("postgres"):
        server_url = "postgres://postgres@127.0.0.1:5432/postgres"
    created = ""
    database_url = args.database_url
    if not database_url:
        created = f"claimdesk_bench_{os.getpid()}"
        with psycopg.connect(with_database(server_url, "postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{created}"')
        database_url = with_database(server_url, created)

    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret"),
        "FETCH_ALLOWED_PRIVATE_HOSTS": "127.0.0.1",
        "WIKIPEDIA_API_URL": "",
        "FACTCHECK_API_KEY": "",
        "ARCHIVE_EVIDENCE": "0",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    worker = None
    handle, log_name = tempfile.mkstemp(prefix="check-bench-worker-", suffix=".log")
    os.close(handle)
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        django.setup()
        from claims.models import Article, Claim
        from config.celery import app
        from verification.models import CheckRun, CheckState
        from verification.services import check_request

        with app.connection_for_write() as connection:
            for queue in ("fetch", "analyze"):
                connection.default_channel.queue_purge(queue)
        log = open(log_name, "wb")  # noqa: SIM115 - handed to the subprocess, closed at exit
        worker = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "-c", str(args.concurrency),
             "--run-worker", f"bench-{os.getpid()}@%h"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while "ready." not in Path(log_name).read_text(errors="replace"):
            if worker.poll() is not None or time.monotonic() > deadline:
                print(Path(log_name).read_text(errors="replace")[-3000:])
                return 1
            time.sleep(0.1)

        pages = [news_page(story=i) for i in range(args.n)]

        def page_for(path: str) -> bytes:
            tail = path.rstrip("/").rsplit("/", 1)[-1]
            return pages[int(tail) % len(pages)] if tail.isdigit() else pages[0]

        server = serve(page_for, latency=args.latency_ms / 1000)
        base = f"http://127.0.0.1:{server.server_port}"
        sentence = (
            "At least 141 people were killed when Taliban gunmen attacked the Army Public "
            "School in Peshawar."
        )
        claims = []
        for i in range(args.n):
            text = f"{sentence} Bench article {i}."
            import hashlib

            article = Article.objects.create(
                title=f"Bench {i}",
                text=text,
                content_sha256=hashlib.sha256(text.encode()).hexdigest(),
            )
            claims.append(
                Claim.objects.create(
                    article=article, kind="casualty_count", text=sentence, start=0,
                    end=len(sentence), value=141, qualifier="at_least", unit="killed",
                )
            )  # fmt: skip

        started = time.perf_counter()
        run_ids = [
            check_request(claim=claim, actor=None, urls=[f"{base}/news/{i}"]).pk
            for i, claim in enumerate(claims)
        ]
        deadline = time.monotonic() + args.timeout
        while True:
            done = CheckRun.objects.filter(
                id__in=run_ids, state__in=[CheckState.SUCCEEDED, CheckState.FAILED]
            ).count()
            if done == len(run_ids) or time.monotonic() > deadline:
                break
            time.sleep(0.02)
        elapsed = time.perf_counter() - started
        failed = CheckRun.objects.filter(id__in=run_ids, state=CheckState.FAILED).count()
        checks_per_s = done / elapsed

        import httpx

        raw_started = time.perf_counter()
        with httpx.Client() as client:
            for i in range(args.n):
                client.get(f"{base}/raw/{i}").raise_for_status()
        raw_per_s = args.n / (time.perf_counter() - raw_started)
        # The safe fetcher opens a new connection per request (keep-alive is off so a TLS
        # session is never reused for another host name); this is the like-for-like baseline.
        fresh_started = time.perf_counter()
        with httpx.Client(limits=httpx.Limits(max_keepalive_connections=0)) as client:
            for i in range(args.n):
                client.get(f"{base}/fresh/{i}").raise_for_status()
        fresh_per_s = args.n / (time.perf_counter() - fresh_started)
        server.shutdown()
        stages = stage_times(Path(log_name).read_text(errors="replace"))
        extract_ms, match_ms = component_costs(pages[: min(50, len(pages))], sentence)

        print(
            f"pages: {args.n} distinct, {len(pages[0]):,} bytes each; checks: {done}/{args.n} "
            f"finished, {failed} failed; worker: 1 process, prefork pool of {args.concurrency}; "
            f"source server latency {args.latency_ms:g} ms"
        )
        print(f"checks/s (one worker, request -> succeeded): {checks_per_s:8.1f}")
        print(f"raw fetch/s (httpx, new connection each):   {fresh_per_s:8.1f}")
        print(f"raw fetch/s (httpx, keep-alive):            {raw_per_s:8.1f}")
        print(f"ratio checks/raw (new connection each):     {checks_per_s / fresh_per_s:8.2f}")
        print(f"ratio checks/raw (keep-alive):              {checks_per_s / raw_per_s:8.2f}")
        print("per check, inside the worker (mean):")
        for task, (count, wall, cpu) in sorted(stages.items()):
            print(
                f"  {task:14s} {count:4d} runs  wall {wall * 1000:6.1f} ms  "
                f"CPU {cpu * 1000:6.1f} ms"
            )
        print("CPU per page, measured in the bench process:")
        print(f"  main text (decode excluded, title, date, trafilatura): {extract_ms:6.1f} ms")
        print(f"  matching (rank passages, read figures, compare):       {match_ms:6.1f} ms")
        return 0 if done == args.n and not failed else 1
    finally:
        if worker is not None and worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
        if created:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(with_database(server_url, "postgres"), autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)')
        Path(log_name).unlink(missing_ok=True)


if __name__ == "__main__":
    raise SystemExit(main())
