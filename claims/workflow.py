"""The review workflow as one declared table: statuses, actions, roles and who may do what.

Why a small in-house table rather than django-fsm-2: a transition here is one short
function (``claims.services.claim_transition``) that checks the version the caller read,
runs a guarded ``UPDATE ... WHERE pk, version, status`` and writes the ``ClaimEvent`` in
the same transaction. django-fsm-2 would bring its own save path and protected-field rules
around the same seven rows without giving us that guarded update, and the table below is
plain data that the admin, the API and the tests all read (the tests parametrize over it).

Roles are the Django groups ``reviewers`` and ``editors`` (claims/migrations/0002_roles).
``user_roles`` turns them into the role names used here: ``reviewer`` and ``editor``.
Editors may do everything reviewers may; superusers count as editors.

Decisions beyond DESIGN §5, written down so callers can rely on them:

- ``start_review`` works from ``new``, or from ``in_review`` when nobody is assigned (the
  assignee's account was removed). A claim an editor assigned to someone else can only be
  taken over by an editor; a reviewer gets ``forbidden``.
- ``propose_verdict`` by a reviewer needs the claim to be assigned to them; editors may
  propose on any claim in review.
- Notes are required for ``propose_verdict``, ``send_back`` and ``reopen``; optional for the
  rest. Only ``propose_verdict`` takes a verdict and only ``assign`` takes an assignee.
- Four eyes binds everyone, superusers too: the user recorded as ``proposed_by`` cannot
  ``publish``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from claims.models import Claim, ClaimStatus, Verdict
from desk.refusals import Refusal
from desk.roles import EDITOR as EDITOR
from desk.roles import REVIEWER as REVIEWER
from desk.roles import ROLE_GROUPS as ROLE_GROUPS
from desk.roles import user_roles as user_roles

NOTE_MAX_LENGTH = 5000

FINAL_STATUSES = frozenset({ClaimStatus.PUBLISHED.value, ClaimStatus.DISMISSED.value})
OPEN_STATUSES = frozenset(s.value for s in ClaimStatus) - FINAL_STATUSES


class WorkflowError(Refusal):
    """A workflow refusal; ``code`` is what the API returns and the admin reports."""

    code: str = "workflow_error"


class StaleVersion(WorkflowError):
    """The caller read an older version of the claim: someone else changed it since."""

    code = "stale_version"


class ActionNotAllowed(WorkflowError):
    """The action is not possible in the claim's current status."""

    code = "action_not_allowed"


class RoleNotAllowed(WorkflowError):
    """The user lacks the role for the action, or four eyes forbids it."""

    code = "forbidden"


@dataclass(frozen=True)
class Action:
    """One row of the workflow table."""

    name: str
    label: str
    from_statuses: frozenset[str]
    # None keeps the status (``assign`` only moves the claim between people).
    to_status: str | None
    role: str
    requires: frozenset[str] = frozenset()
    accepts: frozenset[str] = frozenset({"note"})

    def target_status(self, current: str) -> str:
        return self.to_status or current


def _action(
    name: str,
    label: str,
    from_statuses: set[ClaimStatus] | frozenset[str],
    to_status: ClaimStatus | None,
    role: str,
    requires: set[str] | None = None,
    accepts: set[str] | None = None,
) -> Action:
    requires = requires or set()
    return Action(
        name=name,
        label=label,
        from_statuses=frozenset(str(s) for s in from_statuses),
        to_status=str(to_status) if to_status else None,
        role=role,
        requires=frozenset(requires),
        accepts=frozenset({"note"} | requires | (accepts or set())),
    )


S = ClaimStatus
ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        _action("start_review", "Start review", {S.NEW, S.IN_REVIEW}, S.IN_REVIEW, REVIEWER),
        _action("assign", "Assign", OPEN_STATUSES, None, EDITOR, requires={"assignee"}),
        _action(
            "propose_verdict",
            "Propose verdict",
            {S.IN_REVIEW},
            S.AWAITING_APPROVAL,
            REVIEWER,
            requires={"verdict", "note"},
        ),
        _action("send_back", "Send back", {S.AWAITING_APPROVAL}, S.IN_REVIEW, EDITOR, {"note"}),
        _action("publish", "Publish", {S.AWAITING_APPROVAL}, S.PUBLISHED, EDITOR),
        _action("dismiss", "Dismiss", {S.NEW, S.IN_REVIEW}, S.DISMISSED, EDITOR),
        _action("reopen", "Reopen", {S.PUBLISHED, S.DISMISSED}, S.IN_REVIEW, EDITOR, {"note"}),
    )
}
del S


def get_action(name: str) -> Action:
    """The table row for ``name``; an unknown action is invalid input, not a refusal."""
    try:
        return ACTIONS[name]
    except KeyError:
        raise ValidationError(
            {"action": f"Unknown action {name!r}; expected one of {', '.join(ACTIONS)}."},
            code="invalid",
        ) from None


