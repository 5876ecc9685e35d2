"""The claim list's article filter: pick an article by searching for it, not from a list.

Django's ``RelatedOnlyFieldListFilter`` lists every article that has a claim, each a
link; at 50,000 articles that is 50,000 rows (their text included) on every list page.
This filter shows one autocomplete box (the admin's own select2 widget, fed by
``ArticleAdmin.search_fields``) and reads at most the one chosen article. It keeps the
stock parameter ``article__id__exact``, so links made for the old filter still work.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import QuerySet
from django.forms import Media
from django.http import HttpRequest

from claims.models import Article, Claim

PARAMETER = "article__id__exact"


class ArticleChoiceForm(forms.Form):
    """The filter's one field: an article chosen through the admin's autocomplete view."""

    def __init__(self, *args: Any, admin_site: admin.AdminSite, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[PARAMETER] = forms.ModelChoiceField(
            queryset=Article.objects.only("id", "title"),
            required=False,
            label="article",
            widget=AutocompleteSelect(
                Claim._meta.get_field("article"),
                admin_site,
                attrs={"data-placeholder": "Search articles", "class": "cd-article-filter"},
            ),
        )


def article_filter_media(admin_site: admin.AdminSite) -> Media:
    """The autocomplete widget's scripts and styles, and the one that submits on choice."""
    media = ArticleChoiceForm(admin_site=admin_site).media
    return media + Media(js=["claims/article_filter.js"])


class ArticleSearchFilter(admin.SimpleListFilter):
    title = "article"
    parameter_name = PARAMETER
    template = "admin/claims/article_filter.html"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return []  # no list: the widget reads the chosen article's title itself

    def has_output(self) -> bool:
        return True  # the search box shows even before an article is chosen

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(article_id=int(value))

    def choices(self, changelist: Any) -> Any:
        """One entry for the template: the search form and the query string it keeps."""
        value = self.value() or ""
        # Unbound, with the choice as initial: nothing to validate, so the widget's own
        # lookup of the chosen title is the only query.
        form = ArticleChoiceForm(
            initial={PARAMETER: value} if value.isdigit() else None,
            admin_site=changelist.model_admin.admin_site,
        )
        keep = [
            (name, item)
            for name, values in changelist.params.items()
            if name not in {PARAMETER, "p"}
            for item in (values if isinstance(values, list) else [values])
        ]
        yield {
            "selected": bool(value),
            "field": form[PARAMETER],
            "keep": keep,
            "clear_url": changelist.get_query_string(remove=[PARAMETER, "p"]),
        }
