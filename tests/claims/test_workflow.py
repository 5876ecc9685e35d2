"""The review workflow: every action for every role in every status, locking, audit, four eyes."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import ValidationError

from claims.models import Claim, ClaimEvent, ClaimStatus, Verdict
from claims.services import claim_add_note, claim_transition
from claims.workflow import (
    ACTIONS,
    EDITOR,
    REVIEWER,
    ActionNotAllowed,
    RoleNotAllowed,
    StaleVersion,
    WorkflowError,
    available_actions,
    user_roles,
)
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The matrix creates hundreds of users; the production hasher would dominate the run."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


ROLES = ("anonymous", "none", "reviewer", "editor", "superuser")
ROLE_OF = {"anonymous": set(), "none": set(), "reviewer": {REVIEWER}}
ROLE_OF |= {"editor": {REVIEWER, EDITOR}, "superuser": {REVIEWER, EDITOR}}


def make_user(role: str):
    if role == "anonymous":
        return AnonymousUser()
    user = UserFactory(is_superuser=role == "superuser")
    if role in {"reviewer", "editor"}:
        user.groups.add(Group.objects.get(name=f"{role}s"))
    return user


def inputs_for(action: str, editor_peer) -> dict:
    """Valid inputs for each action, so a refusal can only come from role or status."""
    return {
        "propose_verdict": {"verdict": Verdict.MISLEADING, "note": "Source says 149, not 141."},
        "send_back": {"note": "Cite the ministry figure."},
        "reopen": {"note": "New figures were released."},
        "assign": {"assignee": editor_peer},
    }.get(action, {})


def expected_allowed(action: str, role: str, status: str) -> bool:
    spec = ACTIONS[action]
    return spec.role in ROLE_OF[role] and status in spec.from_statuses


@pytest.mark.parametrize("status", ClaimStatus.values)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_action_role_and_status(action, role, status):
    # Given a claim in `status`, assigned to the actor (unassigned for start_review), so
    # the assignee rules don't interfere, and proposed by someone else, so four eyes doesn't
    actor = make_user(role)
    peer = make_user("editor")
    claim = ClaimFactory(
        status=status,
        assignee=actor if actor.is_authenticated and action != "start_review" else None,
        proposed_by=peer if status == ClaimStatus.AWAITING_APPROVAL else None,
        verdict=Verdict.ACCURATE if status == ClaimStatus.AWAITING_APPROVAL else "",
    )
    allowed = expected_allowed(action, role, status)

    # Then available_actions agrees with the table
    assert (action in available_actions(claim=claim, user=actor)) is allowed

    # When the actor tries it
    if allowed:
        result = claim_transition(
            claim=claim, action=action, actor=actor, version=1, **inputs_for(action, peer)
        )
        # Then the status follows the table, the version moved on and one event was written
        assert result.status == ACTIONS[action].target_status(status)
        assert result.version == 2
        event = ClaimEvent.objects.get(claim=claim)
        assert (event.action, event.actor_id) == (action, actor.pk)
        assert (event.from_status, event.to_status) == (status, result.status)
    else:
        expected = RoleNotAllowed if ACTIONS[action].role not in ROLE_OF[role] else ActionNotAllowed
        with pytest.raises(expected) as refused:
            claim_transition(
                claim=claim, action=action, actor=actor, version=1, **inputs_for(action, peer)
            )
        assert refused.value.code == {RoleNotAllowed: "forbidden"}.get(
            expected, "action_not_allowed"
        )
        # Then nothing was written
        claim.refresh_from_db()
        assert (claim.status, claim.version) == (status, 1)
        assert not ClaimEvent.objects.filter(claim=claim).exists()


def test_user_roles():
    assert user_roles(make_user("anonymous")) == set()
    assert user_roles(make_user("none")) == set()
    assert user_roles(make_user("reviewer")) == {"reviewer"}
    assert user_roles(make_user("editor")) == {"reviewer", "editor"}
    assert user_roles(make_user("superuser")) == {"reviewer", "editor"}
    inactive = make_user("editor")
    inactive.is_active = False
    assert user_roles(inactive) == set()


def test_a_claims_full_path_writes_a_complete_audit_trail(reviewer, editor):
    # Given a new claim
    claim = ClaimFactory()

    # When a reviewer takes it, proposes, the editor sends it back, it is proposed again
    # and the editor publishes
    claim = claim_transition(claim=claim, action="start_review", actor=reviewer, version=1)
    assert claim.assignee == reviewer
    claim = claim_transition(
        claim=claim,
        action="propose_verdict",
        actor=reviewer,
        version=claim.version,
        verdict="inaccurate",
        note="  The ministry says 149.  ",
    )
    assert (claim.proposed_by, claim.verdict, claim.verdict_note) == (
        reviewer,
        "inaccurate",
        "The ministry says 149.",
    )
    claim = claim_transition(
        claim=claim, action="send_back", actor=editor, version=claim.version, note="Link it."
    )
    assert claim.proposed_by is None
    claim = claim_transition(
        claim=claim,
        action="propose_verdict",
        actor=reviewer,
        version=claim.version,
        verdict="inaccurate",
        note="Ministry statement linked.",
    )
    claim = claim_transition(claim=claim, action="publish", actor=editor, version=claim.version)

    # Then the claim is published at version 6 and every step is a complete event row
    assert (claim.status, claim.version, claim.verdict) == ("published", 6, "inaccurate")
    rows = list(
        ClaimEvent.objects.filter(claim=claim).values_list(
            "actor__username", "action", "from_status", "to_status", "verdict", "note"
        )
    )
    assert rows == [
        ("rita", "start_review", "new", "in_review", "", ""),
        ("rita", "propose_verdict", "in_review", "awaiting_approval", "inaccurate",
         "The ministry says 149."),
        ("eve", "send_back", "awaiting_approval", "in_review", "", "Link it."),
        ("rita", "propose_verdict", "in_review", "awaiting_approval", "inaccurate",
         "Ministry statement linked."),
        ("eve", "publish", "awaiting_approval", "published", "", ""),
    ]  # fmt: skip


def test_stale_version_is_refused_and_nothing_is_written(reviewer, editor):
    # Given a claim the editor opened at version 1, which a reviewer then took
    claim = ClaimFactory()
    claim_transition(claim=claim, action="start_review", actor=reviewer, version=1)

    # When the editor dismisses with the version they read
    with pytest.raises(StaleVersion) as refused:
        claim_transition(claim=claim, action="dismiss", actor=editor, version=1, note="dup")

    # Then it is a conflict and the reviewer's write stands
    assert refused.value.code == "stale_version"
    claim.refresh_from_db()
    assert (claim.status, claim.version, claim.assignee) == ("in_review", 2, reviewer)
    assert list(ClaimEvent.objects.filter(claim=claim).values_list("action", flat=True)) == [
        "start_review"
    ]


def test_a_version_from_the_future_is_also_stale(editor):
    claim = ClaimFactory()
    with pytest.raises(StaleVersion):
        claim_transition(claim=claim, action="dismiss", actor=editor, version=7)


def test_four_eyes_the_proposer_cannot_publish_even_as_editor_or_superuser(editor):
    # Given a claim proposed by an editor
    claim = ClaimFactory(status="in_review", assignee=editor)
    claim = claim_transition(
        claim=claim, action="propose_verdict", actor=editor, version=1,
        verdict="accurate", note="Matches the report.",
    )  # fmt: skip

    # Then that editor is refused, and so would a superuser who proposed
    assert "publish" not in available_actions(claim=claim, user=editor)
    with pytest.raises(RoleNotAllowed, match="Four eyes"):
        claim_transition(claim=claim, action="publish", actor=editor, version=claim.version)
    claim.refresh_from_db()
    assert claim.status == "awaiting_approval"

    boss = make_user("superuser")
    other = ClaimFactory(status="awaiting_approval", proposed_by=boss, verdict="accurate")
    with pytest.raises(RoleNotAllowed):
        claim_transition(claim=other, action="publish", actor=boss, version=1)

    # And a second editor may publish
    second = make_user("editor")
    published = claim_transition(claim=claim, action="publish", actor=second, version=2)
    assert published.status == "published"


@pytest.mark.parametrize("note", ["", "   "])
def test_reopen_needs_a_note(editor, note):
    claim = ClaimFactory(status="published", verdict="accurate")
    with pytest.raises(ValidationError) as invalid:
        claim_transition(claim=claim, action="reopen", actor=editor, version=1, note=note)
    assert "note" in invalid.value.message_dict
    claim.refresh_from_db()
    assert (claim.status, claim.version) == ("published", 1)


@pytest.mark.parametrize(
    ("verdict", "note", "field"),
    [
        (None, "Checked.", "verdict"),
        ("accurate", "", "note"),
        ("wrongish", "Checked.", "verdict"),
    ],
)
def test_propose_needs_a_known_verdict_and_a_note(reviewer, verdict, note, field):
    claim = ClaimFactory(status="in_review", assignee=reviewer)
    with pytest.raises(ValidationError) as invalid:
        claim_transition(
            claim=claim,
            action="propose_verdict",
            actor=reviewer,
            version=1,
            verdict=verdict,
            note=note,
        )
    assert field in invalid.value.message_dict
    assert not ClaimEvent.objects.filter(claim=claim).exists()


def test_unknown_action_and_stray_inputs_are_invalid(editor, reviewer):
    claim = ClaimFactory(status="awaiting_approval", proposed_by=reviewer, verdict="accurate")
    with pytest.raises(ValidationError, match="Unknown action"):
        claim_transition(claim=claim, action="approve", actor=editor, version=1)
    with pytest.raises(ValidationError) as invalid:
        claim_transition(
            claim=claim, action="publish", actor=editor, version=1, verdict="misleading"
        )
    assert "verdict" in invalid.value.message_dict


def test_start_review_rules(reviewer, reviewer2, editor):
    # A new claim assigned to another reviewer cannot be taken by a reviewer...
    claim = ClaimFactory(assignee=reviewer2)
    with pytest.raises(RoleNotAllowed, match="assigned to someone else"):
        claim_transition(claim=claim, action="start_review", actor=reviewer, version=1)
    # ...but by the assignee themselves, or by an editor
    assert "start_review" in available_actions(claim=claim, user=reviewer2)
    taken = claim_transition(claim=claim, action="start_review", actor=editor, version=1)
    assert taken.assignee == editor

    # A claim in review with an assignee cannot be started again
    with pytest.raises(ActionNotAllowed, match="already under review"):
        claim_transition(claim=taken, action="start_review", actor=reviewer, version=2)

    # A claim in review with nobody assigned can be picked up
    orphan = ClaimFactory(status="in_review", assignee=None)
    picked = claim_transition(claim=orphan, action="start_review", actor=reviewer, version=1)
    assert (picked.status, picked.assignee) == ("in_review", reviewer)


def test_only_the_assigned_reviewer_proposes(reviewer, reviewer2, editor):
    claim = ClaimFactory(status="in_review", assignee=reviewer2)
    with pytest.raises(RoleNotAllowed, match="assigned"):
        claim_transition(
            claim=claim, action="propose_verdict", actor=reviewer, version=1,
            verdict="accurate", note="ok",
        )  # fmt: skip
    proposed = claim_transition(
        claim=claim, action="propose_verdict", actor=editor, version=1,
        verdict="accurate", note="ok",
    )  # fmt: skip
    assert proposed.proposed_by == editor


def test_assign_sets_the_assignee_keeps_the_status_and_records_who(editor, reviewer):
    claim = ClaimFactory(status="in_review")
    assigned = claim_transition(
        claim=claim, action="assign", actor=editor, version=1, assignee=reviewer
    )
    assert (assigned.status, assigned.assignee, assigned.version) == ("in_review", reviewer, 2)
    event = ClaimEvent.objects.get(claim=claim)
    assert (event.action, event.from_status, event.to_status) == ("assign",) + ("in_review",) * 2
    assert "rita" in event.note


def test_assign_refuses_users_without_a_role(editor):
    claim = ClaimFactory()
    outsider = make_user("none")
    with pytest.raises(ValidationError) as invalid:
        claim_transition(claim=claim, action="assign", actor=editor, version=1, assignee=outsider)
    assert "assignee" in invalid.value.message_dict
    with pytest.raises(ValidationError):
        claim_transition(claim=claim, action="assign", actor=editor, version=1)


def test_reopen_and_send_back_clear_the_proposer(editor, reviewer):
    claim = ClaimFactory(status="published", verdict="accurate", proposed_by=reviewer)
    reopened = claim_transition(
        claim=claim, action="reopen", actor=editor, version=1, note="Figures revised."
    )
    assert (reopened.status, reopened.proposed_by, reopened.verdict) == (
        "in_review",
        None,
        "accurate",
    )


def test_add_note_keeps_the_status_and_bumps_the_version(reviewer):
    claim = ClaimFactory(status="in_review", assignee=reviewer)
    noted = claim_add_note(claim=claim, actor=reviewer, note="Called the ministry.", version=1)
    assert (noted.status, noted.version) == ("in_review", 2)
    assert ClaimEvent.objects.get(claim=claim).note == "Called the ministry."
    with pytest.raises(StaleVersion):
        claim_add_note(claim=claim, actor=reviewer, note="again", version=1)
    with pytest.raises(ValidationError):
        claim_add_note(claim=claim, actor=reviewer, note=" ", version=2)
    with pytest.raises(RoleNotAllowed):
        claim_add_note(claim=claim, actor=make_user("none"), note="hi", version=2)


def test_refusals_are_workflow_errors_with_codes():
    assert issubclass(StaleVersion, WorkflowError)
    assert {StaleVersion.code, ActionNotAllowed.code, RoleNotAllowed.code} == {
        "stale_version",
        "action_not_allowed",
        "forbidden",
    }


def test_transition_returns_a_fresh_claim_not_the_stale_instance(reviewer):
    claim = ClaimFactory()
    result = claim_transition(claim=claim, action="start_review", actor=reviewer, version=1)
    assert result is not claim
    assert Claim.objects.get(pk=claim.pk).version == result.version == 2
