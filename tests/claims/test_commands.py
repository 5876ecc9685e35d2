"""The user-facing commands: extract_claims (writes nothing), ingest_article, setup_demo."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from claims.models import Article
from tests.contracts import CLAIM_JSON_KEYS

SAMPLE = Path(__file__).resolve().parents[2] / "claims" / "sample" / "peshawar_2014.txt"


@pytest.mark.django_db
def test_extract_claims_prints_the_contract_json_and_writes_nothing(django_assert_num_queries):
    out = StringIO()
    with django_assert_num_queries(0):
        call_command("extract_claims", str(SAMPLE), "--format", "json", stdout=out)

    claims = json.loads(out.getvalue())
    text = SAMPLE.read_text(encoding="utf-8")
    assert claims
    for claim in claims:
        assert list(claim) == CLAIM_JSON_KEYS
        assert text[claim["start"] : claim["end"]] == claim["text"]
    assert {"kind": "monetary_amount", "value": 28_000_000_000, "currency": "USD"}.items() <= (
        next(c for c in claims if c["value"] == 28_000_000_000).items()
    )
    assert Article.objects.count() == 0


def test_extract_claims_table_format():
    out = StringIO()
    call_command("extract_claims", str(SAMPLE), "--format", "table", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("kind")
    assert any("casualty_count" in line and "141" in line for line in lines)


def _write(tmp_path: Path, name: str, body: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(body)
    return str(path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n ", "empty"),
        ("binary.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "binary"),
        ("latin1.txt", "Les dégâts: 12 morts".encode("latin-1"), "UTF-8"),
        (
            "calm.txt",
            b"The weather was pleasant and nothing happened.",
            "(?i)no check-worthy claims",
        ),
    ],
)
@pytest.mark.parametrize("command", ["extract_claims", "ingest_article"])
def test_bad_files_get_a_clear_error_and_nothing_is_saved(tmp_path, name, body, message, command):
    path = _write(tmp_path, name, body)

    with pytest.raises(CommandError, match=message):
        call_command(command, path, stdout=StringIO())
    assert Article.objects.count() == 0


@pytest.mark.django_db
@override_settings(INGEST_FILE_MAX_BYTES=1024 * 1024)
def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)

    with pytest.raises(CommandError, match="limit is 1,048,576 bytes"):
        call_command("ingest_article", str(path), stdout=StringIO())
    assert Article.objects.count() == 0


def test_missing_file_is_a_clear_error():
    with pytest.raises(CommandError, match="no such file"):
        call_command("extract_claims", "/nonexistent/article.txt", stdout=StringIO())


@pytest.mark.django_db
def test_ingest_article_is_idempotent_and_prints_json():
    first, second = StringIO(), StringIO()
    call_command("ingest_article", str(SAMPLE), "--json", stdout=first)
    call_command("ingest_article", str(SAMPLE), "--json", stdout=second)

    one, two = json.loads(first.getvalue()), json.loads(second.getvalue())
    assert one["created"] is True and two["created"] is False
    assert one["id"] == two["id"]
    assert one["claims_count"] == two["claims_count"] > 10
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_ingest_article_reads_html_through_main_text_extraction(tmp_path):
    html = (
        "<!doctype html><html><head><title>Quake</title></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Quake toll rises</h1>"
        "<p>At least 250 people were killed in the earthquake, officials said on Monday.</p>"
        "<p>Rescue teams were still searching the rubble of collapsed buildings in the city, "
        "where more than 1,000 people were injured, the health ministry said.</p>"
        "</article><footer>Copyright</footer></body></html>"
    )
    path = _write(tmp_path, "quake.html", html.encode("utf-8"))

    call_command("ingest_article", path, stdout=StringIO())

    article = Article.objects.get()
    assert "<p>" not in article.text and "Home | World" not in article.text
    assert sorted(int(c.value) for c in article.claims.all()) == [250, 1000]


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_setup_demo_refuses_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("setup_demo", stdout=StringIO())


@pytest.mark.django_db
@override_settings(DEBUG=True, DEMO_PASSWORD="pw-demo-test-1")
def test_setup_demo_creates_users_in_roles_and_the_sample(django_user_model):
    call_command("setup_demo", stdout=StringIO())
    call_command("setup_demo", stdout=StringIO())  # a second run changes nothing

    users = {u.username: u for u in django_user_model.objects.all()}
    assert set(users) == {"admin", "reviewer", "reviewer2", "editor"}
    assert users["admin"].is_superuser
    assert users["editor"].groups.filter(name="editors").exists()
    assert users["reviewer2"].groups.filter(name="reviewers").exists()
    assert users["reviewer"].check_password("pw-demo-test-1")
    assert Article.objects.get().claims.count() > 10


@pytest.mark.django_db
def test_ingest_article_from_a_url_goes_through_the_safe_fetcher(httpserver, settings):
    settings.FETCH_ALLOWED_PRIVATE_HOSTS = ["127.0.0.1", "localhost"]
    httpserver.expect_request("/quake").respond_with_data(
        "<html><head><title>Quake toll rises</title></head><body><article>"
        "<p>At least 250 people were killed in the earthquake, officials said on Monday.</p>"
        "<p>Rescue teams searched the rubble, and more than 1,000 people were injured, "
        "the health ministry said.</p></article></body></html>",
        content_type="text/html; charset=utf-8",
    )
    url = httpserver.url_for("/quake")

    call_command("ingest_article", url, stdout=StringIO())

    article = Article.objects.get()
    assert article.url == url
    assert "<p>" not in article.text
    assert sorted(int(c.value) for c in article.claims.all()) == [250, 1000]


@pytest.mark.django_db
def test_ingest_article_refuses_a_private_url_with_the_fetch_status():
    with pytest.raises(CommandError, match="blocked"):
        call_command("ingest_article", "http://169.254.169.254/latest/", stdout=StringIO())
    assert Article.objects.count() == 0
