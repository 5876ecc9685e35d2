"""Token authentication that reads the token, its user and the user's roles in one query.

Every request looks the token up (a deleted token stops working at once); the roles come
with it, so a status poll by a desk member costs this query and the status query.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

from desk.roles import ROLE_GROUPS, remember_roles, roles_from_groups


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        memberships = get_user_model().groups.through.objects  # type: ignore[attr-defined]
        in_group = {
            f"_in_{group}": Exists(
                memberships.filter(user_id=OuterRef("user_id"), group__name=group)
            )
            for group in ROLE_GROUPS.values()
        }
        token = Token.objects.select_related("user").annotate(**in_group).filter(key=key).first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        groups = [group for group in ROLE_GROUPS.values() if getattr(token, f"_in_{group}")]
        remember_roles(token.user, roles_from_groups(groups))
        return token.user, token
