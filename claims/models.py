"""Articles, the claims extracted from them, and the append-only audit trail of each claim."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class ClaimKind(models.TextChoices):
    CASUALTY_COUNT = "casualty_count", "Casualty count"
    MONETARY_AMOUNT = "monetary_amount", "Monetary amount"
    STATISTIC = "statistic", "Statistic"
    QUOTE = "quote", "Quote"
    DATE = "date", "Date"


class Qualifier(models.TextChoices):
    EXACT = "exact", "exactly"
    AT_LEAST = "at_least", "at least"
    MORE_THAN = "more_than", "more than"
    FEWER_THAN = "fewer_than", "fewer than"
    UP_TO = "up_to", "up to"
    APPROXIMATELY = "approximately", "about"
    NEARLY = "nearly", "nearly"


class ClaimStatus(models.TextChoices):
    NEW = "new", "New"
    IN_REVIEW = "in_review", "In review"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
    PUBLISHED = "published", "Published"
    DISMISSED = "dismissed", "Dismissed"


class Verdict(models.TextChoices):
    ACCURATE = "accurate", "Accurate"
    MOSTLY_ACCURATE = "mostly_accurate", "Mostly accurate"
    MISLEADING = "misleading", "Misleading"
    OUTDATED = "outdated", "Outdated"
    INACCURATE = "inaccurate", "Inaccurate"
    UNVERIFIABLE = "unverifiable", "Unverifiable"


class Article(models.Model):
    """A news text as ingested; ``text`` is the exact string claim offsets point into."""

    title = models.CharField(max_length=500)
    url = models.URLField(max_length=2000, null=True, blank=True, unique=True)
    publisher = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    text = models.TextField()
    content_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.title


class Claim(models.Model):
    """One check-worthy statement: a figure (one per number) or a quote with its speaker.

    Optional text fields hold "" for "none" (Django's convention); the API renders null.
    ``version`` is the optimistic lock: every workflow write must carry the version it read.
    """

    # No index of its own on article or assignee: the composite indexes below start with
    # them (one index fewer to write per claim ingested).
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="claims", db_index=False
    )
    kind = models.CharField(max_length=20, choices=ClaimKind.choices)
    text = models.TextField(help_text="The sentence that contains the claim.")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    span_start = models.PositiveIntegerField(
        null=True, blank=True, help_text="Offset of the figure or quotation itself."
    )
    span_end = models.PositiveIntegerField(null=True, blank=True)
    value = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    qualifier = models.CharField(max_length=20, choices=Qualifier.choices, blank=True)
    unit = models.CharField(max_length=50, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    quote = models.TextField(blank=True)
    speaker = models.CharField(max_length=200, blank=True)
    checkworthiness = models.FloatField(default=0.5)

    status = models.CharField(max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.NEW)
    verdict = models.CharField(max_length=20, choices=Verdict.choices, blank=True)
    verdict_note = models.TextField(blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
        db_index=False,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_claims",
    )
    version = models.PositiveIntegerField(default=1)
    # Bumped (F() + 1, in the writing transaction) by every write that changes what the
    # status endpoint shows: transitions, notes, check runs, evidence. The status ETag is
    # built from it, so an unchanged poll is a primary-key lookup and a 304.
    activity = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("article_id", "start", "span_start", "id")
        # Each filter the admin and the API offer, followed by their default order
        # (-updated_at, -id): a filtered first page, and a cursor anywhere in it, is a
        # short walk down one index. On PostgreSQL, migration 0004 adds trigram GIN
        # indexes on UPPER(text), UPPER(quote) and UPPER(speaker) for search (icontains).
        indexes = [
            models.Index(fields=["article", "start"], name="claim_article_start_idx"),
            # With the id: the unfiltered list's pages and cursors are index-only scans.
            models.Index(fields=["updated_at", "id"], name="claim_updated_idx"),
            models.Index(fields=["status", "updated_at", "id"], name="claim_status_updated_idx"),
            models.Index(fields=["kind", "updated_at", "id"], name="claim_kind_updated_idx"),
            models.Index(fields=["verdict", "updated_at", "id"], name="claim_verdict_updated_idx"),
            models.Index(
                fields=["assignee", "updated_at", "id"], name="claim_assignee_updated_idx"
            ),
            # "My claims in review": the reviewer's everyday list, by recency.
            models.Index(
                fields=["assignee", "status", "updated_at", "id"],
                name="claim_assignee_status_idx",
            ),
            # The queue's "new claims, most check-worthy first": walked, never sorted.
            models.Index(
                fields=["status", "-checkworthiness", "-id"], name="claim_status_worth_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(start__lte=models.F("end")), name="claim_span_ok"),
            models.CheckConstraint(
                condition=Q(checkworthiness__gte=0) & Q(checkworthiness__lte=1),
                name="claim_checkworthiness_0_1",
            ),
            models.UniqueConstraint(
                fields=["article", "kind", "start", "span_start", "span_end"],
                name="claim_unique_per_span",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()}: {self.summary}"

    @property
    def summary(self) -> str:
        """A short human reading of the claim: the figure with its unit, or the quote."""
        if self.kind == ClaimKind.QUOTE:
            who = f" — {self.speaker}" if self.speaker else ""
            quote = self.quote if len(self.quote) <= 80 else self.quote[:77] + "..."
            return f"“{quote}”{who}"
        parts: list[str] = []
        if self.qualifier and self.qualifier != Qualifier.EXACT:
            parts.append(Qualifier(self.qualifier).label)
        if self.currency:
            parts.append(self.currency)
        if self.value is not None:
            value = self.value.normalize()
            parts.append(f"{value:,f}" if value == value.to_integral() else f"{value:,}")
        if self.unit:
            parts.append(self.unit)
        return " ".join(parts)


class ClaimEvent(models.Model):
    """Append-only audit row: every transition, assignment, verdict and note on a claim."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    verdict = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")
        indexes = [
            models.Index(fields=["claim", "created_at"], name="claimevent_claim_idx"),
            # The queue's backlog chart reads the last 30 days of every claim's events.
            models.Index(fields=["created_at"], name="claimevent_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.action} on claim {self.claim_id}"


class ImportState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class ArticleImport(models.Model):
    """A request to ingest an article from its URL alone, fetched in the background.

    The row is the durable record of the request and its outcome, so an API client can
    poll it and a lost task message leaves a visible ``queued`` row rather than nothing.
    """

    url = models.URLField(max_length=2000)
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(
        max_length=20, choices=ImportState.choices, default=ImportState.QUEUED, db_index=True
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="imports"
    )
    fetch_status = models.CharField(max_length=20, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(
        null=True, blank=True, help_text="When a worker last took it (the sweep's clock)."
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"import {self.pk} of {self.url}: {self.state}"


class ArticleEdit(models.Model):
    """Append-only audit row for a change to an article's metadata (its text never changes).

    ``changes`` maps each changed field to ``[old, new]`` as text, so the row reads the same
    whatever later happens to the article.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="edits")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changes = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")
        indexes = [models.Index(fields=["article", "created_at"], name="articleedit_article_idx")]

    def __str__(self) -> str:
        return f"edit of article {self.article_id}: {', '.join(self.changes)}"
