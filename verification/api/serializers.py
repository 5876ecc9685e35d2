"""Shapes of the verification API: evidence rows and check runs."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from claims.api.serializers import FetchableURLField, FigureField
from claims.models import ClaimStatus, Verdict
from verification.models import CheckRun, CheckState, Evidence, FetchStatus, Stance


class EvidenceSerializer(serializers.ModelSerializer[Evidence]):
    url = serializers.CharField(source="source.url", read_only=True)
    final_url = serializers.CharField(source="source.final_url", read_only=True, allow_null=True)
    title = serializers.CharField(source="source.title", read_only=True, allow_null=True)
    fetch_status = serializers.ChoiceField(
        source="source.fetch_status", choices=FetchStatus.choices, read_only=True
    )
    archive_url = serializers.CharField(
        source="source.archive_url", read_only=True, allow_null=True
    )
    stance = serializers.ChoiceField(
        choices=Stance.choices,
        read_only=True,
        allow_null=True,
        help_text="null when the page could not be read (see fetch_status and explanation).",
    )
    passage = serializers.CharField(read_only=True, allow_null=True)
    explanation = serializers.CharField(read_only=True, allow_null=True)
    found_value = FigureField(read_only=True, allow_null=True)

    class Meta:
        model = Evidence
        fields = (
            "id",
            "url",
            "final_url",
            "title",
            "fetch_status",
            "stance",
            "passage",
            "found_value",
            "updated",
            "score",
            "explanation",
            "archive_url",
            "checked_at",
        )
        read_only_fields = fields

    def to_representation(self, instance: Evidence) -> dict[str, Any]:
        data = super().to_representation(instance)
        for name in ("final_url", "title", "archive_url", "passage", "explanation", "stance"):
            if data.get(name) == "":
                data[name] = None
        return data


class CheckRunSerializer(serializers.ModelSerializer[CheckRun]):
    state = serializers.ChoiceField(choices=CheckState.choices, read_only=True)
    error = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = CheckRun
        fields = (
            "id",
            "claim",
            "state",
            "attempts",
            "error",
            "providers",
            "urls",
            "created_at",
            "started_at",
            "finished_at",
        )
        read_only_fields = fields

    def to_representation(self, instance: CheckRun) -> dict[str, Any]:
        data = super().to_representation(instance)
        if data.get("error") == "":
            data["error"] = None
        return data


class EvidenceCountsSerializer(serializers.Serializer[dict[str, int]]):
    supports = serializers.IntegerField()
    contradicts = serializers.IntegerField()
    mentions = serializers.IntegerField()
    not_found = serializers.IntegerField()
    failed = serializers.IntegerField(
        help_text="Evidence rows whose source could not be fetched (not counted above)."
    )


class CheckCountsSerializer(serializers.Serializer[dict[str, Any]]):
    pending = serializers.IntegerField(help_text="Check runs queued or running.")
    failed = serializers.IntegerField(help_text="Check runs that ended in failure.")
    last_finished_at = serializers.DateTimeField(allow_null=True)


_TIMESTAMP = serializers.DateTimeField()


class ClaimStatusSerializer(serializers.Serializer[dict[str, Any]]):
    """The polling view of a claim, rendered from ``claim_status_row``.

    ``render`` produces the same output as ``.data`` without building the nested field
    tree on every poll; the fields below are the schema (and a test compares both).
    """

    @staticmethod
    def render(row: dict[str, Any]) -> dict[str, Any]:
        def stamp(value: Any) -> str | None:
            return None if value is None else _TIMESTAMP.to_representation(value)

        return {
            "id": row["id"],
            "status": row["status"],
            "verdict": row["verdict"],
            "version": row["version"],
            "assignee": row["assignee"],
            "updated_at": stamp(row["updated_at"]),
            "evidence": dict(row["evidence"]),
            "checks": {
                "pending": row["checks"]["pending"],
                "failed": row["checks"]["failed"],
                "last_finished_at": stamp(row["checks"]["last_finished_at"]),
            },
            "matches": row["matches"],
        }

    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ClaimStatus.choices)
    verdict = serializers.ChoiceField(choices=Verdict.choices, allow_null=True)
    version = serializers.IntegerField()
    assignee = serializers.IntegerField(allow_null=True)
    updated_at = serializers.DateTimeField()
    evidence = EvidenceCountsSerializer()
    checks = CheckCountsSerializer()
    matches = serializers.IntegerField(
        help_text="Earlier claims this claim repeats (matches a reviewer has not rejected); "
        "callers off the desk count only matches to published claims."
    )


class CheckQueuedSerializer(serializers.Serializer[dict[str, Any]]):
    check = serializers.IntegerField(help_text="Id of the check run; poll /api/v1/checks/{id}/.")
    state = serializers.CharField()
    status_url = serializers.CharField()


class SourceRequestSerializer(serializers.Serializer[dict[str, str]]):
    url = FetchableURLField()


class CheckRequestSerializer(serializers.Serializer[dict[str, Any]]):
    """No input: the configured providers are run."""
