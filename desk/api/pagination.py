"""API list pagination: keyset (cursor) pages for claims and articles, page numbers elsewhere.

``KeysetPagination`` answers ``{"next", "previous", "results"}``; ``next`` and
``previous`` are URLs carrying an opaque ``cursor``. A page is "the rows after this
position" in the list's order, read through an index, so the millionth row costs what the
first does (an OFFSET reads and discards every row before it). The order is the requested
``ordering`` with the id appended as the tie-breaker, so every position is unique and a
row is never skipped or repeated between pages. There is no ``count``: counting a
million rows costs more than the page itself, and clients follow ``next`` (DESIGN §7).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import F, Model, Q, QuerySet
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.pagination import BasePagination, PageNumberPagination, _positive_int
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param


class ClaimdeskPagination(PageNumberPagination):
    """Page numbers for the short lists (evidence, checks, feeds): ``?page=2&page_size=100``."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class InvalidCursor(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "Invalid cursor: follow the next and previous links as given."
    default_code = "invalid_cursor"


@dataclass(frozen=True)
class Key:
    """One column of the order: its name, direction, and whether it may be NULL."""

    field: str
    descending: bool
    nullable: bool

    @property
    def spec(self) -> str:
        return f"-{self.field}" if self.descending else self.field


def _keys(model: type[Model], ordering: tuple[str, ...]) -> list[Key]:
    """The order as keys, with ``id`` appended (same direction as the first) when missing."""
    keys: list[Key] = []
    for spec in ordering:
        name = spec.lstrip("-")
        name = "id" if name == "pk" else name
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # an annotation or a relation path: not a key we can seek on
        keys.append(Key(name, spec.startswith("-"), bool(getattr(field, "null", False))))
        if name == "id":
            break  # unique: later columns never decide
    if not keys or keys[-1].field != "id":
        keys.append(Key("id", keys[0].descending if keys else True, False))
    return keys


def _with_key_columns(queryset: QuerySet[Any], keys: list[Key]) -> QuerySet[Any]:
    """``queryset`` reading the key columns too (a page's position is read from its rows)."""
    names, deferring = queryset.query.deferred_loading
    wanted = {key.field for key in keys}
    if deferring and names & wanted:
        return queryset.defer(None).defer(*(set(names) - wanted))
    if not deferring and names and not wanted <= set(names):
        return queryset.only(*names, *wanted)
    return queryset


def _order_by(keys: list[Key], *, reverse: bool = False) -> list[Any]:
    """ORDER BY for ``keys``; NULLs always sort after values, on every database."""
    exprs = []
    for key in keys:
        descending = key.descending != reverse
        column = F(key.field)
        if key.nullable:
            exprs.append(
                column.desc(nulls_last=not reverse)
                if descending
                else column.asc(nulls_last=not reverse)
            )
        else:
            exprs.append(column.desc() if descending else column.asc())
    return exprs


