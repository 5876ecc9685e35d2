"""Admin for sources, evidence and check runs: read-only records plus a re-enqueue action.

Everything here is written by the pipeline, so forms are read-only; the one change an
operator makes (queue a failed check again) goes through the same service the sweep uses.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from verification.models import CheckRun, Evidence, Source
from verification.services import check_requeue


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Rows written by the pipeline: viewable, never edited or added by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Source)
class SourceAdmin(ReadOnlyAdmin):
    list_display = ("url", "title", "fetch_status", "http_status", "provider", "fetched_at")
    list_filter = ("fetch_status", "provider")
    search_fields = ("url", "title")
    date_hierarchy = "fetched_at"
    readonly_fields = (
        "url",
        "final_url",
        "fetch_status",
        "http_status",
        "content_type",
        "title",
        "content_sha256",
        "fetched_at",
        "published_at",
        "archive_url",
        "provider",
        "error",
        "created_at",
        "text",
    )


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "claim_link",
        "stance_shown",
        "source",
        "found_value",
        "updated",
        "score",
        "checked_at",
    )
    list_filter = ("stance", "source__fetch_status")
    list_select_related = ("claim", "source")
    search_fields = ("source__url", "passage", "explanation")
    raw_id_fields = ("claim", "source")
    readonly_fields = ("claim", "source", *Evidence.RESULT_FIELDS)

    @admin.display(description="stance", ordering="stance")
    def stance_shown(self, obj: Evidence) -> str:
        return obj.stance_label

    @admin.display(description="claim", ordering="claim_id")
    def claim_link(self, obj: Evidence) -> str:
        url = reverse("admin:claims_claim_change", args=[obj.claim_id])
        return format_html('<a href="{}">#{} {}</a>', url, obj.claim_id, obj.claim.summary)


@admin.register(CheckRun)
class CheckRunAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "claim",
        "state",
        "attempts",
        "requested_by",
        "created_at",
        "finished_at",
        "short_error",
    )
    list_filter = ("state",)
    list_select_related = ("claim", "requested_by")
    search_fields = ("=id", "=claim__id", "error", "task_id")
    raw_id_fields = ("claim", "requested_by")
    readonly_fields = (
        "claim",
        "state",
        "requested_by",
        "providers",
        "urls",
        "sources",
        "task_id",
        "worker",
        "attempts",
        "error",
        "created_at",
        "enqueued_at",
        "started_at",
        "finished_at",
    )
    actions = ("requeue",)

    @admin.display(description="error")
    def short_error(self, obj: CheckRun) -> str:
        return obj.error if len(obj.error) <= 80 else obj.error[:77] + "..."

    def has_requeue_permission(self, request: HttpRequest) -> bool:
        """Editors (and superusers): the permission ``verification.requeue_checkrun``."""
        return request.user.has_perm("verification.requeue_checkrun")

    @admin.action(
        description="Re-enqueue selected failed or queued checks", permissions=["requeue"]
    )
    def requeue(self, request: HttpRequest, queryset: QuerySet[CheckRun]) -> None:
        requeued = check_requeue(run_ids=queryset.values_list("id", flat=True))
        skipped = queryset.count() - len(requeued)
        self.message_user(request, f"Queued {len(requeued)} check(s) again.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} check(s) were running or had succeeded and were left alone.",
                messages.WARNING,
            )
