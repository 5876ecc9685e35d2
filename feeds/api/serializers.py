"""Shapes of the feeds API (DESIGN §7)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from claims.api.serializers import FetchableURLField
from feeds.models import Feed


class FeedSerializer(serializers.ModelSerializer[Feed]):
    url = FetchableURLField()
    title = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    active = serializers.BooleanField(required=False, default=True)
    poll_interval = serializers.IntegerField(required=False, default=900, min_value=60)
    last_error = serializers.CharField(read_only=True, allow_null=True)
    articles_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Feed
        fields = (
            "id",
            "url",
            "title",
            "active",
            "poll_interval",
            "last_polled_at",
            "last_error",
            "articles_count",
        )
        read_only_fields = ("id", "last_polled_at", "last_error", "articles_count")
        # Uniqueness is the service's to check (it reports a clear error).
        extra_kwargs: dict[str, Any] = {"url": {"validators": []}}

    def to_representation(self, instance: Feed) -> dict[str, Any]:
        data = super().to_representation(instance)
        if data.get("last_error") == "":
            data["last_error"] = None
        return data
