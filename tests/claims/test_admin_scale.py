"""The admin lists at archive scale: bounded counts, estimates, capped pages, indexed search.

The sizes here are small; the thresholds are lowered so the large-archive paths run.
"""

from __future__ import annotations

import pytest
from django.core.paginator import EmptyPage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.admin import ClaimAdmin
from claims.admin_pages import ArchivePaginator, planner_estimate
from claims.models import Claim
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:claims_claim_changelist")
ARTICLES_URL = reverse("admin:claims_article_changelist")
QUEUE_URL = reverse("admin:claims_claim_queue")
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="planner estimates and trigram indexes"
)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class SmallArchive(ArchivePaginator):
    exact_up_to = 10
    max_pages = 2


def analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")


def claims_in_list_order(count: int) -> list[int]:
    article = ArticleFactory()
    for n in range(count):
        ClaimFactory(article=article, start=n * 10, end=n * 10 + 5)
    return list(Claim.objects.order_by("-updated_at", "-id").values_list("id", flat=True))


# --- the paginator ---------------------------------------------------------------------


def test_count_below_the_threshold_is_exact():
    claims_in_list_order(7)
    paginator = SmallArchive(Claim.objects.order_by("-updated_at", "-id"), 5)
    assert paginator.count == 7 and not paginator.is_estimate and not paginator.is_capped
    assert paginator.num_pages == 2


@postgres_only
def test_count_above_the_threshold_is_the_planner_estimate_and_pages_stop_at_the_cap():
    # Given 25 claims and statistics that know it
    expected = claims_in_list_order(25)
    analyze()
    queryset = Claim.objects.order_by("-updated_at", "-id")

    # When they are paginated 5 a page with exact counts up to 10 and 2 pages offered
    paginator = SmallArchive(queryset, 5)

    # Then the count is the estimate, only 2 pages are offered, and they hold the right rows
    assert planner_estimate(queryset) == 25
    assert (paginator.count, paginator.is_estimate, paginator.is_capped) == (25, True, True)
    assert paginator.num_pages == 2
    assert [c.pk for c in paginator.page(2)] == expected[5:10]
    with pytest.raises(EmptyPage):
        paginator.page(3)


@postgres_only
def test_an_estimate_never_goes_below_what_was_counted():
    claims_in_list_order(15)  # no ANALYZE: the planner may think the table is tiny
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
    Claim.objects.filter(pk__in=Claim.objects.values("pk")[:3]).delete()
    paginator = SmallArchive(Claim.objects.order_by("-id"), 5)
    assert paginator.count >= 11  # counted up to exact_up_to + 1 before estimating


def test_a_page_reads_annotations_for_its_own_rows_only(client, editor):
    claims_in_list_order(60)
    client.force_login(editor)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"{LIST_URL}?p=2")
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 10
    [rows] = [q["sql"] for q in ctx.captured_queries if "verification_evidence" in q["sql"]]
    inner = rows[rows.index(" IN (SELECT ") :]
    # The OFFSET is inside the id subquery, which has no evidence subqueries of its own.
    assert "OFFSET 50" in inner and "verification_evidence" not in inner.split("OFFSET 50")[0]
    assert "OFFSET" not in rows[: rows.index(" IN (SELECT ")]


def test_a_page_past_the_offered_ones_is_the_admins_invalid_page_message(
    client, editor, monkeypatch
):
    monkeypatch.setattr(ArchivePaginator, "max_pages", 2)
    monkeypatch.setattr(ClaimAdmin, "list_per_page", 5)
    claims_in_list_order(12)
    client.force_login(editor)
    body = client.get(LIST_URL).content.decode()
    assert 'href="?p=2"' in body and 'href="?p=3"' not in body
    assert 'id="pages-capped"' in body
    response = client.get(f"{LIST_URL}?p=3")
    assert response.status_code == 302 and response["Location"].endswith("?e=1")


@postgres_only
def test_list_shows_an_estimate_as_about(client, editor, monkeypatch):
    monkeypatch.setattr(ArchivePaginator, "exact_up_to", 5)
    claims_in_list_order(12)
    analyze()
    client.force_login(editor)
    body = client.get(LIST_URL).content.decode()
    assert "about 12 claims" in " ".join(body.split())


# --- search through trigram indexes -----------------------------------------------------


@postgres_only
@pytest.mark.parametrize(
    ("column", "index"),
    [
        ("text", "claim_text_trgm_idx"),
        ("quote", "claim_quote_trgm_idx"),
        ("speaker", "claim_speaker_trgm_idx"),
    ],
)
def test_search_is_answered_by_the_trigram_index(column, index):
    # Given the search Django runs for the admin's ?q= and the API's ?search=
    ClaimFactory.create_batch(3)
    queryset = Claim.objects.filter(**{f"{column}__icontains": "Peshawar"}).order_by().values("pk")
    sql, params = queryset.query.sql_with_params()

    # When PostgreSQL plans it without the option of reading the whole table
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    # Then the plan reads the trigram index of that column (its expression matches)
    assert index in plan, plan


def test_admin_search_finds_words_in_text_quote_and_speaker(client, editor):
    in_text = ClaimFactory(text="At least 141 people were killed in Peshawar.")
    quoted = ClaimFactory(kind="quote", quote="Peshawar will not forget", speaker="Asma Khan")
    ClaimFactory(text="Nothing about that city here.")
    client.force_login(editor)
    found = client.get(f"{LIST_URL}?q=peshawar").context["cl"].result_list
    assert {c.pk for c in found} == {in_text.pk, quoted.pk}
    found = client.get(f"{LIST_URL}?q=asma").context["cl"].result_list
    assert [c.pk for c in found] == [quoted.pk]


