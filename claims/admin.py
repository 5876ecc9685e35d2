"""Admin registration for articles and claims (browse and search)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from claims.models import Article, Claim, ClaimEvent


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin[Article]):
    list_display = ("title", "publisher", "published_at", "claims_total", "created_at")
    search_fields = ("title", "publisher", "url")
    readonly_fields = ("content_sha256", "created_at", "created_by")
    date_hierarchy = "created_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).annotate(claims_total=Count("claims"))

    @admin.display(description="claims", ordering="claims_total")
    def claims_total(self, obj: Article) -> int:
        return getattr(obj, "claims_total", 0)


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin[Claim]):
    list_display = ("id", "kind", "summary", "status", "verdict", "article", "assignee")
    list_filter = ("status", "kind", "verdict")
    list_select_related = ("article", "assignee")
    search_fields = ("text", "quote", "speaker")
    raw_id_fields = ("article", "assignee", "proposed_by")
    readonly_fields = ("status", "verdict", "version", "proposed_by", "created_at", "updated_at")


@admin.register(ClaimEvent)
class ClaimEventAdmin(admin.ModelAdmin[ClaimEvent]):
    list_display = ("created_at", "claim", "action", "from_status", "to_status", "actor")
    list_select_related = ("claim", "actor")
    list_filter = ("action",)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
