"""The admin as the desk uses it: queue, filters, claim page, buttons, conflicts, escaping."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims.admin import STALE_MESSAGE
from claims.models import Claim, ClaimEvent, ClaimKind
from claims.services import claim_transition
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script>"
LIST_URL = reverse("admin:claims_claim_changelist")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def claim_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def transition_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_transition", args=[claim.pk])


def page_messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def list_ids(response) -> set[int]:
    return {c.pk for c in response.context["cl"].result_list}


# --- the claim list -------------------------------------------------------------------


def test_list_shows_badge_figure_article_assignee_and_evidence_counts(client, editor, reviewer):
    from verification.models import Evidence, Source

    claim = ClaimFactory(status="in_review", assignee=reviewer, value=Decimal(141))
    quote = ClaimFactory(
        kind=ClaimKind.QUOTE, quote="We will rebuild", speaker="Qin Gang", value=None
    )
    for n, stance in enumerate(["supports", "supports", "contradicts", "mentions"]):
        source = Source.objects.create(url=f"https://news.example/{n}", fetch_status="ok")
        Evidence.objects.create(
            claim=claim, source=source, stance=stance, checked_at=timezone.now()
        )
    client.force_login(editor)

    response = client.get(LIST_URL)

    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="cd-badge cd-status-in_review">In review<' in body
    # the claim in the article's words, not its normalised reading
    assert "were killed in the flood, officials said." in body
    claim_cells = " ".join(re.findall(r'class="field-claim_display">(.*?)</td>', body))
    assert "at least 141 killed" not in claim_cells
    assert '<span class="cd-muted">— Qin Gang</span>' in body
    assert claim.article.title in body and quote.article.title in body
    assert "rita" in body
    row = {c.pk: c for c in response.context["cl"].result_list}[claim.pk]
    assert (row.evidence_supports, row.evidence_contradicts) == (2, 1)
    assert "✓ 2" in body and "✗ 1" in body


def test_list_query_count_is_pinned_and_does_not_grow_with_rows(
    client, editor, reviewer, django_assert_max_num_queries
):
    # Given 10 claims over a few articles, some assigned
    articles = ArticleFactory.create_batch(3)
    for n in range(10):
        ClaimFactory(article=articles[n % 3], assignee=reviewer if n % 2 else None)
    client.force_login(editor)
    client.get(LIST_URL)  # warm the session and content-type caches

    # When the list is loaded with 10 claims, then with 100
    with django_assert_max_num_queries(10), CaptureQueriesContext(connection) as ten:
        assert client.get(LIST_URL).status_code == 200
    for n in range(90):
        ClaimFactory(article=articles[n % 3], assignee=reviewer if n % 2 else None)
    with CaptureQueriesContext(connection) as hundred:
        response = client.get(LIST_URL)

    # Then the number of queries is the same
    assert len(response.context["cl"].result_list) == 50
    assert len(hundred.captured_queries) == len(ten.captured_queries)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status__exact=in_review", {"mine", "other"}),
        ("assignee=me", {"mine"}),
        ("assignee=none", {"new", "quote", "published"}),
        ("kind__exact=quote", {"quote"}),
        ("verdict__exact=accurate", {"published"}),
        ("q=Qin", {"quote"}),
        ("q=rebuild", {"quote"}),
    ],
)
def test_filters_and_search(client, reviewer, reviewer2, query, expected):
    claims = {
        "new": ClaimFactory(),
        "mine": ClaimFactory(status="in_review", assignee=reviewer),
        "other": ClaimFactory(status="in_review", assignee=reviewer2),
        "quote": ClaimFactory(kind="quote", quote="We will rebuild", speaker="Qin Gang"),
        "published": ClaimFactory(status="published", verdict="accurate"),
    }
    client.force_login(reviewer)

    response = client.get(f"{LIST_URL}?{query}")

    assert response.status_code == 200
    assert list_ids(response) == {claims[name].pk for name in expected}


def test_article_filter(client, reviewer):
    first, second = ClaimFactory(), ClaimFactory()
    client.force_login(reviewer)
    response = client.get(f"{LIST_URL}?article__id__exact={first.article_id}")
    assert list_ids(response) == {first.pk}
    assert second.pk not in list_ids(response)


# --- the claim page -------------------------------------------------------------------


def buttons(response) -> set[str]:
    return set(re.findall(r'id="do-([a-z_-]+)"', response.content.decode()))


def test_reviewer_can_open_the_claim_page_and_sees_only_reviewer_actions(client, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)

    response = client.get(claim_url(claim))

    assert response.status_code == 200
    assert buttons(response) == {"start_review", "note", "add-source", "check"}
    body = response.content.decode()
    assert f'name="version" value="{claim.version}"' in body
    # the model form is read-only: no way to save fields directly
    assert 'name="_save"' not in body
    assert 'name="status"' not in body


def test_editor_sees_editor_actions(client, editor, reviewer):
    claim = ClaimFactory(status="awaiting_approval", proposed_by=reviewer, verdict="accurate")
    client.force_login(editor)
    response = client.get(claim_url(claim))
    assert {"publish", "send_back", "assign"} <= buttons(response)
    assert "dismiss" not in buttons(response)


def test_user_without_a_role_sees_no_actions(client, django_user_model):
    outsider = django_user_model.objects.create_superuser("root", password="x")
    outsider.is_superuser = False
    outsider.save()
    claim = ClaimFactory(status="published", verdict="accurate")
    client.force_login(outsider)
    # no view permission either: staff without a role cannot open claims
    assert client.get(claim_url(claim)).status_code == 403


def test_claim_sentence_is_highlighted_in_its_paragraph(client, reviewer):
    article = ArticleFactory(
        text="First paragraph.\n\nBefore it. At least 141 people were killed. After it.\n\nLast."
    )
    start = article.text.index("At least")
    end = article.text.index("After") - 1
    claim = ClaimFactory(
        article=article,
        text=article.text[start:end],
        start=start,
        end=end,
        span_start=start + 9,
        span_end=start + 12,
    )
    client.force_login(reviewer)

    body = client.get(claim_url(claim)).content.decode()

    assert (
        '<p class="cd-context">Before it. <mark class="cd-sentence">At least <strong>141'
        "</strong> people were killed.</mark> After it.</p>"
    ) in body


def test_reviewer_starts_a_review_and_proposes_a_verdict_by_post(client, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)

    response = client.post(
        transition_url(claim), {"action": "start_review", "version": 1}, follow=True
    )
    assert "Start review: claim" in " ".join(page_messages(response))
    response = client.post(
        transition_url(claim),
        {
            "action": "propose_verdict",
            "version": 2,
            "verdict": "misleading",
            "note": "The ministry says 149.",
        },
        follow=True,
    )

    claim.refresh_from_db()
    assert (claim.status, claim.verdict, claim.proposed_by, claim.version) == (
        "awaiting_approval",
        "misleading",
        reviewer,
        3,
    )
    body = response.content.decode()
    assert "The ministry says 149." in body  # history row
    assert list(ClaimEvent.objects.filter(claim=claim).values_list("action", flat=True)) == [
        "start_review",
        "propose_verdict",
    ]


def test_stale_version_shows_the_conflict_and_keeps_the_note(client, reviewer, editor):
    # Given the reviewer opened the claim at version 1, and an editor reassigned it meanwhile
    claim = ClaimFactory(status="in_review", assignee=reviewer)
    claim_transition(claim=claim, action="assign", actor=editor, version=1, assignee=reviewer)
    client.force_login(reviewer)

    # When the reviewer submits a proposal with the version they read
    response = client.post(
        transition_url(claim),
        {
            "action": "propose_verdict",
            "version": 1,
            "verdict": "inaccurate",
            "note": "Three sources say 149 & <b>not</b> 141.",
        },
        follow=True,
    )

    # Then the page says so, nothing changed, and the note typed is back in the form
    assert response.status_code == 200
    assert any(STALE_MESSAGE in m for m in page_messages(response))
    body = response.content.decode()
    assert "Three sources say 149 &amp; &lt;b&gt;not&lt;/b&gt; 141.</textarea>" in body
    assert '<option value="inaccurate" selected>' in body
    claim.refresh_from_db()
    assert (claim.status, claim.version) == ("in_review", 2)

    # And the draft is shown once only
    again = client.get(claim_url(claim)).content.decode()
    assert "Three sources say 149" not in again


def test_four_eyes_refusal_is_a_message_not_an_error(client, editor):
    claim = ClaimFactory(status="in_review", assignee=editor)
    claim_transition(
        claim=claim, action="propose_verdict", actor=editor, version=1,
        verdict="accurate", note="Matches.",
    )  # fmt: skip
    client.force_login(editor)

    page = client.get(claim_url(claim))
    assert "publish" not in buttons(page)
    response = client.post(transition_url(claim), {"action": "publish", "version": 2}, follow=True)

    assert response.status_code == 200
    assert any("Four eyes" in m for m in page_messages(response))
    claim.refresh_from_db()
    assert claim.status == "awaiting_approval"


def test_role_refusal_and_bad_input_are_messages(client, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)

    refused = client.post(
        transition_url(claim), {"action": "dismiss", "version": 1, "note": "dup"}, follow=True
    )
    assert any("Refused" in m and "editor" in m for m in page_messages(refused))
    invalid = client.post(
        transition_url(claim), {"action": "nonsense", "version": "x"}, follow=True
    )
    assert invalid.status_code == 200
    assert any("Nothing was changed" in m for m in page_messages(invalid))
    claim.refresh_from_db()
    assert (claim.status, claim.version) == ("new", 1)


def test_reopen_without_a_note_is_refused_with_a_message(client, editor):
    claim = ClaimFactory(status="published", verdict="accurate")
    client.force_login(editor)
    response = client.post(
        transition_url(claim), {"action": "reopen", "version": 1, "note": ""}, follow=True
    )
    assert any("needs a note" in m for m in page_messages(response))
    claim.refresh_from_db()
    assert claim.status == "published"


def test_assign_from_the_claim_page(client, editor, reviewer):
    claim = ClaimFactory()
    client.force_login(editor)
    client.post(transition_url(claim), {"action": "assign", "version": 1, "assignee": reviewer.pk})
    claim.refresh_from_db()
    assert (claim.assignee, claim.status) == (reviewer, "new")


def test_history_note(client, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:claims_claim_note", args=[claim.pk]),
        {"version": 1, "note": "Asked the ministry."},
        follow=True,
    )
    assert "Note added." in page_messages(response)
    assert "Asked the ministry." in response.content.decode()


# --- escaping -------------------------------------------------------------------------


def test_article_text_with_a_script_stays_text_everywhere(client, editor):
    text = f"Officials said {XSS} at least 12 people were killed. More {XSS}."
    article = ArticleFactory(title=f"Title {XSS}", text=text)
    start = text.index("at least")
    claim = ClaimFactory(
        article=article,
        text=text[start : text.index("killed.") + 7],
        start=start,
        end=text.index("killed.") + 7,
        span_start=start + 9,
        span_end=start + 11,
        quote=XSS,
        speaker=XSS,
    )
    ClaimEvent.objects.create(claim=claim, action="note", note=XSS)
    client.force_login(editor)

    pages = {
        "list": client.get(LIST_URL),
        "claim": client.get(claim_url(claim)),
        "article": client.get(reverse("admin:claims_article_change", args=[article.pk])),
        "queue": client.get(reverse("admin:claims_claim_queue")),
    }

    for name, response in pages.items():
        body = response.content.decode()
        assert response.status_code == 200, name
        assert XSS not in body, name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["claim"].content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["article"].content.decode()
    assert "Title &lt;script&gt;" in pages["list"].content.decode()


# --- the article page -----------------------------------------------------------------


def test_article_page_highlights_every_claim_with_its_status_and_counts(client, reviewer):
    text = "At least 12 were killed. About 40 were injured. Costs were $5 million."
    article = ArticleFactory(text=text)
    made = []
    for figure, status in (("12", "new"), ("40", "in_review"), ("$5 million", "published")):
        s = text.index(figure)
        made.append(
            ClaimFactory(
                article=article,
                status=status,
                start=0,
                end=len(text),
                text=text,
                span_start=s,
                span_end=s + len(figure),
            )
        )
    client.force_login(reviewer)

    response = client.get(reverse("admin:claims_article_change", args=[article.pk]))

    body = response.content.decode()
    for claim, figure in zip(made, ("12", "40", "$5 million"), strict=True):
        assert re.search(
            rf'<a class="cd-hl cd-status-{claim.status}" href="{claim_url(claim)}"[^>]*>'
            rf"{re.escape(figure)}</a>",
            body,
        ), figure
    counts = re.search(r'id="article-counts">(.*?)</ul>', body, re.S).group(1)
    assert "New</span> <strong>1</strong>" in counts
    assert "Awaiting approval</span> <strong>0</strong>" in counts


# --- bulk actions ---------------------------------------------------------------------


def test_bulk_start_review_reports_refusals_per_claim(client, reviewer, reviewer2):
    fresh = ClaimFactory()
    taken = ClaimFactory(status="in_review", assignee=reviewer2)
    client.force_login(reviewer)

    response = client.post(
        LIST_URL,
        {"action": "bulk_start_review", "_selected_action": [fresh.pk, taken.pk]},
        follow=True,
    )

    text = " ".join(page_messages(response))
    assert f"done for #{fresh.pk}" in text
    assert f"refused for #{taken.pk}: The claim is already under review." in text
    fresh.refresh_from_db()
    assert fresh.assignee == reviewer


def test_bulk_assign_uses_an_intermediate_form(client, editor, reviewer):
    claims = ClaimFactory.create_batch(2)
    client.force_login(editor)
    ids = [c.pk for c in claims]

    form = client.post(LIST_URL, {"action": "bulk_assign", "_selected_action": ids})
    assert form.status_code == 200
    assert 'name="assignee"' in form.content.decode()

    done = client.post(
        LIST_URL,
        {"action": "bulk_assign", "_selected_action": ids, "apply": "1", "assignee": reviewer.pk},
        follow=True,
    )
    assert "Assign: done for" in " ".join(page_messages(done))
    assert set(Claim.objects.values_list("assignee", flat=True)) == {reviewer.pk}


def test_bulk_dismiss_is_for_editors_only(client, editor, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)
    assert "bulk_dismiss" not in client.get(LIST_URL).content.decode()
    client.force_login(editor)
    form = client.post(LIST_URL, {"action": "bulk_dismiss", "_selected_action": [claim.pk]})
    assert 'id="bulk-dismiss-note"' in form.content.decode()
    claim.refresh_from_db()
    assert claim.status == "new"  # nothing happens before a reason is given

    no_reason = client.post(
        LIST_URL, {"action": "bulk_dismiss", "_selected_action": [claim.pk], "apply": "1"}
    )
    assert any("Say why" in m for m in page_messages(no_reason))
    client.post(
        LIST_URL,
        {
            "action": "bulk_dismiss",
            "_selected_action": [claim.pk],
            "apply": "1",
            "note": "Duplicate of the wire copy.",
        },
    )
    claim.refresh_from_db()
    assert claim.status == "dismissed"
    event = ClaimEvent.objects.get(claim=claim, action="dismiss")
    assert event.note == "Duplicate of the wire copy."


# --- queue ----------------------------------------------------------------------------


def test_queue_shows_counts_my_claims_and_awaiting_approval_for_editors(client, editor, reviewer):
    ClaimFactory.create_batch(2)
    mine = ClaimFactory(status="in_review", assignee=reviewer)
    waiting = ClaimFactory(status="awaiting_approval", proposed_by=reviewer, verdict="accurate")
    url = reverse("admin:claims_claim_queue")

    client.force_login(reviewer)
    body = client.get(url).content.decode()
    assert "New</span> <strong>2</strong>" in body
    assert f"#{mine.pk}</a>" in body.split('id="my-claims"')[1]
    assert 'id="awaiting-approval"' not in body

    client.force_login(editor)
    body = client.get(url).content.decode()
    assert f"#{waiting.pk}</a>" in body.split('id="awaiting-approval"')[1]
    assert "Review queue" in client.get(reverse("admin:index")).content.decode()


# --- evidence (needs verification.selectors / verification.services) -------------------


def test_evidence_table_highlights_matched_words(client, reviewer):
    from verification.models import Evidence, Source

    claim = ClaimFactory(text="At least 141 people were killed in Peshawar.", value=Decimal(141))
    source = Source.objects.create(
        url="https://news.example/a",
        final_url="https://news.example/a?x",
        title="Army school attack",
        fetch_status="ok",
        archive_url="https://web.archive.org/web/2014/https://news.example/a",
    )
    Evidence.objects.create(
        claim=claim,
        source=source,
        stance="supports",
        passage="The attack in Peshawar killed 141 <people>.",
        found_value=Decimal(141),
        checked_at=timezone.now(),
    )
    client.force_login(reviewer)

    body = client.get(claim_url(claim)).content.decode()

    section = body.split('id="evidence"')[1]
    assert "Supports" in section
    assert (
        "in <mark>Peshawar</mark> <mark>killed</mark> <mark>141</mark> &lt;<mark>people</mark>&gt;."
        in section
    )
    assert "<td>141</td>" in section
    assert 'href="https://news.example/a?x"' in section
    assert 'href="https://web.archive.org/web/2014/https://news.example/a"' in section


@pytest.mark.parametrize("bad", ["not a url", "ftp://example.org/x", "javascript:alert(1)"])
def test_adding_a_bad_source_url_says_why(client, reviewer, bad):
    from verification.models import CheckRun

    claim = ClaimFactory()
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:claims_claim_sources", args=[claim.pk]), {"url": bad}, follow=True
    )
    assert response.status_code == 200
    assert any("That source was not added" in m for m in page_messages(response))
    assert not CheckRun.objects.exists()


def test_adding_a_source_and_checking_now_request_check_runs(
    client, reviewer, django_capture_on_commit_callbacks
):
    from verification.models import CheckRun

    claim = ClaimFactory()
    client.force_login(reviewer)
    url = reverse("admin:claims_claim_sources", args=[claim.pk])

    with django_capture_on_commit_callbacks(execute=False):
        added = client.post(url, {"url": "https://news.example/report"}, follow=True)
        checked = client.post(url, {"check": "1"}, follow=True)

    assert any("the source https://news.example/report" in m for m in page_messages(added))
    assert any("every source of this claim" in m for m in page_messages(checked))
    runs = list(CheckRun.objects.filter(claim=claim).order_by("id"))
    # "check sources now" re-checks the URL the reviewer added, and asks the providers too
    assert [r.urls for r in runs] == [["https://news.example/report"]] * 2
    assert runs[0].requested_by == reviewer
    actions = list(ClaimEvent.objects.filter(claim=claim).values_list("action", "actor"))
    assert actions == [("source_added", reviewer.pk), ("check_requested", reviewer.pk)]


def test_check_rows_in_the_history_carry_the_claims_unchanged_status(client, reviewer):
    from verification.models import CheckRun
    from verification.services import check_run_finish

    # Given a claim in review, and a reviewer who adds a source (run queued, no worker yet)
    claim = ClaimFactory(status="in_review", assignee=reviewer)
    client.force_login(reviewer)
    client.post(
        reverse("admin:claims_claim_sources", args=[claim.pk]),
        {"url": "https://news.example/report"},
        HTTP_HX_REQUEST="true",
    )
    # When the run finishes
    check_run_finish(run=CheckRun.objects.get(claim=claim))

    # Then every check row says the claim stayed in review, and the history shows it
    rows = list(
        ClaimEvent.objects.filter(claim=claim)
        .order_by("id")
        .values_list("action", "from_status", "to_status")
    )
    assert rows == [
        ("source_added", "in_review", "in_review"),
        ("check_finished", "in_review", "in_review"),
    ]
    history = client.get(reverse("admin:claims_claim_events", args=[claim.pk]))
    finished = re.search(r'data-action="check_finished">(.*?)</tr>', history.text, re.S)
    assert finished and "In review" in finished.group(1)


def test_history_fragment_is_the_history_alone_in_a_fixed_number_of_queries(
    client, reviewer, django_assert_num_queries
):
    from verification.models import CheckRun
    from verification.services import check_run_finish

    # Given a claim with a few history rows by different people
    claim = ClaimFactory(status="in_review", assignee=reviewer)
    client.force_login(reviewer)
    url = reverse("admin:claims_claim_events", args=[claim.pk])
    client.post(
        reverse("admin:claims_claim_note", args=[claim.pk]),
        {"note": "one", "version": claim.version},
    )
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(5):
        check_run_finish(run=CheckRun.objects.create(claim=claim, state="queued"))

    # When the history fragment is fetched (as the page does when a check finishes)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url, HTTP_HX_REQUEST="true")

    # Then it is the history section alone, with every row, in the same queries
    assert response.status_code == 200
    assert response.text.count('id="history"') == 1
    assert 'hx-trigger="claim-history-changed from:body"' in response.text
    assert response.text.count('data-action="check_finished"') == 5
    assert 'id="evidence"' not in response.text and "<html" not in response.text
    # session, user, roles, the claim, user and group permissions, the events with actors
    assert len(few.captured_queries) == 7


def test_history_fragment_needs_a_desk_login(client):
    claim = ClaimFactory()
    response = client.get(reverse("admin:claims_claim_events", args=[claim.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_evidence_panel_tells_the_history_to_refresh_only_when_it_changed(client, reviewer):
    from verification.models import CheckRun
    from verification.services import check_run_finish

    claim = ClaimFactory()
    client.force_login(reviewer)
    evidence = reverse("admin:claims_claim_evidence", args=[claim.pk])
    run = CheckRun.objects.create(claim=claim, state="queued")

    # While the run is pending, a poll does not ask the history to refresh
    polling = client.get(evidence, HTTP_HX_REQUEST="true")
    assert 'data-polling="1"' in polling.text
    assert "HX-Trigger" not in polling.headers

    # The poll that sees it finished does; and so does a request for a check
    check_run_finish(run=run)
    done = client.get(evidence, HTTP_HX_REQUEST="true")
    assert "data-polling" not in done.text
    assert done.headers["HX-Trigger"] == '{"claim-history-changed": {}}'
    asked = client.post(
        reverse("admin:claims_claim_sources", args=[claim.pk]),
        {"url": "https://news.example/report"},
        HTTP_HX_REQUEST="true",
    )
    assert asked.headers["HX-Trigger"] == '{"claim-history-changed": {}}'


def test_adding_an_article_in_the_admin_extracts_its_claims(client, editor):
    from claims.models import Article

    client.force_login(editor)
    response = client.post(
        reverse("admin:claims_article_add"),
        {
            "title": "Bridge collapse",
            "text": "At least 40 people were killed when the bridge collapsed, police said.",
            "url": "",
            "publisher": "",
            "author": "",
        },
        follow=True,
    )

    assert response.status_code == 200
    article = Article.objects.get()
    assert article.created_by == editor
    assert article.content_sha256
    assert article.claims.filter(value=40, unit="killed").exists()


def test_queue_costs_the_same_queries_at_any_size(
    client, editor, reviewer, django_assert_max_num_queries
):
    # Given a few claims in every status
    ClaimFactory.create_batch(3)
    ClaimFactory.create_batch(2, status="in_review", assignee=editor)
    ClaimFactory(status="in_review", assignee=editor, verdict="inaccurate")
    ClaimFactory.create_batch(
        2, status="awaiting_approval", verdict="accurate", proposed_by=reviewer
    )
    client.force_login(editor)
    url = reverse("admin:claims_claim_queue")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)

    # When there are many more
    ClaimFactory.create_batch(30)
    ClaimFactory.create_batch(10, status="awaiting_approval", verdict="accurate")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    # Then the page runs the same queries, and counts come from one GROUP BY on status
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
    # (queue_status_counts: one grouped COUNT(*) over bounded scans of the status index)
    [counts] = [q["sql"] for q in many.captured_queries if "COUNT(*)" in q["sql"]]
    assert "GROUP BY" in counts and "claims_claim" in counts and "JOIN" not in counts
    assert response.context["counts"][0][1] == "33"
