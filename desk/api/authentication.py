"""Token authentication that reads the token, its user and the user's roles in one query.

Every request looks the token up (a deleted token stops working at once, a role taken
away is gone at the next request); the roles come with it, so a status poll by a desk
member costs this query and the status query.

The statement is written in SQL: compiling the equivalent queryset (``select_related``
plus one ``Exists`` subquery per role) cost every API request several times what running
it did, and so did ``Manager.raw``'s matching of columns to fields. The user is still a
model instance made by ``Model.from_db`` from values converted as a queryset would.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Field
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

from desk.roles import ROLE_GROUPS, remember_roles, roles_from_groups

Converter = Callable[[Any, Any, Any], Any]


def _columns() -> list[Field[Any, Any]]:
    """The statement's columns before the role bits: the user's, then the token's date."""
    return [*get_user_model()._meta.concrete_fields, Token._meta.get_field("created")]


@functools.cache
def _token_sql() -> str:
    """The user's columns, the token's creation time and the user's role groups as bits.

    One scalar subquery sums a distinct bit per role group the user belongs to (bit i for
    the i-th of ``ROLE_GROUPS``): PostgreSQL plans it in half the time of one ``EXISTS``
    per group, and the statement is planned on every request. Table and column names
    come from model metadata, so the text is the same for the life of the process and is
    built once; the group names and the key are bound parameters (``_token_params``).
    Nothing about any token or user is kept between requests.
    """
    user_model = get_user_model()
    groups = user_model._meta.get_field("groups")
    membership = groups.remote_field.through._meta  # type: ignore[union-attr]
    group_meta = groups.related_model._meta  # type: ignore[union-attr]
    token_meta = Token._meta
    qn = connection.ops.quote_name
    alias = {user_model._meta.db_table: "u", token_meta.db_table: "t"}
    columns = ", ".join(
        f"{alias[field.model._meta.db_table]}.{qn(field.column)}" for field in _columns()
    )
    user_pk = f"u.{qn(user_model._meta.pk.column)}"  # type: ignore[union-attr]
    bits = " ".join(f"WHEN %s THEN {1 << bit}" for bit in range(len(ROLE_GROUPS)))
    return f"""
        SELECT {columns},
               (SELECT SUM(CASE g.{qn("name")} {bits} ELSE 0 END)
                FROM {qn(membership.db_table)} m
                JOIN {qn(group_meta.db_table)} g
                  ON g.{qn(group_meta.pk.column)} = m.{qn(groups.m2m_reverse_name())}
                WHERE m.{qn(groups.m2m_column_name())} = {user_pk})
        FROM {qn(token_meta.db_table)} t
        JOIN {qn(user_model._meta.db_table)} u
          ON {user_pk} = t.{qn(token_meta.get_field("user").column)}
        WHERE t.{qn(token_meta.pk.column)} = %s
    """  # noqa: S608


def _token_params(key: str) -> list[str]:
    return [*ROLE_GROUPS.values(), key]


@functools.cache
def _converters() -> tuple[tuple[int, Any, tuple[Converter, ...]], ...]:
    """(position, column, converters) for the columns the backend hands back unconverted.

    The converters a queryset would apply: SQLite keeps booleans and dates as stored;
    PostgreSQL needs none for these columns, so there the tuple is empty. Built once
    from model metadata, like the statement.
    """
    found = []
    for position, field in enumerate(_columns()):
        column = field.get_col(field.model._meta.db_table)
        own = field.get_db_converters(connection)  # type: ignore[attr-defined]
        converters = connection.ops.get_db_converters(column) + own
        if converters:
            found.append((position, column, tuple(converters)))
    return tuple(found)


def _read(key: str) -> tuple[Any, Token, set[str]] | None:
    """(user, token, roles) for ``key`` from one statement, or None when no such token."""
    with connection.cursor() as cursor:
        cursor.execute(_token_sql(), _token_params(key))
        row: Sequence[Any] | None = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    for position, column, converters in _converters():
        for convert in converters:
            values[position] = convert(values[position], column, connection)
    user_model = get_user_model()
    fields = user_model._meta.concrete_fields
    user = user_model.from_db(
        connection.alias, [field.attname for field in fields], values[: len(fields)]
    )
    created, bits = values[len(fields) :]
    token = Token.from_db(connection.alias, ["key", "user_id", "created"], [key, user.pk, created])
    token.user = user
    groups = (group for bit, group in enumerate(ROLE_GROUPS.values()) if (bits or 0) >> bit & 1)
    return user, token, roles_from_groups(groups)


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        found = _read(key)
        if found is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user, token, roles = found
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        remember_roles(user, roles)
        return user, token
