"""One error shape for everything under /api/: ``{"detail": ..., "code": ...}``.

DRF's handler gives the status codes; this module reshapes the body, maps the domain's
exceptions (Django ``ValidationError``, workflow refusals) to their HTTP meaning, and
provides Django's 400/403/404/500 handlers so a URL that no API view matched, or a crash,
still answers JSON under /api/ while the admin keeps its HTML pages.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from desk.refusals import Refusal

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"

#: The HTTP meaning of each refusal code; any other refusal is a 400.
REFUSAL_STATUS = {
    "stale_version": status.HTTP_409_CONFLICT,
    "action_not_allowed": status.HTTP_409_CONFLICT,
    "forbidden": status.HTTP_403_FORBIDDEN,
}


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "too_large"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


def _django_validation_error(exc: DjangoValidationError) -> exceptions.APIException:
    """A 400 with field errors, or a 413 when an error carries the code ``too_large``
    (the service's size limit): the code decides, not a second size check in the view."""
    detail: dict[str, list[str]]
    if hasattr(exc, "error_dict"):
        errors = [e for field_errors in exc.error_dict.values() for e in field_errors]
        detail = {field: [str(m) for m in msgs] for field, msgs in exc.message_dict.items()}
    else:
        errors = list(exc.error_list)
        detail = {"non_field_errors": [str(m) for m in exc.messages]}
    too_large = [e for e in errors if e.code == "too_large"]
    if too_large:
        return PayloadTooLarge("; ".join(m for e in too_large for m in e.messages))
    return exceptions.ValidationError(detail)


def _refusal(exc: Refusal) -> exceptions.APIException:
    code = exc.code
    http_status = REFUSAL_STATUS.get(code, status.HTTP_400_BAD_REQUEST)
    error = exceptions.APIException(exc.message, code=code)
    error.status_code = http_status
    return error


def _first_code(codes: Any) -> str:
    while isinstance(codes, (list, dict)):
        if not codes:
            return "invalid"
        codes = next(iter(codes.values())) if isinstance(codes, dict) else codes[0]
    return str(codes)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler with the domain's exceptions mapped and the body made uniform."""
    if isinstance(exc, RequestDataTooBig):  # a body without Content-Length, cut off reading
        exc = PayloadTooLarge()
    elif isinstance(exc, DjangoValidationError):
        exc = _django_validation_error(exc)
    elif isinstance(exc, Refusal):
        exc = _refusal(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {
            "detail": "Invalid input.",
            "code": _first_code(exc.get_codes()) if not isinstance(exc.detail, dict) else "invalid",
            "errors": _field_errors(exc.detail),
        }
        return response
    if isinstance(exc, exceptions.APIException):
        response.data = {"detail": str(exc.detail), "code": _first_code(exc.get_codes())}
    elif isinstance(exc, Http404):
        response.data = {"detail": "Not found.", "code": "not_found"}
    elif isinstance(exc, DjangoPermissionDenied):
        response.data = {"detail": "You do not have permission to do this.", "code": "forbidden"}
    return response


def _field_errors(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            str(field): [str(m) for m in (msgs if isinstance(msgs, list) else [msgs])]
            for field, msgs in detail.items()
        }
    if isinstance(detail, list):
        return {"non_field_errors": [str(m) for m in detail]}
    return {"non_field_errors": [str(detail)]}


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": "Bad request.", "code": "bad_request"}, status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return JsonResponse(
            {"detail": "You do not have permission to do this.", "code": "forbidden"}, status=403
        )
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": "Not found.", "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return JsonResponse(
            {"detail": "Internal server error; it has been logged.", "code": "server_error"},
            status=500,
        )
    return defaults.server_error(request)
