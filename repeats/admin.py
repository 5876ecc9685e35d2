"""Claim matches in the admin, hooked onto the claims app's ``ClaimAdmin`` from here.

claims does not know this app; instead this module (imported by the admin's autodiscovery,
after claims.admin) adds two read-only inlines to the claim page (the earlier claims this
one repeats, and later claims that repeat or update it) and a "repeats a published claim"
list filter. The inline's buttons post the claim page's own form (and CSRF token) to the
small views of ``ClaimMatchAdmin`` with ``formaction``, as nested forms are not allowed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from claims.admin import ClaimAdmin
from claims.highlighting import status_badge
from claims.models import Claim, ClaimStatus
from claims.workflow import StaleVersion, WorkflowError
from desk.roles import is_desk_member
from repeats.models import ClaimMatch, MatchReason, MatchState
from repeats.selectors import repeats_published_filter
from repeats.services import match_apply_verdict, match_decide


def _claim_link(claim: Claim) -> SafeString:
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    return format_html('<a href="{}">#{} {}</a>', url, claim.pk, claim.summary)


def _article_link(claim: Claim) -> SafeString:
    url = reverse("admin:claims_article_change", args=[claim.article_id])
    return format_html('<a href="{}">{}</a>', url, claim.article.title)


class _ReadOnlyMatchInline(admin.TabularInline[ClaimMatch, Claim]):
    model = ClaimMatch
    extra = 0
    can_delete = False
    show_change_link = False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_desk_member(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RepeatsInline(_ReadOnlyMatchInline):
    """The earlier claims this claim repeats, with their status and verdict."""

    fk_name = "claim"
    verbose_name = "earlier claim this repeats"
    verbose_name_plural = "Repeats of earlier claims"
    fields = ("matched", "article", "matched_status", "reason", "score", "state", "decide")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[ClaimMatch]:
        return (
            super()
            .get_queryset(request)
            .select_related("claim", "matched_claim__article")
            .defer("matched_claim__article__text")
            .order_by("-score", "id")
        )

    @admin.display(description="matched claim")
    def matched(self, obj: ClaimMatch) -> SafeString:
        return _claim_link(obj.matched_claim)

    @admin.display(description="article")
    def article(self, obj: ClaimMatch) -> SafeString:
        return _article_link(obj.matched_claim)

    @admin.display(description="status · verdict")
    def matched_status(self, obj: ClaimMatch) -> SafeString:
        matched = obj.matched_claim
        verdict = matched.get_verdict_display() if matched.verdict else "—"
        return format_html(
            '{} <span class="cd-match-verdict">{}</span>', status_badge(matched.status), verdict
        )

    @admin.display(description="decide")
    def decide(self, obj: ClaimMatch) -> SafeString:
        decide_url = reverse("admin:repeats_claimmatch_decide", args=[obj.pk])
        buttons: list[tuple[str, str, str, str, str]] = [
            (decide_url, "state", str(state), f"match-{obj.pk}-{state}", label)
            for state, label in (
                (MatchState.CONFIRMED, "Confirm"),
                (MatchState.REJECTED, "Reject"),
            )
            if obj.state != state
        ]
        matched = obj.matched_claim
        if (
            matched.status == ClaimStatus.PUBLISHED
            and matched.verdict
            and obj.reason != MatchReason.UPDATED_FIGURE
            and obj.state != MatchState.REJECTED
            and obj.claim.status in (ClaimStatus.NEW, ClaimStatus.IN_REVIEW)
        ):
            apply_url = reverse("admin:repeats_claimmatch_apply", args=[obj.pk])
            buttons.append(
                (
                    f"{apply_url}?version={obj.claim.version}",
                    "apply",
                    "1",
                    f"match-{obj.pk}-apply",
                    f"Propose the same verdict ({matched.get_verdict_display()})",
                )
            )
        return format_html_join(
            " ",
            '<button type="submit" class="cd-btn" formmethod="post" formaction="{}" '
            'name="{}" value="{}" id="{}">{}</button>',
            buttons,
        )


class LaterMatchesInline(_ReadOnlyMatchInline):
    """Later claims that repeat this one or give an updated figure (it may be outdated)."""

    fk_name = "matched_claim"
    verbose_name = "later claim"
    verbose_name_plural = "Later claims repeating or updating this one"
    fields = ("later", "article", "reason", "score", "state")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[ClaimMatch]:
        return (
            super()
            .get_queryset(request)
            .exclude(state=MatchState.REJECTED)
            .select_related("claim__article")
            .defer("claim__article__text")
            .order_by("-id")
        )

    @admin.display(description="later claim")
    def later(self, obj: ClaimMatch) -> SafeString:
        return _claim_link(obj.claim)

    @admin.display(description="article")
    def article(self, obj: ClaimMatch) -> SafeString:
        return _article_link(obj.claim)


class RepeatsPublishedFilter(admin.SimpleListFilter):
    title = "repeats"
    parameter_name = "repeats"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("published", "Repeats a published claim")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "published":
            return queryset.filter(repeats_published_filter()).distinct()
        return queryset


# The hook: small and additive, so the claim page can change shape around it.
ClaimAdmin.inlines = [*ClaimAdmin.inlines, RepeatsInline, LaterMatchesInline]
ClaimAdmin.list_filter = (*ClaimAdmin.list_filter, RepeatsPublishedFilter)  # type: ignore[assignment]


@admin.register(ClaimMatch)
class ClaimMatchAdmin(admin.ModelAdmin[ClaimMatch]):
    """All suggested matches, for a desk that works through them; decisions are buttons."""

    list_display = ("id", "claim", "matched_claim", "reason", "score", "state", "created_at")
    list_filter = ("reason", "state")
    list_select_related = ("claim", "matched_claim")
    raw_id_fields = ("claim", "matched_claim", "decided_by")
    readonly_fields = (
        "claim",
        "matched_claim",
        "score",
        "reason",
        "explanation",
        "state",
        "decided_by",
        "decided_at",
        "created_at",
    )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_desk_member(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_desk_member(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:  # type: ignore[override]
        wrap = self.admin_site.admin_view
        own = [
            path(
                "<int:match_id>/decide/", wrap(self.decide_view), name="repeats_claimmatch_decide"
            ),
            path("<int:match_id>/apply/", wrap(self.apply_view), name="repeats_claimmatch_apply"),
        ]
        return own + super().get_urls()  # type: ignore[operator]

    def _match(self, match_id: int) -> ClaimMatch:
        match = (
            ClaimMatch.objects.select_related("claim", "matched_claim__article")
            .filter(pk=match_id)
            .first()
        )
        if match is None:
            raise Http404("No such match.")
        return match

    def _back(self, match: ClaimMatch) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[match.claim_id]))

    def decide_view(self, request: HttpRequest, match_id: int) -> HttpResponse:
        match = self._match(match_id)
        if request.method != "POST":
            return self._back(match)
        try:
            match_decide(match=match, state=request.POST.get("state", ""), actor=request.user)
        except WorkflowError as refusal:
            self.message_user(request, f"Refused: {refusal.message}", messages.ERROR)
        except ValidationError as invalid:
            self.message_user(
                request, f"Nothing was changed: {' '.join(invalid.messages)}", messages.ERROR
            )
        else:
            self.message_user(
                request,
                f"Match with claim #{match.matched_claim_id}: {request.POST.get('state')}.",
                messages.SUCCESS,
            )
        return self._back(match)

    def apply_view(self, request: HttpRequest, match_id: int) -> HttpResponse:
        match = self._match(match_id)
        if request.method != "POST":
            return self._back(match)
        version = request.GET.get("version", "")
        try:
            if not version.isdigit():
                raise ValidationError("The page did not say which version of the claim it shows.")
            claim = match_apply_verdict(match=match, actor=request.user, version=int(version))
        except StaleVersion:
            self.message_user(
                request,
                "This claim was changed by someone else since you opened it: reload and try again.",
                messages.ERROR,
            )
        except WorkflowError as refusal:
            self.message_user(request, f"Refused: {refusal.message}", messages.ERROR)
        except ValidationError as invalid:
            self.message_user(
                request, f"Nothing was changed: {' '.join(invalid.messages)}", messages.ERROR
            )
        else:
            self.message_user(
                request,
                f"Proposed {claim.get_verdict_display()} for claim #{claim.pk}, as published for "
                f"claim #{match.matched_claim_id}; an editor publishes it.",
                messages.SUCCESS,
            )
        return self._back(match)
