"""OpenAPI pieces shared by the API views: the error responses each endpoint can give."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularRedocView
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer[dict[str, Any]]):
    """Every error under /api/: a readable detail, a stable code, field errors for 400."""

    detail = serializers.CharField()
    code = serializers.CharField()
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Field name -> messages (400 only).",
    )


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(response=ErrorSerializer, description=description)


ERRORS: dict[int, OpenApiResponse] = {
    400: _error("Invalid input; `errors` maps each field to its messages."),
    401: _error("Not authenticated (send `Authorization: Token <token>`)."),
    403: _error("Authenticated, but the role does not allow this."),
    404: _error("No such resource, or not visible to the caller."),
    409: _error("Stale version, or the action is not allowed in this status."),
    413: _error("The request body or the article text is too large."),
    429: _error("Too many requests; retry after the `Retry-After` header's seconds."),
}

NOT_MODIFIED = OpenApiResponse(description="Not modified since the ETag / date the client sent.")


def errors(*codes: int) -> dict[int, Any]:
    """The standard error responses ``codes`` plus 429, which every endpoint can give."""
    return {code: ERRORS[code] for code in (*codes, 429)}


class OfflineRedocView(SpectacularRedocView):
    """ReDoc from our own static files, with no outside request at all.

    The stock template links Google's web fonts, and ReDoc's sidebar shows a logo from
    its CDN; the template drops the fonts and the content security policy keeps every
    request on this site (the logo is simply not drawn).
    """

    template_name = "claims/redoc.html"

    @extend_schema(exclude=True)
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        response["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; worker-src 'self' blob:; "
            "font-src 'self' data:"
        )
        return response
