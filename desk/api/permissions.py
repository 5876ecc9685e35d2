"""Who may call what through the API; the roles themselves are ``claims.access``'s.

Reads are open (rows are filtered by ``claims.access.visible_claims``); writes need a
desk member. Whether a desk member may take a workflow action is the workflow's decision.
"""

from __future__ import annotations

from typing import Any

from rest_framework import permissions
from rest_framework.request import Request

from desk.roles import is_desk_member


class DeskMemberOrReadOnly(permissions.BasePermission):
    """Reads for everyone (rows are filtered by visibility); writes for desk members."""

    message = "You need the reviewer or editor role to do this."
    anonymous_reads = True  # read by the schema generator for the OpenAPI security section

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
