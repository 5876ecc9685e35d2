"""Feeds in the admin: editors add and switch feeds; everyone on the desk sees them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from desk.roles import EDITOR, is_desk_member, user_roles
from feeds.models import Feed, FeedEntry
from feeds.selectors import feed_list


def editor(request: HttpRequest) -> bool:
    """Editors (and superusers) manage feeds; reviewers only see them."""
    return EDITOR in user_roles(request.user)


class FeedEntryInline(admin.TabularInline[FeedEntry, Feed]):
    model = FeedEntry
    extra = 0
    can_delete = False
    fields = ("title", "link", "published_at", "article_import", "article", "error", "created_at")
    readonly_fields = fields
    ordering = ("-id",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[FeedEntry]:
        return super().get_queryset(request).select_related("article_import", "article")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_desk_member(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin[Feed]):
    list_display = (
        "__str__",
        "url",
        "active",
        "poll_interval",
        "last_polled_at",
        "failures",
        "short_error",
        "articles",
    )
    list_filter = ("active",)
    search_fields = ("title", "url")
    fields = ("url", "title", "active", "poll_interval", "next_poll_at")
    readonly_fields = ("last_polled_at", "last_error", "failures", "etag", "last_modified")
    inlines = [FeedEntryInline]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.fields if obj is None else (*self.fields, *self.readonly_fields)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Feed]:
        return feed_list()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_desk_member(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_desk_member(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return editor(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return editor(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return editor(request)

    def save_model(self, request: HttpRequest, obj: Feed, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)

    @admin.display(description="error")
    def short_error(self, obj: Feed) -> str:
        return obj.last_error if len(obj.last_error) <= 80 else obj.last_error[:79] + "…"

    @admin.display(description="articles")
    def articles(self, obj: Feed) -> int:
        return getattr(obj, "articles_count", 0)
