"""Admin list pages that cost the same at a million rows as at a thousand.

Three costs grow with the table in Django's stock changelist: an exact ``COUNT(*)`` on
every page, an ``OFFSET`` that reads and discards every row before a deep page, and
per-row annotations (evidence counts) computed for those discarded rows too.
``ArchivePaginator`` removes all three:

- the count is exact up to ``exact_up_to`` rows, counted with ``LIMIT exact_up_to + 1``
  so it stops there; above it, PostgreSQL's planner estimate is shown ("about ...", as
  large Django sites do). SQLite always counts exactly (an embedded desk is small);
- pages stop at ``max_pages``: the last page a link offers is at most
  ``max_pages * per_page`` rows deep, so it costs what the first does. Older rows are
  reached by filtering or searching, or by sorting the other way; asking for a page
  past the end is the admin's usual "invalid page" message, not a slow query;
- a page's rows are found first (``id IN (SELECT id ... LIMIT/OFFSET)``, no
  annotations), and only those rows are read with their joins and annotations.
"""

from __future__ import annotations

import math
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property


def planner_estimate(queryset: QuerySet[Any]) -> int | None:
    """PostgreSQL's estimate of the rows ``queryset`` returns (EXPLAIN), None elsewhere."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        import json

        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class ArchivePaginator(Paginator):
    """Bounded exact counts, estimates above them, capped pages; see the module docstring."""

    #: Counted exactly up to here (a count stops after this many rows + 1).
    exact_up_to = 10_000
    #: Pages offered; with 50 rows a page the deepest OFFSET is 9,950.
    max_pages = 200

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if not isinstance(rows, QuerySet):
            return super().count
        if connections[rows.db].vendor != "postgresql":
            return rows.count()
        counted = rows.order_by().values("pk")[: self.exact_up_to + 1].count()
        if counted <= self.exact_up_to:
            return counted
        return max(planner_estimate(rows) or 0, counted)

    @cached_property
    def is_estimate(self) -> bool:
        """True when ``count`` is the planner's estimate, not a count."""
        return isinstance(self.object_list, QuerySet) and self.count > self.exact_up_to

    @cached_property
    def reachable(self) -> int:
        """Rows the offered pages cover: all of them, or ``max_pages`` pages' worth."""
        return min(self.count, self.max_pages * self.per_page)

    @property
    def is_capped(self) -> bool:
        return self.count > self.reachable

    @cached_property
    def num_pages(self) -> int:
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        hits = max(1, self.reachable - self.orphans)
        return math.ceil(hits / self.per_page)

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.reachable:
            top = self.reachable
        return self._get_page(self._rows(bottom, top), number, self)  # type: ignore[attr-defined]

    def _rows(self, bottom: int, top: int) -> Any:
        rows = self.object_list
        if not isinstance(rows, QuerySet):
            return rows[bottom:top]
        # The page's ids first, in the list's order and without the annotations; then the
        # full rows of those ids only. One statement: the database runs the inner part first.
        page_ids = rows.values("pk")[bottom:top]
        return rows.filter(pk__in=page_ids)
