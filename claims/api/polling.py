"""The fast path of ``GET claims/{id}/status/``: the endpoint clients poll.

A DRF view spends more time on its per-request machinery (request wrapping, content
negotiation, authenticator and throttle objects, response rendering through templates'
``SimpleTemplateResponse``) than this endpoint spends on its one SQL statement. This
plain Django function answers the common case itself, with the same rules:

- authentication: ``Authorization: Token <key>`` through the same cached lookup as
  ``CachedTokenAuthentication``, otherwise the session user (a GET needs no CSRF token);
- throttling: the view's throttle classes, counted once;
- visibility: ``selectors.status_visible`` (desk members see all, the public published),
  checked on every request against the claim's status carried by the answer;
- conditional GET: ``ETag`` (a digest of the body bytes) and ``Last-Modified``, 304 when
  the client's copy is current.

The answer itself comes from ``claims.status_cache``: from Redis when ``REDIS_URL`` is set
and nothing has been written to the claim since it was cached, else from the database.

Everything else goes to the DRF view, which owns the error contract: another method,
an ``Accept`` that is not JSON, a malformed or unknown token, a throttled caller (the
fast path's verdict is handed over, so nothing is counted twice) and a claim the caller
may not see (404).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response
from rest_framework import exceptions

from claims.api import selectors
from claims.api.authentication import CachedTokenAuthentication
from claims.status_cache import StatusEntry, status_entry

#: Set on the Django request when the fast path has applied the throttles: the list of
#: waits of the throttles that refused (empty when all allowed).
THROTTLE_VERDICT_ATTR = "_claimdesk_throttle_waits"

_JSON_TYPES = ("application/json", "application/*", "*/*")
_TOKEN = CachedTokenAuthentication()


def _accepts_json(request: HttpRequest) -> bool:
    accept = request.META.get("HTTP_ACCEPT", "")
    return not accept or any(kind in accept for kind in _JSON_TYPES)


def _authenticate(request: HttpRequest) -> Any | None:
    """The caller, or None when only the DRF view can answer (it will refuse)."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header:
        parts = header.split()
        if parts and parts[0].lower() == _TOKEN.keyword.lower():
            if len(parts) != 2:
                return None
            try:
                user, token = _TOKEN.authenticate_credentials(parts[1])
            except exceptions.AuthenticationFailed:
                return None
            request.user = user
            request.auth = token  # type: ignore[attr-defined]
            return user
    # No token: the session's user, as SessionAuthentication (safe methods skip CSRF).
    user = getattr(request, "user", None)
    if user is None or not user.is_active:
        user = AnonymousUser()
        request.user = user
    return user


def _throttle_waits(request: HttpRequest, throttle_classes: Any) -> list[float | None]:
    waits: list[float | None] = []
    for throttle_class in throttle_classes:
        throttle = throttle_class()
        if not throttle.allow_request(request, None):
            waits.append(throttle.wait())
    return waits


def status_response(request: HttpRequest, entry: StatusEntry) -> HttpResponseBase:
    """200 with the status body and its validators, or 304 when the client's copy is current."""
    response = HttpResponse(entry.body, content_type="application/json")
    response["ETag"] = entry.etag
    response["Last-Modified"] = entry.last_modified_header
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Authorization, Cookie"
    response["Allow"] = "GET, HEAD, OPTIONS"
    if "HTTP_IF_NONE_MATCH" not in request.META and "HTTP_IF_MODIFIED_SINCE" not in request.META:
        return response  # nothing to compare: skip the validator parsing on the hot path
    not_modified = get_conditional_response(
        request, etag=entry.etag, last_modified=entry.last_modified, response=response
    )
    return not_modified if not_modified is not None else response


def visible_status(*, claim_id: int, user: Any) -> StatusEntry | None:
    """The claim's status answer if ``user`` may see the claim, else None."""
    entry = status_entry(claim_id=claim_id)
    if entry is None or not selectors.status_visible(entry.status, user):
        return None
    return entry


def poll_answer(request: HttpRequest, pk: int) -> HttpResponseBase | None:
    """The fast answer to a status poll, or None when the DRF view must answer.

    Throttles are counted once per request: the verdict is kept on the request, so a poll
    handed on (from the middleware to the view, or to the DRF view) is not counted again.
    """
    if request.method != "GET" or not _accepts_json(request):
        return None
    user = _authenticate(request)
    if user is None:
        return None
    waits = getattr(request, THROTTLE_VERDICT_ATTR, None)
    if waits is None:
        waits = _throttle_waits(request, _status_throttles())
        setattr(request, THROTTLE_VERDICT_ATTR, waits)
    if waits:
        return None
    entry = visible_status(claim_id=pk, user=user)
    if entry is None:
        return None
    return status_response(request, entry)


def _status_throttles() -> Any:
    from claims.api.views import ClaimStatusView

    return ClaimStatusView.throttle_classes


def fast_status_view(drf_view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Wrap the DRF status view: answer visible claims here, hand everything else over.

    The wrapper keeps the DRF view's attributes (``cls``, ``initkwargs``, ``csrf_exempt``),
    so URL introspection and the OpenAPI schema see the DRF view.
    """

    @functools.wraps(drf_view)
    def view(request: HttpRequest, pk: int) -> HttpResponseBase:
        response = poll_answer(request, pk)
        return response if response is not None else drf_view(request, pk=pk)

    return view


_STATUS_PATH = re.compile(r"/api/v1/claims/([0-9]{1,18})/status/")


class StatusPollingMiddleware:
    """Answer token-authenticated status polls before URL resolution and later middleware.

    Polling is the API's hot path; resolving the URL and running the session, CSRF,
    authentication and message middleware cost more than the answer itself. This sits
    after ``SecurityMiddleware`` (so its headers still apply) and answers only what
    ``poll_answer`` can: a GET with an ``Authorization`` header for a claim the caller may
    see. It validates the host as ``CommonMiddleware`` would and adds the
    ``X-Frame-Options`` header the later middleware would have added. Everything else,
    errors included, goes down the normal stack to the DRF view.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method == "GET" and "HTTP_AUTHORIZATION" in request.META:
            match = _STATUS_PATH.fullmatch(request.path_info)
            if match is not None:
                request.get_host()  # DisallowedHost -> 400, as on every other path
                response = poll_answer(request, int(match.group(1)))
                if response is not None:
                    response.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
                    return response
        return self.get_response(request)
