"""A limit on failed admin sign-ins, per client address and per username.

Without it a script can try passwords on /admin/login/ as fast as the server answers.
Failures are counted in the same shared cache as the API's rate limits (Redis whenever
``REDIS_URL`` is set, so every web process counts together), with the client address
taken the same way (``NUM_PROXIES``). After ``ADMIN_LOGIN_MAX_FAILURES`` failures within
``ADMIN_LOGIN_LOCKOUT_SECONDS`` from one address, or for one username, further attempts
are refused with a clear message (HTTP 429) until the window ends, without checking the
password at all. A successful sign-in is not counted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import caches
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from desk.api.throttling import THROTTLE_CACHE, client_address

logger = logging.getLogger(__name__)


def _keys(request: HttpRequest) -> list[str]:
    username = str(request.POST.get("username", "")).strip().lower()[:150]
    keys = [f"admin-login:addr:{client_address(request)}"]
    if username:
        keys.append(f"admin-login:user:{username}")
    return keys


def _refused(request: HttpRequest) -> HttpResponse:
    minutes = max(1, round(settings.ADMIN_LOGIN_LOCKOUT_SECONDS / 60))
    form = AdminAuthenticationForm(request)
    # An unbound form with one non-field error: the template shows it as the error note.
    errors = ErrorDict()
    errors[NON_FIELD_ERRORS] = form.error_class(
        [
            f"Too many failed sign-in attempts. Sign-in is locked for up to {minutes} "
            "minutes; try again later or ask an administrator to reset your password."
        ],
        error_class="nonfield",
    )
    form._errors = errors  # type: ignore[attr-defined]
    context = {
        **admin.site.each_context(request),
        "title": "Log in",
        "subtitle": None,
        "form": form,
        "app_path": request.get_full_path(),
        "username": request.POST.get("username", ""),
    }
    return TemplateResponse(request, "admin/login.html", context, status=429).render()


class AdminLoginLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST" or request.path != reverse("admin:login"):
            return self.get_response(request)
        cache = caches[THROTTLE_CACHE]
        keys = _keys(request)
        limit = settings.ADMIN_LOGIN_MAX_FAILURES
        try:
            counts = cache.get_many(keys)
        except Exception as exc:
            logger.warning("admin sign-in limit not applied: the cache failed (%s)", exc)
            return self.get_response(request)
        if any(int(counts.get(key, 0)) >= limit for key in keys):
            logger.warning("admin sign-in refused: too many failures for %s", keys)
            return _refused(request)
        response = self.get_response(request)
        # The admin answers a wrong password with the form again (200); success redirects.
        if response.status_code == 200:
            try:
                for key in keys:
                    cache.add(key, 0, timeout=settings.ADMIN_LOGIN_LOCKOUT_SECONDS)
                    cache.incr(key)
            except Exception as exc:
                logger.warning("admin sign-in failure not counted: the cache failed (%s)", exc)
        return response
