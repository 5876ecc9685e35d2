"""The verification admin: lists render in a fixed number of queries; re-enqueue works."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.verification.check_fixtures import local_checks, peshawar_claim  # noqa: F401
from verification.models import CheckRun, CheckState, Evidence, Source, Stance

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("local_checks")]


@pytest.fixture
def staff(admin_client):
    return admin_client


def make_rows(n: int) -> None:
    for i in range(n):
        claim = peshawar_claim()
        source = Source.objects.create(url=f"https://news.example.org/{i}", fetch_status="ok")
        Evidence.objects.create(
            claim=claim, source=source, stance=Stance.SUPPORTS, checked_at=timezone.now()
        )
        CheckRun.objects.create(claim=claim, state=CheckState.FAILED, error="boom")


@pytest.mark.parametrize("path", ["source", "evidence", "checkrun"])
def test_changelists_do_not_query_per_row(staff, path, django_assert_max_num_queries):
    make_rows(6)
    with django_assert_max_num_queries(12):
        response = staff.get(f"/admin/verification/{path}/")
    assert response.status_code == 200


def test_evidence_list_links_to_claim(staff):
    make_rows(1)
    body = staff.get("/admin/verification/evidence/").content.decode()
    claim = Evidence.objects.get().claim
    assert f"/admin/claims/claim/{claim.id}/change/" in body


def test_requeue_action_runs_failed_check_again(staff, django_capture_on_commit_callbacks):
    run = CheckRun.objects.create(claim=peshawar_claim(), state=CheckState.FAILED, error="boom")
    done = CheckRun.objects.create(claim=peshawar_claim(), state=CheckState.SUCCEEDED)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            "/admin/verification/checkrun/",
            {"action": "requeue", "_selected_action": [run.id, done.id]},
            follow=True,
        )
    assert "Queued 1 check(s) again." in response.content.decode()
    run.refresh_from_db()
    # No URLs and no providers: the run has nothing to fetch and succeeds empty.
    assert run.state == CheckState.SUCCEEDED and run.error == "" and run.attempts == 1
    done.refresh_from_db()
    assert done.state == CheckState.SUCCEEDED


def test_evidence_of_a_page_that_could_not_be_read_shows_as_not_read(staff):
    # Given evidence from a page that answered 404 and one that was read but said nothing
    claim = peshawar_claim()
    gone = Source.objects.create(
        url="https://news.example.org/gone", fetch_status="http_error", error="HTTP 404"
    )
    quiet = Source.objects.create(url="https://news.example.org/quiet", fetch_status="ok")
    Evidence.objects.create(claim=claim, source=gone, stance="", checked_at=timezone.now())
    Evidence.objects.create(
        claim=claim, source=quiet, stance=Stance.NOT_FOUND, checked_at=timezone.now()
    )
    # Then the evidence list and the claim page tell the two apart
    listing = staff.get("/admin/verification/evidence/").content.decode()
    assert "Not read" in listing and "Not found" in listing
    section = staff.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()
    section = section.split('id="evidence"')[1]
    assert "Not read" in section and "HTTP error: HTTP 404" in section
    assert "Not found" in section


def test_an_updated_figure_is_flagged_on_the_claim_page(staff):
    claim = peshawar_claim()
    source = Source.objects.create(url="https://news.example.org/later", fetch_status="ok")
    Evidence.objects.create(
        claim=claim,
        source=source,
        stance=Stance.CONTRADICTS,
        updated=True,
        checked_at=timezone.now(),
    )
    section = staff.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()
    assert "later figure" in section.split('id="evidence"')[1]


# ------------------------------------------------------------------ who may re-enqueue


def _post_requeue(client, run_id):
    return client.post(
        "/admin/verification/checkrun/",
        {"action": "requeue", "_selected_action": [run_id]},
        follow=True,
    )


def test_editors_see_check_runs_and_may_re_enqueue(
    client, editor, django_capture_on_commit_callbacks
):
    run = CheckRun.objects.create(claim=peshawar_claim(), state=CheckState.FAILED, error="boom")
    client.force_login(editor)
    page = client.get("/admin/verification/checkrun/")
    assert page.status_code == 200
    assert "Re-enqueue selected" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_requeue(client, run.id)
    assert "Queued 1 check(s) again." in response.content.decode()
    run.refresh_from_db()
    assert run.state == CheckState.SUCCEEDED


def test_reviewers_see_check_runs_but_may_not_re_enqueue(client, reviewer):
    run = CheckRun.objects.create(claim=peshawar_claim(), state=CheckState.FAILED, error="boom")
    client.force_login(reviewer)
    page = client.get("/admin/verification/checkrun/")
    assert page.status_code == 200
    assert "Re-enqueue selected" not in page.content.decode()
    _post_requeue(client, run.id)
    run.refresh_from_db()
    assert run.state == CheckState.FAILED  # the action is not offered, nothing happened


def test_the_migration_grants_editors_the_requeue_permission():
    from django.contrib.auth.models import Group

    editors = Group.objects.get(name="editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"view_checkrun", "requeue_checkrun"} <= codenames
    reviewers = Group.objects.get(name="reviewers")
    assert "requeue_checkrun" not in set(reviewers.permissions.values_list("codename", flat=True))
