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
from django.conf import settings
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
from django_htmx.http import trigger_client_event

from claims import events
from claims.admin_filters import ArticleSearchFilter, article_filter_media
from claims.admin_pages import ArchivePaginator
from claims.charts import STATUS_COLOURS, backlog_chart, bar_chart
from claims.forms import ArticleForm, ArticleMetadataForm, NoteForm, SourceForm, TransitionForm
from claims.highlighting import (
    article_with_claims,
    checkworthiness_meter,
    claim_age,
    claim_in_context,
    claim_sentence,
    claim_words,
    event_label,
    status_badge,
    status_label,
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
    article_edits,
    claim_events,
    claim_is_sent_back,
    claim_latest_return,
    claim_list,
    desk_members,
    desk_trends,
    review_queue,
)
from claims.services import (
    ARTICLE_METADATA_FIELDS,
    article_ingest,
    article_update_metadata,
    claim_add_note,
    claim_transition,
)
from claims.workflow import (
    ACTIONS,
    EDITOR,
    NOTE_MAX_LENGTH,
    RoleNotAllowed,
    StaleVersion,
    WorkflowError,
    available_actions,
    user_roles,
    why_no_action,
)

logger = logging.getLogger(__name__)

STALE_MESSAGE = (
    "This claim was changed by someone else since you opened it: reload to see the current version"
)
DRAFT_SESSION_KEY = "claimdesk:draft:{pk}"
#: Actions the desk confirms before taking: publishing puts the verdict in public.
CONFIRMED_ACTIONS = frozenset({"publish"})

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
    """Articles: added through ingestion; afterwards only their metadata may be corrected.

    The text stays as ingested (claim offsets point into it). Each metadata change goes
    through ``article_update_metadata``, which records who changed what.
    """

    form = ArticleForm
    change_form_template = "admin/claims/article/change_form.html"
    list_display = ("title_display", "publisher", "published_at", "claims_total", "created_at")
    # Trigram-indexed on PostgreSQL (migration 0004); the autocomplete of the claim list's
    # article filter searches these too.
    search_fields = ("title", "publisher", "url")
    readonly_fields = ("created_at", "added_by")
    # Relative dates rather than date_hierarchy: its year links need a DISTINCT over the
    # dates of every article on each page load; these need no query at all.
    list_filter = (("created_at", admin.DateFieldListFilter),)
    paginator = ArchivePaginator
    show_full_result_count = False

    class Media:
        css = {"all": ("claims/admin.css",)}
        js = ("claims/desk.js",)

    @admin.display(description="added by")
    def added_by(self, obj: Article) -> str:
        # A name, not a link: the user admin is closed to reviewers (a bare 403 page).
        return obj.created_by.get_username() if obj.created_by else "—"

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

    def get_form(
        self, request: HttpRequest, obj: Article | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is not None:
            kwargs["form"] = ArticleMetadataForm
            kwargs["fields"] = ARTICLE_METADATA_FIELDS
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Article | None = None) -> Any:
        if obj is not None:
            return [*ARTICLE_METADATA_FIELDS, "created_at", "added_by"]
        return ["title", "url", "publisher", "author", "published_at", "text"]

    def has_delete_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        # Claims and their audit trails hang off the article.
        return False

    @admin.display(description="title", ordering="title")
    def title_display(self, obj: Article) -> SafeString:
        return format_html('<span class="cd-list-title" title="{}">{}</span>', obj.title, obj.title)

    # Not sortable: ordering by it would count the claims of every article.
    @admin.display(description="claims")
    def claims_total(self, obj: Article) -> int:
        return getattr(obj, "claims_total", 0)

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        """Adding goes through ingestion (claims extracted); changing records the edit."""
        if change:
            article_update_metadata(
                article=obj,
                actor=request.user,
                **{name: form.cleaned_data[name] for name in ARTICLE_METADATA_FIELDS},
            )
            return
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
        request._claimdesk_duplicate = not result.created  # type: ignore[attr-defined]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """No related objects are edited here (and ``save_m2m`` would need a saved form)."""

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        """The edit is recorded by the service (ArticleEdit); no second, vaguer log."""
        return None

    def response_add(
        self, request: HttpRequest, obj: Article, post_url_continue: str | None = None
    ) -> HttpResponse:
        if getattr(request, "_claimdesk_duplicate", False):
            # Only a concurrent add of the same text gets here; the form catches the rest.
            url = reverse("admin:claims_article_change", args=[obj.pk])
            self.message_user(
                request,
                format_html(
                    'This text is already in Claimdesk as <a href="{}">{}</a>; nothing new was '
                    "added.",
                    url,
                    obj.title,
                ),
                messages.WARNING,
            )
            return HttpResponseRedirect(url)
        return super().response_add(request, obj, post_url_continue)

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
                edits=[
                    (edit, sorted(edit.changes.items())) for edit in article_edits(article=article)
                ],
                article_html=article_with_claims(article, claims),
                status_counts=[(status_badge(s), counts[s]) for s in ClaimStatus.values],
                public_url=reverse("article-factchecks", args=[article.pk])
                if counts[ClaimStatus.PUBLISHED]
                else "",
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
        "claim_display",
        "article_display",
        "worth_display",
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
    # The record as a reader needs it: no offsets, no raw decimals, no links to user admin
    # pages a reviewer may not open.
    fieldsets = (
        (
            "Claim",
            {
                "fields": (
                    "article_title",
                    "kind",
                    "text",
                    ("figure_words", "figure_reading"),
                    ("quote", "speaker"),
                    "checkworthiness_percent",
                )
            },
        ),
        (
            "Workflow",
            {
                "fields": (
                    ("status", "verdict"),
                    "verdict_note",
                    ("assignee_name", "proposed_by_name"),
                    ("created_at", "updated_at", "version"),
                )
            },
        ),
    )
    readonly_fields = (
        "article_title",
        "figure_words",
        "figure_reading",
        "checkworthiness_percent",
        "assignee_name",
        "proposed_by_name",
    )

    @admin.display(description="article")
    def article_title(self, obj: Claim) -> str:
        return obj.article.title

    @admin.display(description="as written")
    def figure_words(self, obj: Claim) -> str:
        return claim_words(obj)

    @admin.display(description="read as")
    def figure_reading(self, obj: Claim) -> str:
        return "—" if obj.kind == "quote" else obj.summary

    @admin.display(description="check-worthiness")
    def checkworthiness_percent(self, obj: Claim) -> str:
        return f"{round(obj.checkworthiness * 100)}%"

    @admin.display(description="assigned to")
    def assignee_name(self, obj: Claim) -> str:
        return obj.assignee.get_username() if obj.assignee else "nobody"

    @admin.display(description="verdict proposed by")
    def proposed_by_name(self, obj: Claim) -> str:
        return obj.proposed_by.get_username() if obj.proposed_by else "—"

    @property
    def media(self) -> forms.Media:  # type: ignore[override]
        # A media property replaces an inner Media class (Django reads one or the other),
        # so the desk's stylesheet and script are named here with the article filter's.
        own = forms.Media(css={"all": ("claims/admin.css",)}, js=("claims/desk.js",))
        return super().media + own + article_filter_media(self.admin_site)

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

    @admin.display(description="status")
    def status_display(self, obj: Claim) -> SafeString:
        flag = (
            format_html(' <span class="cd-flag cd-flag-{}">sent back</span>', "sent-back")
            if claim_is_sent_back(obj)
            else ""
        )
        who = obj.assignee.get_username() if obj.assignee else "unassigned"
        return format_html(
            '{}{}<div class="cd-muted cd-assignee">{}</div>', status_badge(obj.status), flag, who
        )

    @admin.display(description="claim, as the article says it")
    def claim_display(self, obj: Claim) -> SafeString:
        return claim_sentence(obj, width=140)

    @admin.display(description="article")
    def article_display(self, obj: Claim) -> SafeString:
        url = reverse("admin:claims_article_change", args=[obj.article_id])
        return format_html(
            '<a class="cd-list-title" href="{}" title="{}">{}</a>',
            url,
            obj.article.title,
            obj.article.title,
        )

    @admin.display(description="worth")
    def worth_display(self, obj: Claim) -> SafeString:
        return format_html(
            '{}<div class="cd-muted cd-nowrap cd-age" title="extracted {}">{}</div>',
            checkworthiness_meter(obj),
            obj.created_at.strftime("%Y-%m-%d %H:%M"),
            claim_age(obj),
        )

    @admin.display(description="✓ / ✗")
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

    @admin.action(description="Dismiss (not check-worthy)…", permissions=["view"])
    def bulk_dismiss(
        self, request: HttpRequest, queryset: QuerySet[Claim]
    ) -> TemplateResponse | None:
        """An intermediate page asks why; the reason goes into every claim's history."""
        reason = (request.POST.get("note") or "").strip()
        if "apply" in request.POST:
            if reason:
                self._bulk(request, queryset, "dismiss", note=reason)
                return None
            self.message_user(
                request,
                "Say why these claims are dismissed: the reason is kept in their history.",
                messages.ERROR,
            )
        context = {
            **self.admin_site.each_context(request),
            "title": "Dismiss claims",
            "opts": self.model._meta,
            "claims": queryset,
            "note": reason,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/claims/claim/bulk_dismiss.html", context)

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
            path(
                "<path:object_id>/evidence/", wrap(self.evidence_view), name="claims_claim_evidence"
            ),
            path("<path:object_id>/events/", wrap(self.events_view), name="claims_claim_events"),
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
            context["subtitle"] = f"Claim #{claim.pk}: {claim_words(claim)}"[:120]
        return super().change_view(request, object_id, form_url, extra_context=context)

    def _claim_page_context(self, request: HttpRequest, claim: Claim) -> dict[str, Any]:
        draft = request.session.pop(DRAFT_SESSION_KEY.format(pk=claim.pk), None) or {}
        allowed = available_actions(claim=claim, user=request.user)
        text = Article.objects.values_list("text", flat=True).get(pk=claim.article_id)
        buttons = [ACTIONS[name] for name in allowed if name not in {"propose_verdict", "assign"}]
        returned = claim_latest_return(claim=claim)
        return {
            "claim": claim,
            "claim_context": claim_in_context(claim, text),
            "claim_status": status_badge(claim.status),
            "claim_value": claim_words(claim),
            "allowed": allowed,
            "why_no_action": "" if allowed else why_no_action(claim=claim, user=request.user),
            "buttons": buttons,
            "note_required": {a.name for a in ACTIONS.values() if "note" in a.requires},
            "note_actions": {"send_back", "reopen", "dismiss", "publish"},
            "confirmed_actions": CONFIRMED_ACTIONS,
            "can_propose": "propose_verdict" in allowed,
            "can_assign": "assign" in allowed,
            "can_note": bool(user_roles(request.user)),
            "verdicts": Verdict.choices,
            "people": desk_members() if "assign" in allowed else [],
            "draft": draft,
            "proposal": _proposal_prefill(claim, draft),
            "returned": returned,
            **_history_context(claim),
            "transition_url": reverse("admin:claims_claim_transition", args=[claim.pk]),
            "note_url": reverse("admin:claims_claim_note", args=[claim.pk]),
            "article_url": reverse("admin:claims_article_change", args=[claim.article_id]),
            **self._evidence_context(request, claim),
            "typed_url": draft.get("note", "") if draft.get("action") == "source" else "",
        }

    def _evidence_context(self, request: HttpRequest, claim: Claim) -> dict[str, Any]:
        return {
            "claim": claim,
            # Verification answers (claims does not import it); None when it is not installed.
            "panel": events.ask(events.evidence_panel_requested, claim=claim),
            "can_check": bool(user_roles(request.user)),
            "sources_url": reverse("admin:claims_claim_sources", args=[claim.pk]),
            "evidence_url": reverse("admin:claims_claim_evidence", args=[claim.pk]),
            "refetch_ttl": settings.FETCH_REFETCH_TTL,
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
        if (
            data["action"] in CONFIRMED_ACTIONS
            and request.POST.get("confirmed") != "1"
            and data["version"] == claim.version
            and data["action"] in available_actions(claim=claim, user=request.user)
        ):
            # Only an action that would go through is worth confirming; a refusal or a
            # conflict is reported straight away below.
            return self._confirm_page(request, claim, data)
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

    def _confirm_page(
        self, request: HttpRequest, claim: Claim, data: dict[str, Any]
    ) -> TemplateResponse:
        """Ask before an action that cannot be taken back quietly (publishing is public).

        The browser's script asks first and skips this page; without script, this page asks,
        carrying the note typed so far so nothing is lost either way.
        """
        action = ACTIONS[data["action"]]
        context = {
            **self.admin_site.each_context(request),
            "title": f"{action.label} claim #{claim.pk}?",
            "opts": self.model._meta,
            "claim": claim,
            "action": action,
            "data": data,
            "transition_url": reverse("admin:claims_claim_transition", args=[claim.pk]),
            "back_url": reverse("admin:claims_claim_change", args=[claim.pk]),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/claims/claim/confirm_action.html", context)

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

    def evidence_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The evidence panel alone: htmx polls it while a check runs, then it stops."""
        claim = self._claim_or_404(request, object_id)
        return self._evidence_fragment(request, claim)

    def events_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The history section alone: re-fetched when the evidence panel says it changed."""
        claim = self._claim_or_404(request, object_id)
        return TemplateResponse(
            request, "admin/claims/claim/_history.html", {"claim": claim, **_history_context(claim)}
        )

    def _evidence_fragment(
        self, request: HttpRequest, claim: Claim, notice: tuple[str, str] | None = None
    ) -> TemplateResponse:
        context = {**self._evidence_context(request, claim), "notice": notice}
        response = TemplateResponse(request, "admin/claims/claim/_evidence.html", context)
        panel = context["panel"]
        if request.htmx and (notice is not None or not (panel and panel.polling)):  # type: ignore[attr-defined]
            # A check was requested, or the run being followed has finished: either wrote a
            # ClaimEvent, so the history section (listening on the body) fetches itself again.
            trigger_client_event(response, HISTORY_CHANGED)
        return response

    def sources_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """ "Add a source URL", "re-fetch" and "check sources now": each requests a check run.

        From htmx the answer is the evidence panel itself (polling until the run ends);
        without script, a redirect to the claim page with a message. Either way the URL
        typed is kept when it is refused.
        """
        claim = self._claim_or_404(request, object_id)
        if request.method != "POST":
            return self._back(claim)
        form = SourceForm(request.POST)
        form.is_valid()
        url = (form.cleaned_data.get("url") or "").strip()
        recheck = "check" in request.POST
        notice: tuple[str, str]
        if not recheck and not url:
            notice = ("error", "Enter the URL of a source to check.")
        else:
            try:
                run = events.ask(
                    events.check_requested,
                    claim=claim,
                    actor=request.user,
                    urls=None if recheck else [url],
                    recheck=recheck,
                )
            except RoleNotAllowed as refused:
                notice = ("error", refused.message)
            except ValidationError as invalid:
                notice = ("error", f"That source was not added: {' '.join(invalid.messages)}")
                if not request.htmx:  # type: ignore[attr-defined]
                    self._keep_draft(request, claim, {"action": "source", "note": url})
            else:
                if run is None:
                    notice = ("error", "Source checking is not installed on this desk.")
                else:
                    panel = events.ask(events.evidence_panel_requested, claim=claim)
                    notice = _check_notice(panel, run, url=url, recheck=recheck)
        if request.htmx:  # type: ignore[attr-defined]
            response = self._evidence_fragment(request, claim, notice)
            if notice[0] == "error" and url:
                response.context_data["typed_url"] = url  # type: ignore[index]
            return response
        level = {"error": messages.ERROR, "warning": messages.WARNING}.get(
            notice[0], messages.SUCCESS
        )
        self.message_user(request, notice[1], level)
        return self._back(claim)

    def queue_view(self, request: HttpRequest) -> HttpResponse:
        """The reviewer's home: what needs me, what was sent back, what is new, what awaits."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        queue = review_queue(user=request.user)
        is_editor = EDITOR in user_roles(request.user)
        changelist = reverse("admin:claims_claim_changelist")
        sections = [
            ("sent-back", "Sent back to you", queue.sent_back, "Nothing was sent back to you."),
            ("my-claims", "Your open claims", queue.mine, "Nothing assigned to you."),
        ]
        if is_editor:
            sections.append(
                (
                    "awaiting-approval",
                    "Awaiting approval",
                    queue.awaiting,
                    "Nothing awaits approval.",
                )
            )
        sections.append(
            ("new-claims", "New claims, most check-worthy first", queue.new, "No new claims.")
        )
        # Estimated counts ("about N", above the exact limit) feed the chart as they are.
        trends = desk_trends(counts={s: c.n for s, c in queue.counts.items()})
        labels = dict(ClaimStatus.choices)
        context = {
            **self.admin_site.each_context(request),
            "title": "Review queue",
            "trends": trends,
            "backlog_chart": backlog_chart(trends.days, trends.backlog, labels),
            "backlog_legend": [
                (labels[s], STATUS_COLOURS[s], values[-1]) for s, values in trends.backlog.items()
            ],
            "lead_chart": bar_chart(trends.weekly_median_hours, unit="hours"),
            "opts": self.model._meta,
            # n is exact, or "about N" above 10,000 (estimated: see queue_status_counts).
            "counts": [
                (status_badge(s), str(n), f"{changelist}?status__exact={s}")
                for s, n in queue.counts.items()
            ],
            "sections": [
                (key, title, [queue_row(c, request.user) for c in claims], empty)
                for key, title, claims, empty in sections
            ],
            "is_editor": is_editor,
            "mine_url": f"{changelist}?assignee=me",
            "unassigned_url": f"{changelist}?assignee=none&status__exact=new",
        }
        return TemplateResponse(request, "admin/claims/claim/queue.html", context)


#: The htmx event (sent as ``HX-Trigger``) that makes the claim page's history re-fetch itself.
HISTORY_CHANGED = "claim-history-changed"


def _history_context(claim: Claim) -> dict[str, Any]:
    """The claim's audit trail as its history table shows it (one query: events + actors)."""
    return {
        "history_url": reverse("admin:claims_claim_events", args=[claim.pk]),
        "history_event": HISTORY_CHANGED,
        "events": [
            {
                "event": event,
                "label": event_label(event.action),
                "moved": event.from_status != event.to_status,
                "from": status_label(event.from_status) if event.from_status else "",
                "to": status_label(event.to_status) if event.to_status else "",
                "verdict": Verdict(event.verdict).label
                if event.verdict in Verdict.values
                else event.verdict,
            }
            for event in claim_events(claim=claim)
        ],
    }


def _proposal_prefill(claim: Claim, draft: dict[str, str]) -> dict[str, str]:
    """The verdict form starts from what was typed last, else from the earlier proposal."""
    if draft.get("action") == "propose_verdict":
        return {"verdict": draft.get("verdict", ""), "note": draft.get("note", "")}
    if claim_is_sent_back(claim):
        return {"verdict": claim.verdict, "note": claim.verdict_note}
    return {"verdict": "", "note": ""}


def _check_notice(panel: Any, run: Any, *, url: str, recheck: bool) -> tuple[str, str]:
    """What a reviewer is told after asking for a check: never green for nothing read.

    Read from the evidence panel the page shows next: the run is still pending there, or
    it is the panel's last finished run (inline checks finish within the request).
    """
    what = "every source of this claim" if recheck else f"the source {url}"
    outcome = panel.last if panel is not None else None
    if outcome is None or outcome.run.pk != run.pk:
        return (
            "info",
            f"Check #{run.pk} of {what} is {run.get_state_display().lower()}; "
            "evidence appears below when it finishes.",
        )
    if outcome.run.state == "failed":
        return ("error", f"Check #{run.pk} of {what} failed: {outcome.run.error}")
    if outcome.usable:
        failed = f"; {len(outcome.failed)} could not be read" if outcome.failed else ""
        pages = "1 page" if outcome.read == 1 else f"{outcome.read} pages"
        return ("success", f"Check #{run.pk} of {what} read {pages}{failed}.")
    if outcome.failed:
        reasons = "; ".join(f"{u}: {why}" for u, why in outcome.failed)
        return ("error", f"Check #{run.pk} of {what} read nothing usable. {reasons}")
    return ("warning", f"Check #{run.pk} of {what} found no source to read.")


def queue_row(claim: Claim, user: Any) -> dict[str, Any]:
    """One claim as a queue or list row shows it, in the article's words."""
    return {
        "claim": claim,
        "badge": status_badge(claim.status),
        "sentence": claim_sentence(claim),
        "age": claim_age(claim),
        "worth": checkworthiness_meter(claim),
        "sent_back": claim_is_sent_back(claim),
        "proposed_by_me": claim.proposed_by_id is not None and claim.proposed_by_id == user.pk,
    }


@admin.register(ClaimEvent)
class ClaimEventAdmin(admin.ModelAdmin[ClaimEvent]):
    list_display = ("created_at", "claim", "action_label", "moved", "actor_name", "note")
    list_select_related = ("claim", "actor")
    list_filter = ("action",)

    @admin.display(description="what", ordering="action")
    def action_label(self, obj: ClaimEvent) -> str:
        return event_label(obj.action)

    @admin.display(description="status")
    def moved(self, obj: ClaimEvent) -> str:
        if obj.from_status == obj.to_status:
            return ""
        before = status_label(obj.from_status) if obj.from_status else "—"
        return f"{before} → {status_label(obj.to_status)}"

    @admin.display(description="who", ordering="actor__username")
    def actor_name(self, obj: ClaimEvent) -> str:
        return obj.actor.get_username() if obj.actor else "Claimdesk"

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
