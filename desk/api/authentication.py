"""Token authentication that reads the token, its user and the user's roles in one query.

Every request looks the token up (a deleted token stops working at once); the roles come
with it, so a status poll by a desk member costs this query and the status query.
"""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

from desk.roles import ROLE_GROUPS, remember_roles, roles_from_groups


@functools.cache
def _tokens_with_roles() -> QuerySet[Token]:
    """Tokens with their user and one flag per role group, built once per process.

    Resolving the two ``Exists`` subqueries cost more than running the query; a queryset
    is immutable, so each request clones this one and adds only its key.
    """
    memberships = get_user_model().groups.through.objects  # type: ignore[attr-defined]
    in_group = {
        f"_in_{group}": Exists(memberships.filter(user_id=OuterRef("user_id"), group__name=group))
        for group in ROLE_GROUPS.values()
    }
    return Token.objects.select_related("user").annotate(**in_group)


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        token = next(iter(_tokens_with_roles().filter(key=key)[:1]), None)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        groups = [group for group in ROLE_GROUPS.values() if getattr(token, f"_in_{group}")]
        remember_roles(token.user, roles_from_groups(groups))
        return token.user, token
