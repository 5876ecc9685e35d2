"""Sources fetched, evidence found per claim and source, and the check runs that did it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class FetchStatus(models.TextChoices):
    PENDING = "pending", "Not fetched yet"
    OK = "ok", "OK"
    BLOCKED = "blocked", "Blocked (address rules)"
    UNREACHABLE = "unreachable", "Unreachable"
    HTTP_ERROR = "http_error", "HTTP error"
    TOO_LARGE = "too_large", "Too large"
    UNSUPPORTED_TYPE = "unsupported_type", "Unsupported type"


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    CONTRADICTS = "contradicts", "Contradicts"
    MENTIONS = "mentions", "Mentions"
    NOT_FOUND = "not_found", "Not found"


#: The stance of evidence from a page that could not be read (blocked, unreachable, an
#: HTTP error ...): none. "The source does not say it" is ``not_found``; "we could not
#: read the source" has no stance, and every reader counts it as failed.
NO_STANCE = ""


class CheckState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class Source(models.Model):
    """One URL as last fetched; ``text`` is its main text, the haystack for matching."""

    url = models.URLField(max_length=2000, unique=True)
    final_url = models.URLField(max_length=2000, blank=True)
    fetch_status = models.CharField(
        max_length=20, choices=FetchStatus.choices, default=FetchStatus.PENDING, db_index=True
    )
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)
    content_sha256 = models.CharField(max_length=64, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When the page says it was published, if it says."
    )
    archive_url = models.URLField(max_length=2000, blank=True)
    provider = models.CharField(max_length=40, blank=True, help_text="Who suggested the URL.")
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.url


class EvidenceQuerySet(models.QuerySet["Evidence"]):
    def read(self) -> EvidenceQuerySet:
        """Evidence from pages that were read: it has a stance."""
        return self.exclude(stance=NO_STANCE)

    def failed(self) -> EvidenceQuerySet:
        """Evidence from pages that could not be read when the claim was checked."""
        return self.filter(stance=NO_STANCE)


class Evidence(models.Model):
    """What one source says about one claim: stance, the passage, and the figure found.

    A page that could not be read is recorded too (so the desk sees every URL tried and
    why it failed), with no stance: see ``NO_STANCE`` and ``page_read``. The record is
    of this check: a page fetched later for another claim does not turn it into an
    answer until this claim is checked again.
    """

    #: What a check writes on the (claim, source) row; a re-check overwrites exactly these.
    RESULT_FIELDS = (
        "stance",
        "passage",
        "passage_start",
        "passage_end",
        "found_value",
        "score",
        "explanation",
        "updated",
        "checked_at",
    )

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="evidence")
    stance = models.CharField(
        max_length=20,
        choices=Stance.choices,
        blank=True,
        db_index=True,
        help_text="Empty when the page could not be read.",
    )
    passage = models.TextField(blank=True)
    passage_start = models.PositiveIntegerField(null=True, blank=True)
    passage_end = models.PositiveIntegerField(null=True, blank=True)
    found_value = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    score = models.FloatField(default=0.0)
    explanation = models.TextField(blank=True)
    updated = models.BooleanField(
        default=False,
        help_text="The source gives a later figure past the claim's: it may be outdated.",
    )
    checked_at = models.DateTimeField()

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ("claim_id", "-score", "id")
        constraints = [
            models.UniqueConstraint(fields=["claim", "source"], name="evidence_claim_source_unique")
        ]

    def __str__(self) -> str:
        return f"{self.stance_label} for claim {self.claim_id} from {self.source_id}"

    @property
    def page_read(self) -> bool:
        """False when the page could not be read: the evidence has no stance."""
        return self.stance != NO_STANCE

    @property
    def stance_label(self) -> str:
        """The stance for people: "Supports" ... or "Not read" for a page that failed."""
        return self.get_stance_display() if self.page_read else "Not read"


class CheckRun(models.Model):
    """One requested check of a claim; the row is the durable record a lost message can't erase."""

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="checks")
    state = models.CharField(
        max_length=20, choices=CheckState.choices, default=CheckState.QUEUED, db_index=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    providers = models.JSONField(default=list, blank=True)
    urls = models.JSONField(default=list, blank=True, help_text="Reviewer-supplied URLs.")
    task_id = models.CharField(max_length=64, blank=True)
    sources = models.JSONField(
        default=list,
        blank=True,
        help_text="Sources gathered by the fetch stage: source id, provider and any rating.",
    )
    worker = models.CharField(
        max_length=200, blank=True, help_text="host/pid of the process that last started it."
    )
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    deadline_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=(
            "While a stage runs: when it must have finished (task time limit plus a margin). "
            "Past it the worker is presumed dead and the sweep queues the run again."
        ),
    )

    class Meta:
        ordering = ("-created_at", "-id")
        # Editors hold it (claims/roles.py); the admin's "Re-enqueue" action requires it.
        permissions = [("requeue_checkrun", "Can re-enqueue failed or stuck check runs")]
        indexes = [
            models.Index(fields=["claim", "state"], name="checkrun_claim_state_idx"),
            models.Index(fields=["state", "enqueued_at"], name="checkrun_state_enqueued_idx"),
        ]

    def __str__(self) -> str:
        return f"check {self.pk} of claim {self.claim_id}: {self.state}"
