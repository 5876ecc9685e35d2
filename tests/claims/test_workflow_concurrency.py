"""Two transactions racing on one claim from the same version: exactly one wins."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from claims.models import Claim, ClaimEvent
from claims.services import claim_transition
from claims.workflow import WorkflowError
from tests.conftest import require_service
from tests.factories import ClaimFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    require_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    # A transactional test flushes the tables afterwards, groups from the data migration
    # included; put the two roles back for the next test.
    from django.contrib.auth.models import Group

    for name in ("reviewers", "editors"):
        Group.objects.get_or_create(name=name)


def race(*attempts):
    """Run each attempt in its own thread and connection, released together by a barrier."""
    barrier = threading.Barrier(len(attempts))
    outcomes: list[object] = [None] * len(attempts)

    def run(index, attempt):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = attempt()
        except WorkflowError as refusal:
            outcomes[index] = refusal
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.parametrize("repeat", range(5))
def test_two_reviewers_starting_the_same_claim_one_wins(reviewer, reviewer2, repeat):
    # Given a new claim both reviewers opened at version 1
    claim = ClaimFactory()

    # When both press "start review" at the same moment
    outcomes = race(
        lambda: claim_transition(claim=claim, action="start_review", actor=reviewer, version=1),
        lambda: claim_transition(claim=claim, action="start_review", actor=reviewer2, version=1),
    )

    # Then exactly one succeeded, the other got a stale-version conflict
    winners = [o for o in outcomes if isinstance(o, Claim)]
    losers = [o for o in outcomes if isinstance(o, WorkflowError)]
    assert len(winners) == 1, outcomes
    assert [loser.code for loser in losers] == ["stale_version"]
    # And the row and the audit trail show the winner only
    claim.refresh_from_db()
    assert claim.version == 2
    assert claim.assignee_id == winners[0].assignee_id
    assert ClaimEvent.objects.filter(claim=claim).count() == 1


def test_dismiss_and_start_review_racing_one_wins(reviewer, editor):
    claim = ClaimFactory()

    outcomes = race(
        lambda: claim_transition(claim=claim, action="start_review", actor=reviewer, version=1),
        lambda: claim_transition(claim=claim, action="dismiss", actor=editor, version=1),
    )

    assert sum(isinstance(o, Claim) for o in outcomes) == 1, outcomes
    claim.refresh_from_db()
    assert claim.version == 2
    assert claim.status in {"in_review", "dismissed"}
    assert list(ClaimEvent.objects.filter(claim=claim).values_list("to_status", flat=True)) == [
        claim.status
    ]
