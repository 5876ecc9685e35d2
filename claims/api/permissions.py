"""Who may do what through the API.

Roles come from the workflow (``claims.workflow.user_roles``): a *desk member* has the
reviewer or editor role (superusers are editors). Everyone else, anonymous or not, is the
public: read-only, and only published claims are visible (selectors filter the rows, so
an unpublished claim is a 404 to the public, not a 403 that would confirm it exists).
Whether a desk member may take a workflow action is the workflow's decision, not ours.
"""

from __future__ import annotations

from typing import Any

from rest_framework import permissions
from rest_framework.request import Request

from claims.workflow import user_roles

_ROLES_ATTR = "_claimdesk_roles"


def roles_of(user: Any) -> set[str]:
    """``user_roles`` remembered on the user object, so one request asks the database once."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    roles = getattr(user, _ROLES_ATTR, None)
    if roles is None:
        roles = user_roles(user)
        setattr(user, _ROLES_ATTR, roles)
    return set(roles)


def is_desk_member(user: Any) -> bool:
    return bool(roles_of(user))


class DeskMemberOrReadOnly(permissions.BasePermission):
    """Reads for everyone (rows are filtered by visibility); writes for desk members."""

    message = "You need the reviewer or editor role to do this."
    anonymous_reads = True  # read by claims.api.schema for the OpenAPI security section

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        # False for an anonymous caller becomes 401 with a WWW-Authenticate header.
        return bool(request.user and request.user.is_authenticated) and is_desk_member(request.user)


class DeskMember(permissions.BasePermission):
    """Desk-internal resources (check runs, imports): desk members only, any method."""

    message = "You need the reviewer or editor role to see this."

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated) and is_desk_member(request.user)
