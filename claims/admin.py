"""The desk's working surface: claim queue, claim page with workflow buttons, article page.

Model forms are read-only for everyone: workflow fields change only through
``claim_transition`` (the same service the API calls), and structured fields only through
ingestion. The buttons post to small views added in ``ClaimAdmin.get_urls``; each calls one
service and turns its refusals into admin messages, so a refusal is never a 500.
"""

from __future__ import annotations

import logging
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from claims import events
from claims.admin_filters import ArticleSearchFilter, article_filter_media
from claims.admin_pages import ArchivePaginator
from claims.forms import ArticleForm, NoteForm, SourceForm, TransitionForm
from claims.highlighting import (
    article_with_claims,
    claim_figure,
    claim_in_context,
    passage_with_matches,
    status_badge,
)
from claims.models import (
    Article,
    ArticleImport,
    Claim,
    ClaimEvent,
    ClaimStatus,
    Verdict,
)
from claims.selectors import (
    article_claim_counts,
    claim_events,
    claim_list,
    desk_members,
    review_queue,
)
from claims.services import article_ingest, claim_add_note, claim_transition
from claims.workflow import (
    ACTIONS,
    EDITOR,
    NOTE_MAX_LENGTH,
    RoleNotAllowed,
    StaleVersion,
    WorkflowError,
    available_actions,
    user_roles,
)

logger = logging.getLogger(__name__)

STALE_MESSAGE = (
    "This claim was changed by someone else since you opened it: reload to see the current version"
)
DRAFT_SESSION_KEY = "claimdesk:draft:{pk}"

# Admin sites share one index; this one adds the desk's queue summary above the app list.
admin.site.index_template = "admin/claims/index.html"
admin.site.site_header = "Claimdesk"
admin.site.site_title = "Claimdesk"


# --- list filters ---------------------------------------------------------------------


class AssigneeFilter(admin.SimpleListFilter):
    title = "assignee"
    parameter_name = "assignee"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        people = [(str(u.pk), u.get_username()) for u in desk_members()]
        return [("me", "Assigned to me"), ("none", "Unassigned"), *people]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if value == "me":
            return queryset.filter(assignee_id=request.user.pk)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        if value and value.isdigit():
            return queryset.filter(assignee_id=int(value))
        return queryset