# --- the article filter -----------------------------------------------------------------


def test_article_filter_is_a_search_box_not_a_list_of_every_article(client, editor):
    articles = [ArticleFactory(title=f"Flood report {n}") for n in range(30)]
    for article in articles:
        ClaimFactory(article=article)
    client.force_login(editor)

    body = client.get(LIST_URL).content.decode()
    assert 'id="article-filter"' in body and "admin-autocomplete" in body
    assert f"?article__id__exact={articles[0].pk}" not in body

    chosen = client.get(f"{LIST_URL}?article__id__exact={articles[3].pk}&status__exact=new")
    assert [c.article_id for c in chosen.context["cl"].result_list] == [articles[3].pk]
    page = chosen.content.decode()
    assert f'<option value="{articles[3].pk}" selected>Flood report 3</option>' in page
    assert '<input type="hidden" name="status__exact" value="new">' in page


def test_article_autocomplete_finds_articles_by_title(client, editor):
    wanted = ArticleFactory(title="Herat earthquake toll rises")
    ArticleFactory(title="Budget speech")
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "claims", "model_name": "claim", "field_name": "article", "term": "herat"},
    )
    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(wanted.pk), "text": wanted.title}]


# --- query counts pinned ----------------------------------------------------------------


def test_claim_list_queries_are_pinned(client, editor, reviewer, django_assert_num_queries):
    articles = ArticleFactory.create_batch(3)
    for n in range(60):
        ClaimFactory(article=articles[n % 3], assignee=reviewer if n % 2 else None)
    client.force_login(editor)
    client.get(LIST_URL)
    # session, user, 2 x permissions, roles, desk members (assignee filter), count, page
    with django_assert_num_queries(8):
        assert client.get(LIST_URL).status_code == 200
    with django_assert_num_queries(8):
        assert client.get(f"{LIST_URL}?q=killed&p=2").status_code == 200
    with django_assert_num_queries(9):  # + the chosen article's title
        assert client.get(f"{LIST_URL}?article__id__exact={articles[0].pk}").status_code == 200


def test_article_list_queries_are_pinned_and_read_no_text(
    client, editor, django_assert_num_queries
):
    for n in range(60):
        ClaimFactory.create_batch(2, article=ArticleFactory(text="y" * 20_000 + f" {n} were hurt."))
    client.force_login(editor)
    client.get(ARTICLES_URL)
    # session, user, 2 x permissions, count, page
    with CaptureQueriesContext(connection) as ctx, django_assert_num_queries(6):
        assert client.get(ARTICLES_URL).status_code == 200
    assert not any('"claims_article"."text"' in q["sql"] for q in ctx.captured_queries)


def test_queue_queries_are_pinned_and_counts_group_one_index(
    client, editor, reviewer, django_assert_num_queries
):
    ClaimFactory.create_batch(5)
    ClaimFactory.create_batch(3, status="in_review", assignee=editor)
    ClaimFactory.create_batch(2, status="awaiting_approval", proposed_by=reviewer)
    client.force_login(editor)
    client.get(QUEUE_URL)
    # session, user, 2 x permissions, roles, counts, sent back, my claims, awaiting
    # approval, new by check-worthiness, and the desk at a glance (status moves of 30 days,
    # publications of 30 days): each list and chart a bounded walk of one index
    with CaptureQueriesContext(connection) as ctx, django_assert_num_queries(12):
        response = client.get(QUEUE_URL)
    assert response.status_code == 200
    [counts] = [q["sql"] for q in ctx.captured_queries if "COUNT(*)" in q["sql"]]
    assert "JOIN" not in counts and "GROUP BY" in counts and "verification" not in counts
    assert "New</span> <strong>5</strong>" in response.content.decode()


@postgres_only
def test_queue_counts_are_exact_up_to_the_limit_and_estimated_above():
    from claims.selectors import StatusCount, queue_status_counts

    ClaimFactory.create_batch(8)
    ClaimFactory.create_batch(2, status="in_review")
    analyze()

    counts = queue_status_counts(statuses=["new", "in_review", "published"], exact_up_to=5)

    assert counts == {
        "new": StatusCount(8, estimated=True),
        "in_review": StatusCount(2),
        "published": StatusCount(0),
    }
    assert (str(counts["new"]), str(counts["in_review"])) == ("about 8", "2")


def test_queue_shows_only_published_counts_to_a_user_without_a_role(client, django_user_model):
    from claims.selectors import queue_status_counts, review_queue

    ClaimFactory.create_batch(2)
    ClaimFactory(status="published", verdict="accurate")
    outsider = django_user_model.objects.create_user("olga", password="pw-olga-12345")
    queue = review_queue(user=outsider)
    assert {s: c.n for s, c in queue.counts.items()} == {"published": 1}
    assert queue_status_counts(statuses=["new"])["new"].n == 2


def test_claim_list_sorts_only_by_id_which_an_index_gives_either_way(client, editor):
    made = claims_in_list_order(4)
    client.force_login(editor)
    body = client.get(LIST_URL).content.decode()
    assert body.count('class="sortable') == 1 and 'class="sortable column-id' in body
    oldest_first = client.get(f"{LIST_URL}?o=1").context["cl"].result_list
    assert [c.pk for c in oldest_first] == sorted(made)
