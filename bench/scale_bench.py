"""A million claims: time the admin pages and API lists a desk uses, over a large archive.

Builds N claims (default 1,000,000) over N/20 articles in a PostgreSQL database of its own
with set-based ``INSERT ... SELECT generate_series`` (a million claims in a few minutes),
VACUUM ANALYZEs it, then times each request below with Django's test client (median of
--requests runs after a warm-up) and prints a table with the query count of each. Then it
times the ingest of one ordinary article through the API, at that size.

The data is shaped like a real desk's archive: article texts of 3-8 KB with a few of 1 MB,
sentences of 100-250 characters drawn from a vocabulary with a rare place name (the
``?q=Peshawar`` search finds about 60), most claims still new or dismissed, a tenth
published with a verdict, evidence rows for the claims that were reviewed, one audit event
per claim, timestamps spread over five years.

The database is the one named in DATABASE_URL with the claim count appended
(``claimdesk_scale`` -> ``claimdesk_scale_1000000``), so several sizes can be kept. It is
dropped and rebuilt unless --reuse is given and it already holds a complete build; with
--reuse the project's migrations are applied to it first (new indexes are built on the
existing rows), so a "before" build can be measured again "after". --drop removes it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimdesk_scale \
        .venv/bin/python bench/scale_bench.py [--claims 1000000] [--reuse] [--requests 7]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/claimdesk_scale"
BIG_ARTICLE_CLAIMS = 200  # claims in each of them
REVIEWERS = 8
DONE_MARKER = "claimdesk_scale_bench_done"


def target(claims: int) -> tuple[str, str]:
    """(maintenance-database URL, bench database name) from DATABASE_URL."""
    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise SystemExit(f"DATABASE_URL must be a postgres:// URL for this bench, got {url!r}")
    base = parts.path.lstrip("/") or "claimdesk_scale"
    if base == "test" or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,40}", base):
        raise SystemExit(f"database name {base!r}: letters, digits and _ only, and not 'test'")
    admin = urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, ""))
    return admin, f"{base}_{claims}"


def database_url(admin: str, name: str) -> str:
    parts = urlsplit(admin)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def admin_sql(admin: str, statement: str, params: list[object] | None = None) -> list[tuple]:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        cur = conn.execute(statement, params or [])
        return cur.fetchall() if cur.description else []


def built(url: str) -> bool:
    """The database exists and a previous build finished (its marker table is there)."""
    import psycopg

    try:
        with psycopg.connect(url, autocommit=True) as conn:
            row = conn.execute("SELECT to_regclass(%s)", [DONE_MARKER]).fetchone()
    except psycopg.OperationalError:
        return False
    return bool(row and row[0])


# --- building ---------------------------------------------------------------------------

PLACES = [
    "Quetta",
    "Karachi",
    "Lahore",
    "Multan",
    "Kabul",
    "Herat",
    "Kandahar",
    "Mosul",
    "Aleppo",
    "Gaza",
    "Khartoum",
    "Mogadishu",
    "Lagos",
    "Kano",
    "Maiduguri",
    "Nairobi",
    "Kampala",
    "Goma",
    "Juba",
    "Tripoli",
    "Benghazi",
    "Sanaa",
    "Aden",
    "Dhaka",
    "Sylhet",
    "Yangon",
    "Manila",
    "Davao",
    "Jakarta",
    "Surabaya",
    "Lima",
    "Quito",
    "Bogota",
    "Caracas",
    "Managua",
    "Tegucigalpa",
    "Kyiv",
    "Kharkiv",
    "Odesa",
    "Tbilisi",
]
WORDS = [
    "officials",
    "police",
    "ministry",
    "hospital",
    "villagers",
    "survivors",
    "rescuers",
    "authorities",
    "province",
    "district",
    "council",
    "budget",
    "tender",
    "contract",
    "inquiry",
    "report",
    "survey",
    "census",
    "election",
    "turnout",
    "flood",
    "earthquake",
    "landslide",
    "cyclone",
    "drought",
    "fire",
    "blast",
    "collapse",
    "attack",
    "clash",
    "protest",
    "strike",
    "shortage",
    "subsidy",
    "deficit",
    "tariff",
    "export",
    "import",
    "harvest",
    "vaccine",
    "outbreak",
    "clinic",
    "school",
    "bridge",
    "highway",
    "railway",
    "dam",
    "pipeline",
    "refinery",
    "port",
    "airport",
    "market",
    "factory",
    "mine",
]
SPEAKERS = [
    f"{first} {last}"
    for first in [
        "Amina",
        "Bilal",
        "Carlos",
        "Dara",
        "Elif",
        "Farid",
        "Grace",
        "Hamza",
        "Ines",
        "Jamal",
    ]
    for last in [
        "Khan",
        "Okafor",
        "Silva",
        "Haddad",
        "Petrenko",
        "Rahman",
        "Mensah",
        "Costa",
        "Aziz",
        "Novak",
    ]
]


def sql_array(words: list[str]) -> str:
    return "(ARRAY[" + ",".join(f"'{w}'" for w in words) + "])"


@contextmanager
def column_defaults() -> Iterator[None]:
    """Columns the set-based inserts do not name take their model default meanwhile.

    Django keeps defaults in Python, so a NOT NULL column added by a later migration
    would fail these INSERTs; for the build it gets a database default, removed after.
    """
    from django.apps import apps
    from django.db import connection

    tables = {m._meta.db_table: m for m in apps.get_models() if m._meta.app_label in BUILT_APPS}
    added: list[tuple[str, str]] = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND is_nullable = 'NO' "
            "AND column_default IS NULL AND table_name = ANY(%s)",
            [list(tables)],
        )
        for table, column in cursor.fetchall():
            field = next(
                (f for f in tables[table]._meta.concrete_fields if f.column == column), None
            )
            if field is None or field.primary_key or not field.has_default():
                continue
            value = field.get_db_prep_save(field.get_default(), connection)
            cursor.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" SET DEFAULT %s', [value])
            added.append((table, column))
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for table, column in added:
                cursor.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" DROP DEFAULT')


BUILT_APPS = {"claims", "verification"}


def big_articles(articles: int) -> int:
    """About one article in 2,500 is of 1 MB (20 in 50,000), at least one."""
    return max(1, min(20, articles // 2500))


def build(claims: int, articles: int) -> None:
    """Fill the migrated database: users, articles, claims, events, sources, evidence."""
    from django.contrib.auth.models import Group, User
    from django.db import connection
    from rest_framework.authtoken.models import Token

    editor = User.objects.create_user("bench-editor", password="bench-password-1", is_staff=True)
    editor.groups.add(Group.objects.get(name="editors"))
    Token.objects.create(user=editor)
    reviewer_ids = []
    for n in range(REVIEWERS):
        user = User.objects.create_user(f"bench-reviewer{n}", password="x", is_staff=True)
        user.groups.add(Group.objects.get(name="reviewers"))
        reviewer_ids.append(user.pk)
    big_count = big_articles(articles)
    big_every = max(articles // big_count, 1)
    normal_claims = claims - big_count * BIG_ARTICLE_CLAIMS
    normal_articles = articles - big_count
    if normal_claims < normal_articles:
        raise SystemExit("--claims must be at least 20 per article")
    reviewers = "ARRAY[" + ",".join(map(str, reviewer_ids)) + "]::bigint[]"
    steps: list[tuple[str, str]] = [
        (
            "articles",
            f"""
            INSERT INTO claims_article (id, title, url, publisher, author, published_at, text,
                                        content_sha256, created_at, created_by_id)
            SELECT g,
                   initcap(w1) || ' in ' || place || ': ' || w2 || ' and ' || w3
                       || ' (report ' || g || ')',
                   'https://news.example/' || (2019 + g % 6) || '/' || g,
                   (ARRAY['Dawn','Reuters','AP','AFP','BBC','Al Jazeera','Guardian'])[1 + g % 7],
                   '', ts - interval '2 hours', t.body, md5(t.body) || md5(g::text), ts, NULL
            FROM generate_series(1, {articles}) g
            CROSS JOIN LATERAL (
                SELECT timestamptz '2021-01-01' + (g::float8 / {articles}) * interval '1800 days'
                           AS ts,
                       {sql_array(PLACES)}[1 + g % {len(PLACES)}] AS place,
                       {sql_array(WORDS)}[1 + g % {len(WORDS)}] AS w1,
                       {sql_array(WORDS)}[1 + (g * 7) % {len(WORDS)}] AS w2,
                       {sql_array(WORDS)}[1 + (g * 13) % {len(WORDS)}] AS w3
            ) a
            CROSS JOIN LATERAL (
                -- 3-8 KB of varied text; every {big_every}th article about 1 MB.
                SELECT string_agg(
                           {sql_array(WORDS)}[1 + (k * 31 + g) % {len(WORDS)}] || ' '
                           || md5((g::bigint * 100000 + k)::text), ' ')
                       AS body
                FROM generate_series(
                    1, CASE WHEN g % {big_every} = 0 THEN 23000 ELSE 75 + (g * 37) % 110 END
                ) k
            ) t
            """,
        ),
        (
            "claims",
            f"""
            WITH placed AS (
                -- {BIG_ARTICLE_CLAIMS} claims in each 1 MB article, the rest spread evenly.
                SELECT i,
                       CASE WHEN i <= {big_count * BIG_ARTICLE_CLAIMS}
                            THEN ((i - 1) / {BIG_ARTICLE_CLAIMS} + 1) * {big_every}
                            ELSE a.id END AS article_id,
                       CASE WHEN i <= {big_count * BIG_ARTICLE_CLAIMS}
                            THEN (i - 1) % {BIG_ARTICLE_CLAIMS}
                            ELSE (i - {big_count * BIG_ARTICLE_CLAIMS} - 1)
                                 / {normal_articles} END AS slot,
                       (hashint4(i::int)::bigint & 2147483647) AS h
                FROM generate_series(1, {claims}) i
                LEFT JOIN LATERAL (
                    SELECT n + (n - 1) / {max(big_every - 1, 1)} AS id FROM (
                        SELECT (i - {big_count * BIG_ARTICLE_CLAIMS} - 1)
                               % {normal_articles} + 1 AS n
                    ) x
                ) a ON true
            ), shaped AS (
                SELECT p.*,
                       abs(h) % 100 AS roll,
                       CASE WHEN abs(h / 7) % 100 < 25 THEN 'casualty_count'
                            WHEN abs(h / 7) % 100 < 45 THEN 'monetary_amount'
                            WHEN abs(h / 7) % 100 < 80 THEN 'statistic'
                            WHEN abs(h / 7) % 100 < 95 THEN 'quote'
                            ELSE 'date' END AS kind,
                       CASE WHEN i % 16000 = 7 THEN 'Peshawar'
                            ELSE {sql_array(PLACES)}[1 + abs(h / 11) % {len(PLACES)}] END
                           AS place,
                       {sql_array(WORDS)}[1 + abs(h / 13) % {len(WORDS)}] AS w1,
                       {sql_array(WORDS)}[1 + abs(h / 17) % {len(WORDS)}] AS w2,
                       {sql_array(WORDS)}[1 + abs(h / 19) % {len(WORDS)}] AS w3
                FROM placed p
            ), staged AS (
                SELECT s.*,
                       CASE WHEN roll < 68 THEN 'new' WHEN roll < 84 THEN 'dismissed'
                            WHEN roll < 94 THEN 'published' WHEN roll < 97 THEN 'in_review'
                            ELSE 'awaiting_approval' END AS status,
                       ar.created_at AS born
                FROM shaped s JOIN claims_article ar ON ar.id = s.article_id
            )
            INSERT INTO claims_claim (
                id, article_id, kind, text, start, "end", span_start, span_end, value,
                qualifier, unit, currency, quote, speaker, checkworthiness, status, verdict,
                verdict_note, assignee_id, proposed_by_id, version, created_at, updated_at)
            SELECT i, article_id, kind,
                   CASE kind
                     WHEN 'quote' THEN '"The ' || w1 || ' in ' || place || ' will not wait for the '
                          || w2 || ', and neither will we," ' || sp || ' told reporters after the '
                          || w3 || ' meeting.'
                     WHEN 'monetary_amount' THEN 'The ' || w1 || ' in ' || place || ' will cost Rs '
                          || (h % 900 + 100) || ' million, ' || w2 || ' officials said, more than '
                          || 'the ' || w3 || ' planned last year.'
                     ELSE 'At least ' || abs(h % 500) || ' people were ' || unit || ' in ' || place
                          || ' after the ' || w1 || ' near the ' || w2 || ', the ' || w3
                          || ' said on ' || (ARRAY['Monday','Tuesday','Friday'])[1 + i % 3] || '.'
                   END,
                   slot * 400, slot * 400 + 180, slot * 400 + 9, slot * 400 + 14,
                   CASE WHEN kind = 'quote' THEN NULL ELSE abs(h % 500)::numeric END,
                   CASE WHEN kind = 'quote' THEN '' ELSE
                        (ARRAY['exact','at_least','more_than','approximately','nearly'])[1 + i % 5]
                   END,
                   CASE WHEN kind = 'quote' OR kind = 'monetary_amount' THEN '' ELSE unit END,
                   CASE WHEN kind = 'monetary_amount' THEN 'PKR' ELSE '' END,
                   CASE WHEN kind = 'quote' THEN 'The ' || w1 || ' in ' || place
                        || ' will not wait for the ' || w2 || ', and neither will we' ELSE '' END,
                   CASE WHEN kind = 'quote' THEN sp ELSE '' END,
                   (abs(h) % 1000) / 1000.0, status,
                   CASE WHEN status IN ('published', 'awaiting_approval')
                        THEN (ARRAY['accurate','mostly_accurate','misleading','outdated',
                                    'inaccurate','unverifiable'])[1 + abs(h / 23) % 6]
                        ELSE '' END,
                   CASE WHEN status IN ('published', 'awaiting_approval')
                        THEN 'Checked against the ' || w3 || ' figures.' ELSE '' END,
                   CASE WHEN status IN ('in_review', 'awaiting_approval', 'published')
                        THEN ({reviewers})[1 + abs(h / 29) % {REVIEWERS}] END,
                   CASE WHEN status IN ('awaiting_approval', 'published')
                        THEN ({reviewers})[1 + abs(h / 31) % {REVIEWERS}] END,
                   CASE WHEN status = 'new' THEN 1 ELSE 3 END,
                   born,
                   born + CASE WHEN status = 'new' THEN interval '0'
                               ELSE (abs(h / 37) % 43200) * interval '1 minute' END
                        + (i % 1000000) * interval '1 microsecond'
            FROM (SELECT st.*,
                         (ARRAY['killed','injured','missing','displaced'])[1 + abs(h / 41) % 4]
                             AS unit,
                         {sql_array(SPEAKERS)}[1 + abs(h / 43) % {len(SPEAKERS)}] AS sp
                  FROM staged st) q
            """,
        ),
        (
            "audit events",
            """
            INSERT INTO claims_claimevent (claim_id, actor_id, action, from_status, to_status,
                                           verdict, note, created_at)
            SELECT id, NULL, 'extracted', '', 'new', '', '', created_at FROM claims_claim
            """,
        ),
        (
            "sources",
            f"""
            INSERT INTO verification_source (url, final_url, fetch_status, http_status,
                content_type, title, text, content_sha256, fetched_at, archive_url, provider,
                error, created_at)
            SELECT 'https://source.example/' || g, '', 'ok', 200, 'text/html',
                   'Source ' || g, repeat(md5(g::text) || ' ', 60), md5(g::text),
                   now(), '', 'wikipedia', '', now()
            FROM generate_series(1, {max(claims // 20, 100)}) g
            """,
        ),
        (
            "evidence",
            f"""
            INSERT INTO verification_evidence (claim_id, source_id, stance, passage,
                passage_start, passage_end, found_value, score, explanation, checked_at)
            SELECT c.id, s.id,
                   (ARRAY['supports','contradicts','mentions','not_found'])[1 + (c.id + k) % 4],
                   'A passage of the source that names the figure.', 0, 46, c.value, 0.7, '',
                   c.updated_at
            FROM claims_claim c
            CROSS JOIN generate_series(0, 2) k
            JOIN verification_source s
              ON s.id = 1 + (c.id * 3 + k * 7919) % {max(claims // 20, 100)}
            WHERE c.status <> 'new' AND c.status <> 'dismissed'
            """,
        ),
    ]
    with connection.cursor() as cursor, column_defaults():
        for name, statement in steps:
            started = time.perf_counter()
            cursor.execute(statement)
            print(f"  {name}: {cursor.rowcount:,} rows in {time.perf_counter() - started:.1f}s")
        for table in ("claims_article", "claims_claim", "claims_claimevent"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )


# --- measuring --------------------------------------------------------------------------


def measure(fetch: Callable[[], object], requests: int) -> tuple[float, float, float, int]:
    """Medians of wall, CPU and database milliseconds of ``fetch`` after one warm-up, and
    the queries of the last run.

    CPU is this process's (Python: views, templates, serializers); database is the sum of
    the queries' round trips. On a shared machine wall time also holds the wait for a
    core, so CPU and database are the steadier figures.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fetch()
    walls, cpus, dbs = [], [], []
    queries = 0
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            started, cpu = time.perf_counter(), time.process_time()
            fetch()
            walls.append((time.perf_counter() - started) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
        dbs.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
        queries = len(captured.captured_queries)
    return statistics.median(walls), statistics.median(cpus), statistics.median(dbs), queries


def ok(response: object, url: str) -> object:
    code = getattr(response, "status_code", None)
    if code != 200:
        body = getattr(response, "content", b"")[:500]
        raise SystemExit(f"{url} answered {code}: {body!r}")
    return response


def deep_cursor_url(base: str) -> str:
    """The API list's last page: a cursor near the end of the order, or ?page=last."""
    from claims.models import Claim

    try:
        from desk.api.pagination import keyset_cursor_for
    except ImportError:  # before keyset pages: page numbers
        return f"{base}&page=last" if "?" in base else f"{base}?page=last"
    # The 60th claim from the end of (-updated_at, -id): the cursor the last page follows.
    row = Claim.objects.order_by("updated_at", "id").values("updated_at", "id")[60]
    cursor = keyset_cursor_for(model=Claim, ordering=("-updated_at", "-id"), values=row)
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}cursor={cursor}"


def run_requests(requests: int) -> list[tuple[str, float, int, int]]:
    from django.contrib.auth.models import User
    from django.test import Client
    from rest_framework.authtoken.models import Token

    editor = User.objects.get(username="bench-editor")
    admin = Client()
    admin.force_login(editor)
    token = Token.objects.get(user=editor).key
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")

    first = ok(admin.get("/admin/claims/claim/"), "claim list").content.decode()
    pages = [int(p) for p in re.findall(r'href="\?p=(\d+)"', first)]
    last_page = max(pages) if pages else 1
    big_id = big_article_id()

    cases: list[tuple[str, Client, str]] = [
        ("admin claim list, first page", admin, "/admin/claims/claim/"),
        ("admin ?q=Peshawar", admin, "/admin/claims/claim/?q=Peshawar"),
        (f"admin last page (p={last_page})", admin, f"/admin/claims/claim/?p={last_page}"),
        ("admin article list", admin, "/admin/claims/article/"),
        ("review queue", admin, "/admin/claims/claim/queue/"),
        (
            "API status+kind&ordering=-updated_at",
            api,
            "/api/v1/claims/?status=published&kind=casualty_count&ordering=-updated_at",
        ),
        (
            "API last page / deep cursor",
            api,
            deep_cursor_url("/api/v1/claims/?ordering=-updated_at"),
        ),
        ("API list of one 1 MB article", api, f"/api/v1/claims/?article={big_id}"),
    ]
    rows = []
    print(f"  {'request':36} {'wall ms':>8} {'cpu ms':>8} {'db ms':>8} {'queries':>8} {'KB':>8}")
    for name, client, url in cases:
        size = len(ok(client.get(url), url).content)  # type: ignore[attr-defined]
        wall, cpu, db, queries = measure(lambda c=client, u=url: ok(c.get(u), u), requests)
        rows.append((name, wall, queries, size))
        print(
            f"  {name:36} {wall:8.1f} {cpu:8.1f} {db:8.1f} {queries:8d} {size / 1024:8.1f}",
            flush=True,
        )
    return rows


def big_article_id() -> int:
    """One of the 1 MB articles (the size of the stored value is read without detoasting)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM claims_article WHERE pg_column_size(text) > 100000 ORDER BY id LIMIT 1"
        )
        row = cursor.fetchone()
    if row is None:
        raise SystemExit("no 1 MB article in the bench database")
    return int(row[0])


SAMPLE = ROOT / "claims" / "sample" / "peshawar_2014.txt"


def measure_ingest(runs: int) -> float:
    """Median ms of POST /api/v1/articles/ with an ordinary article (its claims extracted)."""
    import json

    from django.contrib.auth.models import User
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from claims.models import Article

    token = Token.objects.get(user=User.objects.get(username="bench-editor")).key
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    text = SAMPLE.read_text(encoding="utf-8")
    timings = []
    cpus = []
    made = []
    stamp = time.time_ns()
    for n in range(runs + 1):
        body = {
            "title": f"Bench ingest {stamp} {n}",
            "text": f"{text}\n\nBench edition {stamp}-{n}: 12 people were injured, police said.",
        }
        started, cpu = time.perf_counter(), time.process_time()
        response = api.post("/api/v1/articles/", json.dumps(body), content_type="application/json")
        elapsed = (time.perf_counter() - started) * 1000
        cpu_ms = (time.process_time() - cpu) * 1000
        if response.status_code != 201:
            raise SystemExit(f"ingest answered {response.status_code}: {response.content[:300]!r}")
        made.append(response.json()["id"])
        if n:  # the first one warms the extractor's caches
            timings.append(elapsed)
            cpus.append(cpu_ms)
    claims = response.json().get("claims_count")
    Article.objects.filter(id__in=made).delete()
    print(
        f"  ingest of one article ({len(text) // 1024} KB, {claims} claims): "
        f"{statistics.median(timings):.1f} ms wall, {statistics.median(cpus):.1f} ms cpu, "
        f"median of {runs}"
    )
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=0, help="default: claims / 20")
    parser.add_argument("--requests", type=int, default=7)
    parser.add_argument("--ingests", type=int, default=9)
    parser.add_argument("--reuse", action="store_true", help="keep a complete earlier build")
    parser.add_argument("--drop", action="store_true", help="drop the bench database and stop")
    parser.add_argument("--ingest-only", action="store_true", help="time the ingest alone")
    args = parser.parse_args()
    articles = args.articles or max(args.claims // 20, 2)

    admin, name = target(args.claims)
    url = database_url(admin, name)
    if args.drop:
        admin_sql(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        print(f"dropped {name}")
        return
    reuse = args.reuse and built(url)
    if not reuse:
        admin_sql(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin_sql(admin, f'CREATE DATABASE "{name}"')

    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("CLAIMDESK_TESTING", "1")  # throwaway secret, "testserver" allowed
    os.environ.pop("REDIS_URL", None)  # no status cache, no broker: the database alone
    os.environ["CHECK_ON_INGEST"] = "0"
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)  # one line per ingested article is noise here
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"{name}: migrations applied in {time.perf_counter() - started:.1f}s")
    if not reuse:
        print(f"building {args.claims:,} claims over {articles:,} articles", flush=True)
        started = time.perf_counter()
        build(args.claims, articles)
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TABLE {DONE_MARKER} (claims bigint)")
            cursor.execute(f"INSERT INTO {DONE_MARKER} VALUES ({args.claims})")
        print(f"  built in {time.perf_counter() - started:.1f}s")
    started = time.perf_counter()
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM claims_claim")
        total = cursor.fetchone()[0]
    print(f"  vacuum analyze in {time.perf_counter() - started:.1f}s; {total:,} claims, {size}")

    if not args.ingest_only:
        print(f"median of {args.requests} requests (Django test client, in process):")
        run_requests(args.requests)
    measure_ingest(args.ingests)


if __name__ == "__main__":
    main()
