"""Shapes of the claims API: validate input and render output, nothing else.

Optional text fields are stored as "" (Django's convention for "none"); the API renders
them as null, so a client never has to guess whether "" means "unknown" or "empty".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.access import public_fields
from claims.extraction import CLAIM_JSON_FIELDS
from claims.models import (
    Article,
    ArticleImport,
    Claim,
    ClaimKind,
    ClaimStatus,
    ImportState,
    Qualifier,
    Verdict,
)
from claims.workflow import ACTIONS
from desk.roles import is_desk_member

#: Claim fields stored as "" for "none" and rendered as null.
BLANK_AS_NULL = ("qualifier", "unit", "currency", "quote", "speaker", "verdict", "verdict_note")


@extend_schema_field(OpenApiTypes.NUMBER)
class FigureField(serializers.DecimalField):
    """A stored Decimal rendered as a JSON number: 141, not "141.000000"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 30)
        kwargs.setdefault("decimal_places", 6)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> int | float | None:  # type: ignore[override]
        if value is None:
            return None
        value = Decimal(value)
        if value == value.to_integral_value():
            return int(value)
        return float(value)


def validate_fetchable_url(value: str) -> None:
    """Only absolute http(s) URLs with a host; the fetcher applies the address rules later."""
    value = (value or "").strip()
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise serializers.ValidationError("Enter a valid URL.", code="invalid") from None
    if parts.scheme.lower() not in {"http", "https"}:
        raise serializers.ValidationError(
            "Only http and https URLs can be fetched.", code="invalid_scheme"
        )
    if not parts.hostname:
        raise serializers.ValidationError("The URL has no host.", code="invalid_host")
    if any(ch.isspace() for ch in value):
        raise serializers.ValidationError("The URL contains whitespace.", code="invalid")


class FetchableURLField(serializers.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 2000)
        super().__init__(**kwargs)
        self.validators.append(validate_fetchable_url)


class ClaimSerializer(serializers.ModelSerializer[Claim]):
    kind = serializers.ChoiceField(choices=ClaimKind.choices, read_only=True)
    value = FigureField(read_only=True, allow_null=True)
    qualifier = serializers.ChoiceField(choices=Qualifier.choices, read_only=True, allow_null=True)
    unit = serializers.CharField(read_only=True, allow_null=True)
    currency = serializers.CharField(read_only=True, allow_null=True)
    quote = serializers.CharField(read_only=True, allow_null=True)
    speaker = serializers.CharField(read_only=True, allow_null=True)
    status = serializers.ChoiceField(choices=ClaimStatus.choices, read_only=True)
    verdict = serializers.ChoiceField(choices=Verdict.choices, read_only=True, allow_null=True)
    verdict_note = serializers.CharField(read_only=True, allow_null=True)
    assignee_username = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = (
            "id",
            "article",
            *CLAIM_JSON_FIELDS,
            "status",
            "verdict",
            "verdict_note",
            "assignee",
            "assignee_username",
            "version",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields

    def get_assignee_username(self, claim: Claim) -> str | None:
        return claim.assignee.get_username() if claim.assignee_id and claim.assignee else None

    def to_representation(self, instance: Claim) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        desk = request is not None and is_desk_member(request.user)
        if not desk and instance.status == ClaimStatus.PUBLISHED:
            # Who on the desk worked a published claim is the desk's business, not the
            # public's; without a request to say otherwise, the caller is the public.
            data["assignee"] = None
            data["assignee_username"] = None
        for name in BLANK_AS_NULL:
            if data.get(name) == "":
                data[name] = None
        # Without a request in the context the caller is treated as the public.
        request = self.context.get("request")
        return public_fields(data, getattr(request, "user", None))


class StatusCountsSerializer(serializers.Serializer[dict[str, int]]):
    new = serializers.IntegerField()
    in_review = serializers.IntegerField()
    awaiting_approval = serializers.IntegerField()
    published = serializers.IntegerField()
    dismissed = serializers.IntegerField()


class ArticleSerializer(serializers.ModelSerializer[Article]):
    """An article with the number of claims in each status (as visible to the caller)."""

    url = serializers.URLField(read_only=True, allow_null=True)
    publisher = serializers.CharField(read_only=True, allow_null=True)
    author = serializers.CharField(read_only=True, allow_null=True)
    claims_count = serializers.IntegerField(read_only=True)
    claims_by_status = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields: tuple[str, ...] = (
            "id",
            "title",
            "url",
            "publisher",
            "author",
            "published_at",
            "created_at",
            "claims_count",
            "claims_by_status",
        )
        read_only_fields: tuple[str, ...] = fields

    @extend_schema_field(StatusCountsSerializer)
    def get_claims_by_status(self, article: Article) -> dict[str, int]:
        """From the ``n_<status>`` annotations of ``article_list``; absent ones are 0."""
        return {status: getattr(article, f"n_{status}", 0) for status in ClaimStatus.values}

    def to_representation(self, instance: Article) -> dict[str, Any]:
        data = super().to_representation(instance)
        for name in ("publisher", "author"):
            if data.get(name) == "":
                data[name] = None
        return data


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = (*ArticleSerializer.Meta.fields, "text")
        read_only_fields = fields


class ArticleCreateSerializer(serializers.Serializer[dict[str, Any]]):
    """Either a full text (stored now) or a URL alone (fetched in the background)."""

    title = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    text = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, default=""
    )
    url = FetchableURLField(required=False, allow_null=True, default=None)
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    author = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    published_at = serializers.DateTimeField(required=False, allow_null=True, default=None)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("text", "").strip() and not attrs.get("url"):
            raise serializers.ValidationError(
                {"text": "Send the article text, or a url alone to fetch it."}, code="required"
            )
        return attrs


class ArticleImportSerializer(serializers.ModelSerializer[ArticleImport]):
    state = serializers.ChoiceField(choices=ImportState.choices, read_only=True)
    fetch_status = serializers.CharField(read_only=True, allow_null=True)
    error = serializers.CharField(read_only=True, allow_null=True)
    status_url = serializers.SerializerMethodField()

    class Meta:
        model = ArticleImport
        fields = (
            "id",
            "url",
            "state",
            "article",
            "fetch_status",
            "error",
            "attempts",
            "created_at",
            "finished_at",
            "status_url",
        )
        read_only_fields = fields

    def get_status_url(self, row: ArticleImport) -> str:
        return f"/api/v1/imports/{row.pk}/"

    def to_representation(self, instance: ArticleImport) -> dict[str, Any]:
        data = super().to_representation(instance)
        for name in ("fetch_status", "error"):
            if data.get(name) == "":
                data[name] = None
        return data


class TransitionSerializer(serializers.Serializer[dict[str, Any]]):
    """Input of one workflow action; the workflow itself decides what is allowed."""

    action = serializers.ChoiceField(choices=sorted(ACTIONS))
    version = serializers.IntegerField(min_value=1)
    verdict = serializers.ChoiceField(
        choices=Verdict.choices, required=False, allow_null=True, allow_blank=True
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text="User id; only for the assign action.",
    )


class TokenRequestSerializer(serializers.Serializer[dict[str, str]]):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class TokenSerializer(serializers.Serializer[dict[str, str]]):
    token = serializers.CharField()
