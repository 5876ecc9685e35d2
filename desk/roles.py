"""The desk's roles, in one place: who is a reviewer, who is an editor.

Roles are the Django groups ``reviewers`` and ``editors`` (created by the claims app's data
migration), named ``reviewer`` and ``editor`` here. Editors may do everything reviewers
may; superusers count as editors; anonymous and inactive users have no role. A *desk
member* has a role; everyone else is the public.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

REVIEWER = "reviewer"
EDITOR = "editor"
ROLE_GROUPS: dict[str, str] = {REVIEWER: "reviewers", EDITOR: "editors"}

#: The attribute the roles are kept under on a user object: asked once per request.
_ROLES_ATTR = "_claimdesk_roles"


def roles_from_groups(group_names: Iterable[str]) -> set[str]:
    """The roles that membership of these groups gives (editors are reviewers too)."""
    names = set(group_names)
    roles = {role for role, group in ROLE_GROUPS.items() if group in names}
    if EDITOR in roles:
        roles.add(REVIEWER)
    return roles


def remember_roles(user: Any, roles: set[str]) -> None:
    """Keep roles read elsewhere (the token lookup reads them in the same query)."""
    setattr(user, _ROLES_ATTR, frozenset(roles))


def user_roles(user: Any) -> set[str]:
    """The workflow roles of ``user``: {"reviewer"}, {"reviewer", "editor"} or empty.

    Kept on the user object, as Django keeps permissions: one query per request at most.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    if not getattr(user, "is_active", True):
        return set()
    if user.is_superuser:
        return {REVIEWER, EDITOR}
    cached: frozenset[str] | None = getattr(user, _ROLES_ATTR, None)
    if cached is None:
        names = user.groups.filter(name__in=ROLE_GROUPS.values()).values_list("name", flat=True)
        cached = frozenset(roles_from_groups(names))
        setattr(user, _ROLES_ATTR, cached)
    return set(cached)


def is_desk_member(user: Any) -> bool:
    return bool(user_roles(user))
