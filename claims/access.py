"""Who may see which claim: the one place for the rule (roles are ``desk.roles``).

Desk members see every claim; everyone else sees published claims only, and an
unpublished claim is a 404 to them, not a 403 that would confirm it exists.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from claims.models import Claim, ClaimStatus
from desk.roles import is_desk_member

#: Fields about the desk's own work (who is on a claim, who proposed, who asked for a check).
#: They are for desk members only: public answers leave them out entirely.
DESK_FIELDS = frozenset(
    {"assignee", "assignee_username", "proposed_by", "requested_by", "created_by", "decided_by"}
)


def public_fields(data: dict[str, Any], user: Any) -> dict[str, Any]:
    """``data`` as ``user`` may see it: desk fields removed unless ``user`` is on the desk."""
    if is_desk_member(user):
        return data
    return {name: value for name, value in data.items() if name not in DESK_FIELDS}


def can_see_status(status: str, user: Any) -> bool:
    """Whether ``user`` may see a claim in workflow status ``status``."""
    return status == ClaimStatus.PUBLISHED or is_desk_member(user)


def visible_claims(*, user: Any) -> QuerySet[Claim]:
    """All claims for desk members; published claims for everyone else."""
    qs = Claim.objects.all()
    return qs if is_desk_member(user) else qs.filter(status=ClaimStatus.PUBLISHED)
