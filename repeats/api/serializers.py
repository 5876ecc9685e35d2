"""Shapes of the matches API (DESIGN §7, §11)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from claims.models import ClaimStatus, Verdict
from repeats.models import ClaimMatch, MatchReason, MatchState


class ClaimMatchSerializer(serializers.ModelSerializer[ClaimMatch]):
    """One earlier claim this claim repeats: the contract's fields plus the match id and
    readable extras. ``claim`` is the *matched* (earlier) claim, as in DESIGN §7."""

    claim = serializers.IntegerField(source="matched_claim_id", read_only=True)
    article = serializers.IntegerField(source="matched_claim.article_id", read_only=True)
    article_title = serializers.CharField(source="matched_claim.article.title", read_only=True)
    text = serializers.CharField(source="matched_claim.text", read_only=True)
    reason = serializers.ChoiceField(choices=MatchReason.choices, read_only=True)
    state = serializers.ChoiceField(choices=MatchState.choices, read_only=True)
    status = serializers.ChoiceField(
        source="matched_claim.status", choices=ClaimStatus.choices, read_only=True
    )
    verdict = serializers.SerializerMethodField()
    decided_by = serializers.SerializerMethodField()

    class Meta:
        model = ClaimMatch
        fields = (
            "id",
            "claim",
            "article",
            "article_title",
            "text",
            "score",
            "reason",
            "explanation",
            "state",
            "status",
            "verdict",
            "decided_by",
            "decided_at",
        )
        read_only_fields = fields

    def get_verdict(self, match: ClaimMatch) -> str | None:
        """Published verdicts only: a verdict still awaiting approval is not shown."""
        matched = match.matched_claim
        return matched.verdict or None if matched.status == ClaimStatus.PUBLISHED else None

    def get_decided_by(self, match: ClaimMatch) -> str | None:
        return match.decided_by.get_username() if match.decided_by_id and match.decided_by else None

    def to_representation(self, instance: ClaimMatch) -> dict[str, Any]:
        data = super().to_representation(instance)
        if data.get("verdict") not in Verdict.values:
            data["verdict"] = None
        return data


class MatchDecisionSerializer(serializers.Serializer[dict[str, str]]):
    state = serializers.ChoiceField(choices=[MatchState.CONFIRMED, MatchState.REJECTED])
