"""Request bodies over ``API_MAX_REQUEST_BYTES`` are refused before a byte is read.

The decision is made on ``Content-Length`` in a middleware, ahead of CSRF, sessions,
authentication and parsing, so a 30 MB body costs the server nothing and answers
``413 {"code": "too_large"}`` on every API endpoint (transitions, sources, the token
endpoint ...). A body sent without a length (chunked) is cut off by Django's
``DATA_UPLOAD_MAX_MEMORY_SIZE`` while reading; that error is mapped to the same 413.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from desk.api.errors import API_PREFIX


def too_large_response() -> JsonResponse:
    return JsonResponse(
        {
            "detail": (
                f"The request body is too large: the limit is "
                f"{settings.API_MAX_REQUEST_BYTES:,} bytes."
            ),
            "code": "too_large",
        },
        status=413,
    )


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            declared = request.META.get("CONTENT_LENGTH") or ""
            if declared and not declared.strip().isdigit():
                return JsonResponse(
                    {"detail": "Content-Length is not a number.", "code": "bad_request"},
                    status=400,
                )
            if declared and int(declared) > settings.API_MAX_REQUEST_BYTES:
                return too_large_response()
        return self.get_response(request)