# --- admins ---------------------------------------------------------------------------


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin[Article]):
    """Articles are immutable once ingested (claim offsets point into the text)."""

    form = ArticleForm
    change_form_template = "admin/claims/article/change_form.html"
    list_display = ("title", "publisher", "published_at", "claims_total", "created_at")
    # Trigram-indexed on PostgreSQL (migration 0004); the autocomplete of the claim list's
    # article filter searches these too.
    search_fields = ("title", "publisher", "url")
    readonly_fields = ("content_sha256", "created_at", "created_by")
    # Relative dates rather than date_hierarchy: its year links need a DISTINCT over the
    # dates of every article on each page load; these need no query at all.
    list_filter = (("created_at", admin.DateFieldListFilter),)
    paginator = ArchivePaginator
    show_full_result_count = False

    class Media:
        css = {"all": ("claims/admin.css",)}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        # The text (up to a megabyte each) is read only where it is shown; the claim count
        # is a correlated subquery, computed for the rows of the page and nothing else
        # (a COUNT over a join groups every claim of every article first).
        claims = (
            Claim.objects.filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(n=Count("*"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .defer("text")
            .annotate(
                claims_total=Coalesce(Subquery(claims, output_field=IntegerField()), Value(0))
            )
        )

    def has_change_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        return False

    # Not sortable: ordering by it would count the claims of every article.
    @admin.display(description="claims")
    def claims_total(self, obj: Article) -> int:
        return getattr(obj, "claims_total", 0)

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        """Adding an article goes through ingestion, so its claims are extracted too."""
        result = article_ingest(
            text=obj.text,
            title=obj.title,
            url=obj.url,
            publisher=obj.publisher,
            author=obj.author,
            published_at=obj.published_at,
            actor=request.user,  # type: ignore[arg-type]
        )
        obj.pk = result.article.pk
        obj._state.adding = False

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        article = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if article is not None:
            claims = list(Claim.objects.filter(article=article).order_by("start", "span_start"))
            counts = article_claim_counts(article)
            context.update(
                article_html=article_with_claims(article, claims),
                status_counts=[(status_badge(s), counts[s]) for s in ClaimStatus.values],
                claims_url=reverse("admin:claims_claim_changelist")
                + f"?article__id__exact={article.pk}",
            )
        return super().change_view(request, object_id, form_url, extra_context=context)


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin[Claim]):
    """Claim queue and claim page; the change form is read-only, actions are buttons."""

    change_form_template = "admin/claims/claim/change_form.html"
    list_display = (
        "id",
        "status_display",
        "kind",
        "claim_display",
        "article_display",
        "assignee",
        "evidence_display",
    )
    list_display_links = ("id", "claim_display")
    list_filter = (
        "status",
        "kind",
        "verdict",
        AssigneeFilter,
        ArticleSearchFilter,
    )
    list_select_related = ("article", "assignee", "proposed_by")
    # icontains everywhere; on PostgreSQL each column has a trigram GIN index on UPPER(col)
    # (migration 0004), which is exactly the expression Django's icontains compares.
    search_fields = ("text", "quote", "speaker")
    # Bounded counts, estimates above them, capped pages, annotations for shown rows only.
    paginator = ArchivePaginator
    # Column sorting only where an index gives the order: the id (the pk), either way;
    # "oldest first" is the id ascending. Sorting by status, kind or article title would
    # sort every claim (a million) before showing the first fifty.
    sortable_by = ("id",)
    # Most recently touched first: what colleagues just did is what you look at next.
    ordering = ("-updated_at", "-id")
    list_per_page = 50
    # The unfiltered total is a second COUNT(*) on every page load; the filtered one is enough.
    show_full_result_count = False
    actions = ("bulk_start_review", "bulk_assign", "bulk_dismiss")
    fieldsets = (
        (
            "Claim",
            {
                "fields": (
                    "article",
                    "kind",
                    "text",
                    ("value", "qualifier", "unit", "currency"),
                    ("quote", "speaker"),
                    "checkworthiness",
                    ("start", "end", "span_start", "span_end"),
                )
            },
        ),
        (
            "Workflow",
            {
                "fields": (
                    ("status", "verdict"),
                    "verdict_note",
                    ("assignee", "proposed_by"),
                    ("version", "created_at", "updated_at"),
                )
            },
        ),
    )

    class Media:
        css = {"all": ("claims/admin.css",)}

    @property
    def media(self) -> forms.Media:  # type: ignore[override]  # the inner Media shadows it
        return super().media + article_filter_media(self.admin_site)

    # permissions: view only for the model form; the workflow decides the rest

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Claim | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Claim | None = None) -> bool:
        # Claims are audit records; dismiss a claim instead of deleting it.
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        # The article text can be large and the list never shows it.
        return claim_list(user=request.user).defer("article__text")

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        roles = user_roles(request.user)
        if not roles:
            return {}
        if EDITOR not in roles:
            actions.pop("bulk_assign", None)
            actions.pop("bulk_dismiss", None)
        return actions

    # list columns

    @admin.display(description="status", ordering="status")
    def status_display(self, obj: Claim) -> SafeString:
        return status_badge(obj.status)

    @admin.display(description="claim")
    def claim_display(self, obj: Claim) -> SafeString:
        return claim_figure(obj)

    @admin.display(description="article", ordering="article__title")
    def article_display(self, obj: Claim) -> SafeString:
        url = reverse("admin:claims_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article.title)

    @admin.display(description="evidence (✓ / ✗)")
    def evidence_display(self, obj: Claim) -> SafeString:
        return format_html(
            '<span class="cd-ev-sup" title="supports">✓ {}</span> '
            '<span class="cd-ev-con" title="contradicts">✗ {}</span>',
            getattr(obj, "evidence_supports", 0),
            getattr(obj, "evidence_contradicts", 0),
        )

    # bulk actions: each claim goes through claim_transition on its own

    def _bulk(
        self,
        request: HttpRequest,
        queryset: QuerySet[Claim],
        action: str,
        **inputs: Any,
    ) -> None:
        done: list[str] = []
        refused: list[str] = []
        for claim in queryset:
            try:
                claim_transition(
                    claim=claim, action=action, actor=request.user, version=claim.version, **inputs
                )
            except (WorkflowError, ValidationError) as refusal:
                reason = (
                    refusal.message
                    if isinstance(refusal, WorkflowError)
                    else "; ".join(refusal.messages)
                )
                refused.append(f"#{claim.pk}: {reason}")
            else:
                done.append(f"#{claim.pk}")
        label = ACTIONS[action].label
        if done:
            self.message_user(request, f"{label}: done for {', '.join(done)}.", messages.SUCCESS)
        if refused:
            self.message_user(request, f"{label}: refused for {'; '.join(refused)}", messages.ERROR)

    @admin.action(description="Start review (assign to me)", permissions=["view"])
    def bulk_start_review(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        self._bulk(request, queryset, "start_review")

    @admin.action(description="Dismiss (not check-worthy)", permissions=["view"])
    def bulk_dismiss(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        self._bulk(request, queryset, "dismiss")

    @admin.action(description="Assign to a reviewer…", permissions=["view"])
    def bulk_assign(
        self, request: HttpRequest, queryset: QuerySet[Claim]
    ) -> TemplateResponse | None:
        """An intermediate page picks the reviewer; its submit comes back here with ``apply``."""
        form = TransitionForm(
            request.POST if "apply" in request.POST else None,
            initial={"action": "assign", "version": 1},
        )
        if "apply" in request.POST:
            assignee = form.data.get("assignee")
            chosen = desk_members().filter(pk=assignee).first() if assignee else None
            if chosen is None:
                self.message_user(request, "Choose a reviewer to assign.", messages.ERROR)
            else:
                self._bulk(request, queryset, "assign", assignee=chosen)
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Assign claims to a reviewer",
            "opts": self.model._meta,
            "claims": queryset,
            "people": desk_members(),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/claims/claim/bulk_assign.html", context)

    # the claim page and its POST endpoints

    def get_urls(self) -> list[URLPattern]:  # type: ignore[override]
        wrap = self.admin_site.admin_view
        own = [
            path("queue/", wrap(self.queue_view), name="claims_claim_queue"),
            path(
                "<path:object_id>/transition/",
                wrap(self.transition_view),
                name="claims_claim_transition",
            ),
            path("<path:object_id>/note/", wrap(self.note_view), name="claims_claim_note"),
            path("<path:object_id>/sources/", wrap(self.sources_view), name="claims_claim_sources"),
        ]
        return own + super().get_urls()  # type: ignore[operator]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        claim = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if claim is not None:
            context.update(self._claim_page_context(request, claim))
        return super().change_view(request, object_id, form_url, extra_context=context)

    def _claim_page_context(self, request: HttpRequest, claim: Claim) -> dict[str, Any]:
        draft = request.session.pop(DRAFT_SESSION_KEY.format(pk=claim.pk), None) or {}
        allowed = available_actions(claim=claim, user=request.user)
        roles = user_roles(request.user)
        evidence = [
            {
                "row": row,
                "passage": passage_with_matches(row.passage, claim, row.found_value),
                "found": "—" if row.found_value is None else f"{row.found_value.normalize():,f}",
            }
            for row in events.ask(events.evidence_requested, claim=claim) or []
        ]
        text = Article.objects.values_list("text", flat=True).get(pk=claim.article_id)
        buttons = [ACTIONS[name] for name in allowed if name not in {"propose_verdict", "assign"}]
        return {
            "claim": claim,
            "claim_context": claim_in_context(claim, text),
            "claim_status": status_badge(claim.status),
            "allowed": allowed,
            "buttons": buttons,
            "note_required": {a.name for a in ACTIONS.values() if "note" in a.requires},
            "note_actions": {"send_back", "reopen", "dismiss"},
            "can_propose": "propose_verdict" in allowed,
            "can_assign": "assign" in allowed,
            "can_note": bool(roles),
            "can_check": bool(roles),
            "verdicts": Verdict.choices,
            "people": desk_members() if "assign" in allowed else [],
            "draft": draft,
            "events": claim_events(claim=claim),
            "evidence": evidence,
            "transition_url": reverse("admin:claims_claim_transition", args=[claim.pk]),
            "note_url": reverse("admin:claims_claim_note", args=[claim.pk]),
            "sources_url": reverse("admin:claims_claim_sources", args=[claim.pk]),
            "article_url": reverse("admin:claims_article_change", args=[claim.article_id]),
        }

    def _claim_or_404(self, request: HttpRequest, object_id: str) -> Claim:
        claim = self.get_object(request, object_id)
        if claim is None:
            raise Http404("No such claim.")
        if not self.has_view_permission(request, claim):
            raise PermissionDenied
        return claim

    def _back(self, claim: Claim) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))

    def _keep_draft(self, request: HttpRequest, claim: Claim, data: dict[str, Any]) -> None:
        """Remember what was typed, so a refused submit shows it back instead of losing it."""
        request.session[DRAFT_SESSION_KEY.format(pk=claim.pk)] = {
            key: str(data.get(key, "")) for key in ("action", "verdict", "note", "assignee")
        }

    def transition_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        claim = self._claim_or_404(request, object_id)
        if request.method != "POST":
            return self._back(claim)
        form = TransitionForm(request.POST)
        if not form.is_valid():
            self._keep_draft(request, claim, request.POST)
            problems = "; ".join(
                f"{name}: {' '.join(str(e) for e in errors)}"
                for name, errors in form.errors.items()
            )
            self.message_user(request, f"Nothing was changed: {problems}", messages.ERROR)
            return self._back(claim)
        data = form.cleaned_data
        try:
            updated = claim_transition(
                claim=claim,
                action=data["action"],
                actor=request.user,
                version=data["version"],
                verdict=data["verdict"] or None,
                note=data["note"],
                assignee=data["assignee"],
            )
        except StaleVersion:
            self._keep_draft(request, claim, request.POST)
            self.message_user(
                request, f"{STALE_MESSAGE}. What you typed is kept below.", messages.ERROR
            )
        except WorkflowError as refusal:
            self._keep_draft(request, claim, request.POST)
            self.message_user(request, f"Refused: {refusal.message}", messages.ERROR)
        except ValidationError as invalid:
            self._keep_draft(request, claim, request.POST)
            self.message_user(
                request, f"Nothing was changed: {' '.join(invalid.messages)}", messages.ERROR
            )
        else:
            self.message_user(
                request,
                f"{ACTIONS[data['action']].label}: claim #{updated.pk} is now "
                f"{ClaimStatus(updated.status).label.lower()}.",
                messages.SUCCESS,
            )
        return self._back(claim)

    def note_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        claim = self._claim_or_404(request, object_id)
        if request.method != "POST":
            return self._back(claim)
        form = NoteForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(f"Write a note (at most {NOTE_MAX_LENGTH} characters).")
            claim_add_note(
                claim=claim,
                actor=request.user,
                note=form.cleaned_data["note"],
                version=form.cleaned_data["version"],
            )
        except StaleVersion:
            self._keep_draft(request, claim, {"action": "note", **request.POST.dict()})
            self.message_user(
                request, f"{STALE_MESSAGE}. What you typed is kept below.", messages.ERROR
            )
        except WorkflowError as refusal:
            self.message_user(request, f"Refused: {refusal.message}", messages.ERROR)
        except ValidationError as invalid:
            self.message_user(request, " ".join(invalid.messages), messages.ERROR)
        else:
            self.message_user(request, "Note added.", messages.SUCCESS)
        return self._back(claim)

    def sources_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """ "Add a source URL" and "check sources now": both request a check run."""
        claim = self._claim_or_404(request, object_id)
        if request.method != "POST":
            return self._back(claim)
        form = SourceForm(request.POST)
        form.is_valid()
        url = (form.cleaned_data.get("url") or "").strip()
        if "check" not in request.POST and not url:
            self.message_user(request, "Enter the URL of a source to check.", messages.ERROR)
            return self._back(claim)
        try:
            # Verification answers (claims does not import it); None when it is not installed.
            run = events.ask(
                events.check_requested,
                claim=claim,
                actor=request.user,
                urls=[url] if url else None,
            )
        except RoleNotAllowed as refused:
            self.message_user(request, refused.message, messages.ERROR)
            return self._back(claim)
        except ValidationError as invalid:
            self.message_user(
                request, f"That source was not added: {' '.join(invalid.messages)}", messages.ERROR
            )
            return self._back(claim)
        what = f"the source {url}" if url else "the configured providers"
        self.message_user(
            request,
            f"Check #{run.pk} of {what} is {run.get_state_display().lower()}; "
            "evidence appears below when it finishes.",
            messages.SUCCESS,
        )
        return self._back(claim)

    def queue_view(self, request: HttpRequest) -> HttpResponse:
        """The desk at a glance: claims per status, my open claims, and what awaits approval."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        roles = user_roles(request.user)
        changelist = reverse("admin:claims_claim_changelist")
        queue = review_queue(user=request.user)
        counts, mine, awaiting = queue.counts, queue.mine, queue.awaiting
        context = {
            **self.admin_site.each_context(request),
            "title": "Review queue",
            "opts": self.model._meta,
            # n is exact, or "about N" above 10,000 (estimated: see queue_status_counts).
            "counts": [
                (status_badge(s), str(n), f"{changelist}?status__exact={s}")
                for s, n in counts.items()
            ],
            "mine": [(c, status_badge(c.status), claim_figure(c)) for c in mine],
            "awaiting": [(c, claim_figure(c)) for c in awaiting],
            "is_editor": EDITOR in roles,
            "mine_url": f"{changelist}?assignee=me",
            "unassigned_url": f"{changelist}?assignee=none&status__exact=new",
        }
        return TemplateResponse(request, "admin/claims/claim/queue.html", context)


@admin.register(ClaimEvent)
class ClaimEventAdmin(admin.ModelAdmin[ClaimEvent]):
    list_display = ("created_at", "claim", "action", "from_status", "to_status", "actor")
    list_select_related = ("claim", "actor")
    list_filter = ("action",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ArticleImport)
class ArticleImportAdmin(admin.ModelAdmin[ArticleImport]):
    """URL-only ingestion requests and their outcome: a read-only log written by the task."""

    list_display = ("url", "state", "article_link", "short_error", "attempts", "created_at")
    list_filter = ("state",)
    list_select_related = ("article",)
    search_fields = ("url",)
    date_hierarchy = "created_at"
    readonly_fields = (
        "url",
        "title",
        "publisher",
        "published_at",
        "state",
        "article_link",
        "fetch_status",
        "error",
        "attempts",
        "requested_by",
        "created_at",
        "finished_at",
    )
    fields = readonly_fields

    @admin.display(description="article", ordering="article")
    def article_link(self, obj: ArticleImport) -> SafeString | str:
        if obj.article_id is None:
            return "—"
        url = reverse("admin:claims_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article)

    @admin.display(description="error")
    def short_error(self, obj: ArticleImport) -> str:
        return obj.error if len(obj.error) <= 120 else obj.error[:119] + "…"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