def _after(keys: list[Key], values: list[Any], *, reverse: bool = False) -> Q:
    """Rows strictly after ``values`` in the order of ``keys`` (before it with ``reverse``).

    Written as (k1 beyond v1) OR (k1 = v1 AND k2 beyond v2) OR ..., with NULLs after every
    value. For a first key that is never NULL the bound ``k1 <= v1`` (or ``>=``) is added
    as well: it is what lets the database start the index scan at the position.
    """
    condition = Q(pk__in=[])  # FALSE: nothing is after the last position of an empty list
    for depth in range(len(keys) - 1, -1, -1):
        key, value = keys[depth], values[depth]
        descending = key.descending != reverse
        nulls_after = not reverse
        if value is None:
            beyond = Q(pk__in=[]) if nulls_after else Q(**{f"{key.field}__isnull": False})
            same = Q(**{f"{key.field}__isnull": True})
        else:
            beyond = Q(**{f"{key.field}__{'lt' if descending else 'gt'}": value})
            if key.nullable and nulls_after:
                beyond |= Q(**{f"{key.field}__isnull": True})
            same = Q(**{key.field: value})
        condition = beyond | (same & condition)
    first, value = keys[0], values[0]
    if not first.nullable and value is not None:
        descending = first.descending != reverse
        condition = Q(**{f"{first.field}__{'lte' if descending else 'gte'}": value}) & condition
    return condition


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def encode_cursor(*, keys: list[Key], values: list[Any], reverse: bool) -> str:
    payload = {"o": [k.spec for k in keys], "v": [_encode(v) for v in values], "r": int(reverse)}
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(model: type[Model], keys: list[Key], cursor: str) -> tuple[list[Any], bool]:
    """(position values, backwards?) from a cursor made for this same order."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw)
        if not isinstance(payload, dict) or payload.get("o") != [k.spec for k in keys]:
            raise ValueError("another order")
        raw_values = payload["v"]
        if not isinstance(raw_values, list) or len(raw_values) != len(keys):
            raise ValueError("wrong length")
        fields: list[Any] = [model._meta.get_field(k.field) for k in keys]
        values = [
            None if v is None else field.to_python(v)
            for field, v in zip(fields, raw_values, strict=True)
        ]
        if any(v is None for k, v in zip(keys, values, strict=True) if not k.nullable):
            raise ValueError("NULL in a NOT NULL key")
        return values, bool(payload.get("r"))
    except (ValueError, TypeError, KeyError, binascii.Error, ValidationError) as exc:
        raise InvalidCursor() from exc


def keyset_cursor_for(
    *, model: type[Model], ordering: tuple[str, ...], values: dict[str, Any]
) -> str:
    """The ``cursor`` of the page after the row with ``values`` (for benches and tools)."""
    keys = _keys(model, ordering)
    return encode_cursor(keys=keys, values=[values[k.field] for k in keys], reverse=False)


class KeysetPagination(BasePagination):
    """Cursor pages over (requested order, id); see the module docstring."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    cursor_query_param = "cursor"
    #: The order when neither the request, the view's ``ordering`` nor the model names one.
    default_ordering: tuple[str, ...] = ("-id",)

    def paginate_queryset(
        self, queryset: QuerySet[Any], request: Request, view: Any = None
    ) -> list[Any]:
        self.request = request
        self.limit = self._page_size(request)
        ordering = tuple(str(o) for o in queryset.query.order_by) or tuple(
            getattr(view, "ordering", None)
            or queryset.model._meta.ordering
            or self.default_ordering
        )
        self.keys = _keys(queryset.model, ordering)
        queryset = _with_key_columns(queryset, self.keys)
        cursor = request.query_params.get(self.cursor_query_param)
        values: list[Any] | None = None
        reverse = False
        if cursor:
            values, reverse = decode_cursor(queryset.model, self.keys, cursor)
            queryset = queryset.filter(_after(self.keys, values, reverse=reverse))
        rows = list(queryset.order_by(*_order_by(self.keys, reverse=reverse))[: self.limit + 1])
        more = len(rows) > self.limit
        rows = rows[: self.limit]
        if reverse:
            rows.reverse()
        self.has_next = more if not reverse else True
        self.has_previous = values is not None and (more if reverse else True)
        self.first = self._position(rows[0]) if rows else None
        self.last = self._position(rows[-1]) if rows else None
        if not rows and values is not None:  # an empty page: stand where the cursor stood
            self.first = self.last = values
            self.has_next, self.has_previous = reverse, not reverse
        return rows

    def _page_size(self, request: Request) -> int:
        try:
            return _positive_int(
                request.query_params[self.page_size_query_param],
                strict=True,
                cutoff=self.max_page_size,
            )
        except (KeyError, ValueError):
            return self.page_size

    def _position(self, row: Any) -> list[Any]:
        return [getattr(row, key.field) for key in self.keys]

    def _link(self, values: list[Any] | None, *, reverse: bool) -> str | None:
        if values is None:
            return None
        url = self.request.build_absolute_uri()
        cursor = encode_cursor(keys=self.keys, values=values, reverse=reverse)
        return replace_query_param(url, self.cursor_query_param, cursor)

    def get_next_link(self) -> str | None:
        return self._link(self.last, reverse=False) if self.has_next else None

    def get_previous_link(self) -> str | None:
        if not self.has_previous:
            return None
        if self.first is None:
            return remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)
        return self._link(self.first, reverse=True)

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            OrderedDict(
                [
                    ("next", self.get_next_link()),
                    ("previous", self.get_previous_link()),
                    ("results", data),
                ]
            )
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "The position to continue from: take it from next or previous.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Rows per page (default {self.page_size}, "
                f"at most {self.max_page_size}).",
                "schema": {"type": "integer"},
            },
        ]
