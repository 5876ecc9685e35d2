"""Query-string filters of the claims list (django-filter)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema_field

from claims.models import Article, Claim, ClaimKind, ClaimStatus, Verdict
from desk.roles import is_desk_member

#: Ids are positive 64-bit integers (BigAutoField). A value outside that range is a
#: client error (400), never an overflow inside the database driver (SQLite raises one).
MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """A row id: a whole number from 1 to ``MAX_ID``; anything else answers 400."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


def _assignee_value(value: str) -> None:
    cleaned = value.strip().lower()
    if cleaned in {"me", "none"}:
        return
    if not cleaned.isdigit() or not 1 <= int(cleaned) <= MAX_ID:
        raise ValidationError(
            f'Enter a user id from 1 to {MAX_ID}, "me" or "none".', code="invalid"
        )


class ClaimFilter(django_filters.FilterSet):
    # distinct=False: these filter columns of the claim row itself, so no join can repeat a
    # row, and DISTINCT would make the database sort every matching row before the first.
    article = IdFilter(field_name="article_id", distinct=False, help_text="Article id.")
    status = django_filters.MultipleChoiceFilter(
        choices=ClaimStatus.choices,
        distinct=False,
        help_text="Repeat for several: ?status=new&status=in_review",
    )
    kind = django_filters.MultipleChoiceFilter(choices=ClaimKind.choices, distinct=False)
    verdict = django_filters.MultipleChoiceFilter(choices=Verdict.choices, distinct=False)
    assignee = django_filters.CharFilter(
        method="filter_assignee",
        help_text='A user id, "me" or "none".',
        validators=[_assignee_value],
    )
    search = django_filters.CharFilter(
        method="filter_search", help_text="Words in the sentence, the quote or the speaker."
    )

    class Meta:
        model = Claim
        fields = ("article", "status", "kind", "verdict", "assignee", "search")

    def is_valid(self) -> bool:
        """``assignee`` is a desk field: the public may not filter by it (400, not ignored)."""
        valid = bool(super().is_valid())
        if self.data.get("assignee") not in (None, "") and not is_desk_member(
            getattr(self.request, "user", None)
        ):
            self.form.add_error("assignee", "Only desk members can filter by assignee.")
            return False
        return valid

    def filter_assignee(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        value = value.strip().lower()
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        if value == "me":
            user = getattr(self.request, "user", None)
            if user is None or not user.is_authenticated:
                return queryset.none()
            return queryset.filter(assignee_id=user.pk)
        return queryset.filter(assignee_id=int(value))  # in range: checked by the field

    def filter_search(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(text__icontains=value) | Q(quote__icontains=value) | Q(speaker__icontains=value)
        )


class ArticleFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", help_text="Words in the title.")
    publisher = django_filters.CharFilter(field_name="publisher", lookup_expr="iexact")

    class Meta:
        model = Article
        fields = ("search", "publisher")

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        return queryset.filter(title__icontains=value) if value else queryset