def check_action(*, action: Action, claim: Claim, user: Any, roles: set[str] | None = None) -> None:
    """Raise the refusal for ``user`` doing ``action`` on ``claim`` as it is now, or return.

    Order: role first (someone without the role learns nothing about the claim), then the
    status, then the per-claim rules (assignee, four eyes).
    """
    roles = user_roles(user) if roles is None else roles
    if action.role not in roles:
        raise RoleNotAllowed(f"You need the {action.role} role to {action.label.lower()}.")
    if claim.status not in action.from_statuses:
        raise ActionNotAllowed(
            f"{action.label} is not possible while the claim is "
            f"{ClaimStatus(claim.status).label.lower()}."
        )
    is_editor = EDITOR in roles
    if action.name == "start_review":
        if claim.status == ClaimStatus.IN_REVIEW and claim.assignee_id is not None:
            raise ActionNotAllowed("The claim is already under review.")
        if claim.assignee_id not in (None, user.pk) and not is_editor:
            raise RoleNotAllowed("The claim is assigned to someone else; ask an editor.")
    elif action.name == "propose_verdict":
        if claim.assignee_id != user.pk and not is_editor:
            raise RoleNotAllowed("Only the reviewer assigned to this claim can propose a verdict.")
    elif action.name == "publish" and claim.proposed_by_id == user.pk:
        raise RoleNotAllowed(
            "Four eyes: you proposed this verdict, so another editor has to publish it."
        )


def available_actions(*, claim: Claim, user: Any) -> list[str]:
    """The actions ``user`` may take on ``claim`` now, in table order (inputs not checked)."""
    roles = user_roles(user)
    allowed: list[str] = []
    for action in ACTIONS.values():
        try:
            check_action(action=action, claim=claim, user=user, roles=roles)
        except WorkflowError:
            continue
        allowed.append(action.name)
    return allowed


@dataclass(frozen=True)
class ActionInput:
    """Cleaned inputs of one action."""

    verdict: str
    note: str
    assignee: Any


def clean_inputs(
    *, action: Action, verdict: str | None, note: str | None, assignee: Any
) -> ActionInput:
    """Validate the inputs of ``action`` the way ``full_clean`` would, all errors at once."""
    errors: dict[str, str] = {}
    verdict = (verdict or "").strip()
    note = (note or "").strip()
    if verdict and "verdict" not in action.accepts:
        errors["verdict"] = f"{action.label} does not take a verdict."
    elif verdict and verdict not in Verdict.values:
        errors["verdict"] = (
            f"Unknown verdict {verdict!r}; expected one of {', '.join(Verdict.values)}."
        )
    elif "verdict" in action.requires and not verdict:
        errors["verdict"] = "Choose a verdict."
    if "note" in action.requires and not note:
        errors["note"] = f"{action.label} needs a note saying why."
    elif len(note) > NOTE_MAX_LENGTH:
        errors["note"] = f"The note is {len(note)} characters; the limit is {NOTE_MAX_LENGTH}."
    if assignee is not None and "assignee" not in action.accepts:
        errors["assignee"] = f"{action.label} does not take an assignee."
    elif "assignee" in action.requires:
        if assignee is None:
            errors["assignee"] = "Choose who to assign the claim to."
        elif REVIEWER not in user_roles(assignee):
            errors["assignee"] = f"{assignee} is not an active reviewer or editor."
    if errors:
        raise ValidationError(errors, code="invalid")
    return ActionInput(verdict=verdict, note=note, assignee=assignee)


def why_no_action(*, claim: Claim, user: Any) -> str:
    """Why ``user`` can take no workflow action on ``claim`` now, in one sentence.

    Read from the same checks ``available_actions`` runs, so the reason never disagrees
    with the buttons: a rule about this claim (assignee, four eyes) first, then a role.
    """
    roles = user_roles(user)
    if not roles:
        return "You need the reviewer or editor role to work on claims."
    status = ClaimStatus(claim.status).label.lower()
    if (
        claim.status == ClaimStatus.IN_REVIEW
        and claim.assignee_id not in (None, user.pk)
        and EDITOR not in roles
    ):
        who = claim.assignee.get_username() if claim.assignee else "another reviewer"
        return f"It is assigned to someone else ({who}); ask an editor to reassign it."
    role_refused: list[Action] = []
    for action in ACTIONS.values():
        if claim.status not in action.from_statuses:
            continue
        try:
            check_action(action=action, claim=claim, user=user, roles=roles)
        except RoleNotAllowed as refusal:
            if action.role in roles:
                return refusal.message
            role_refused.append(action)
        except WorkflowError as refusal:
            return refusal.message
        else:
            return ""
    if role_refused:
        labels = " or ".join(a.label.lower() for a in role_refused if a.name != "assign")
        return f"Only an editor can {labels or 'assign'} a claim that is {status}."
    return f"Nothing can be done to a claim that is {status}."
