"""Shared fixtures: users in each role, and the service checks used by CI.

Tests that need PostgreSQL or Redis skip on a laptop without them and fail under CI=true.
"""

from __future__ import annotations

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_service(available: bool, what: str) -> None:
    """Skip without the service locally; fail in CI, where a skip would hide a gap."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI but is not available")
    pytest.skip(f"{what} not available")


def ensure_role_groups():
    """The role groups with their permissions; transactional tests flush the migration's."""
    from claims.roles import ensure_role_groups as ensure

    return ensure()


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("rita", password="pw-rita-12345", is_staff=True)
    user.groups.add(ensure_role_groups()["reviewers"])
    return user


@pytest.fixture
def reviewer2(django_user_model):
    user = django_user_model.objects.create_user("rob", password="pw-rob-12345", is_staff=True)
    user.groups.add(ensure_role_groups()["reviewers"])
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("eve", password="pw-eve-12345", is_staff=True)
    user.groups.add(ensure_role_groups()["editors"])
    return user


@pytest.fixture(autouse=True)
def _inline_tasks(request):
    """Run Celery tasks inline unless the test drives a real worker (marker ``integration``)."""
    from config.celery import app

    if request.node.get_closest_marker("integration"):
        yield
        return
    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture(autouse=True)
def _no_outside_providers():
    """The outside internet does not exist for tests: providers are off unless a test
    points one at a local replay server."""
    from django.apps import apps
    from django.test import override_settings

    if not apps.ready:  # pure tests run without Django (-p no:django)
        yield
        return
    with override_settings(WIKIPEDIA_API_URL="", FACTCHECK_API_KEY="", ARCHIVE_EVIDENCE=False):
        yield


#: A moment in the middle of a second, a minute, an hour and a day (86400k + 41430.5).
_MID_WINDOW = 20_833 * 86_400 + 41_430.5


@pytest.fixture(autouse=True)
def _fresh_rate_limits(monkeypatch):
    """Rate-limit and sign-in counters (the in-memory ``throttle`` cache under test) start
    empty in every test, so one test's requests never count against another's limit.

    The API's fixed-window counters read a still clock in the middle of every window: with
    the real one, two requests a test expects in one window ("1/min") land in two when the
    minute turns between them, and the second is let through."""
    from django.apps import apps

    if not apps.ready:
        yield
        return
    from types import SimpleNamespace

    from django.core.cache import caches

    monkeypatch.setattr("desk.api.throttling.time", SimpleNamespace(time=lambda: _MID_WINDOW))
    caches["throttle"].clear()
    yield
    caches["throttle"].clear()
