"""The two workflow roles as Django groups, and the admin permissions each needs.

The data migration creates them; ``ensure_role_groups`` restores them where a database was
flushed (transactional tests) or built by hand, using the same table.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    "reviewers": [
        ("claims", "view_article"),
        ("claims", "add_article"),
        ("claims", "change_article"),
        ("claims", "view_claim"),
        ("claims", "view_claimevent"),
        # Reviewers see why a check failed; re-enqueueing is an editor's call.
        ("verification", "view_checkrun"),
    ],
    "editors": [
        ("claims", "view_article"),
        ("claims", "add_article"),
        ("claims", "change_article"),
        ("claims", "view_claim"),
        ("claims", "view_claimevent"),
        ("verification", "view_checkrun"),
        ("verification", "requeue_checkrun"),
    ],
}


def ensure_role_groups() -> dict[str, Group]:
    """Create the role groups if missing and give them their permissions (idempotent)."""
    groups: dict[str, Group] = {}
    for name, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in perms:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)
        groups[name] = group
    return groups
