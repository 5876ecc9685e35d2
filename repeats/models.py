"""Claim matches and the lookup rows that find candidates without scanning all claims."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from claims.models import Article, Claim


class MatchReason(models.TextChoices):
    SAME_QUOTE = "same_quote", "Same quote"
    SAME_FIGURE = "same_figure", "Same figure"
    UPDATED_FIGURE = "updated_figure", "Updated figure"


class MatchState(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


class ClaimMatch(models.Model):
    """``claim`` (the newer) repeats or updates ``matched_claim`` (an earlier claim of
    another article). Written ``suggested`` by matching; a reviewer confirms or rejects."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matches")
    matched_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="repeated_by")
    score = models.FloatField()
    reason = models.CharField(max_length=20, choices=MatchReason.choices)
    explanation = models.TextField(blank=True)
    state = models.CharField(
        max_length=20, choices=MatchState.choices, default=MatchState.SUGGESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-score", "id")
        verbose_name_plural = "claim matches"
        constraints = [
            models.UniqueConstraint(fields=["claim", "matched_claim"], name="claimmatch_pair"),
            models.CheckConstraint(
                condition=~Q(claim=F("matched_claim")), name="claimmatch_not_self"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="claimmatch_score_0_1"
            ),
        ]
        indexes = [
            models.Index(fields=["matched_claim", "state"], name="claimmatch_matched_idx"),
        ]

    def __str__(self) -> str:
        return (
            f"Claim #{self.claim_id} repeats claim #{self.matched_claim_id} "
            f"({self.get_reason_display().lower()})"
        )


class ClaimFingerprint(models.Model):
    """What candidate lookups search: one row per matched claim, with the keys indexed.

    Kept beside the claim rather than on it so the claims table and its migrations stay
    the claims app's own. ``family`` is the figure's like-with-like key ("casualty_count:
    killed", "monetary_amount:cur:USD"), ``quote_norm`` the normalised quote (GIN trigram
    index on PostgreSQL), ``published_on`` the article's date (or its ingest date).
    """

    claim = models.OneToOneField(
        Claim, on_delete=models.CASCADE, primary_key=True, related_name="fingerprint"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    family = models.CharField(max_length=80, blank=True)
    value = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    published_on = models.DateField()
    quote_norm = models.TextField(blank=True)
    speaker_key = models.CharField(max_length=100, blank=True)
    context = models.TextField(
        blank=True, help_text="The article title and the text around the claim."
    )

    class Meta:
        indexes = [
            models.Index(fields=["family", "published_on", "value"], name="fingerprint_figure_idx"),
            models.Index(fields=["kind", "published_on"], name="fingerprint_kind_date_idx"),
            models.Index(
                fields=["kind", "speaker_key", "published_on"], name="fingerprint_speaker_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"fingerprint of claim {self.claim_id}"
