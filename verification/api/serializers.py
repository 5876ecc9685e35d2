"""Shapes of the verification API: evidence rows and check runs."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from claims.api.serializers import FigureField
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
