"""Query-string filters of the claims list (django-filter)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from claims.models import Article, Claim, ClaimKind, ClaimStatus, Verdict


class ClaimFilter(django_filters.FilterSet):
    # distinct=False: these filter columns of the claim row itself, so no join can repeat a
    # row, and DISTINCT would make the database sort every matching row before the first.
    article = django_filters.NumberFilter(field_name="article_id", help_text="Article id.")
    status = django_filters.MultipleChoiceFilter(
        choices=ClaimStatus.choices,
        distinct=False,
        help_text="Repeat for several: ?status=new&status=in_review",
    )
    kind = django_filters.MultipleChoiceFilter(choices=ClaimKind.choices, distinct=False)
    verdict = django_filters.MultipleChoiceFilter(choices=Verdict.choices, distinct=False)
    assignee = django_filters.CharFilter(
        method="filter_assignee", help_text='A user id, "me" or "none".'
    )
    search = django_filters.CharFilter(
        method="filter_search", help_text="Words in the sentence, the quote or the speaker."
    )

    class Meta:
        model = Claim
        fields = ("article", "status", "kind", "verdict", "assignee", "search")

    def filter_assignee(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        value = value.strip().lower()
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        if value == "me":
            user = getattr(self.request, "user", None)
            if user is None or not user.is_authenticated:
                return queryset.none()
            return queryset.filter(assignee_id=user.pk)
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(assignee_id=int(value))

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
