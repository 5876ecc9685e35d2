"""Browser tests: real Chromium driven by Playwright against pytest-django's live server.

One browser per session (start-up dominates otherwise), a fresh context per user so
sessions never leak between them, and a screenshot in test-artifacts/ when a test fails.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import require_service

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
# in a thread with a running loop unless told this is deliberate.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "pw-browser-12345"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def browser():
    require_service(CHROMIUM.exists(), f"Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def roles(transactional_db):
    """The role groups with their permissions.

    Live-server tests are transactional: the flush after each test empties the groups the
    data migration made (permissions come back through post_migrate, groups do not).
    """
    from django.contrib.auth.models import Group, Permission

    migration = importlib.import_module("claims.migrations.0002_roles")
    groups = {}
    for name, perms in migration.ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in perms:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        groups[name] = group
    return groups


@pytest.fixture
def make_member(roles, django_user_model):
    def make(username: str, group: str):
        user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=True)
        user.groups.add(roles[group])
        return user

    return make


@pytest.fixture
def open_as(browser, live_server, request) -> Iterator:
    """Log a user in, in a browser context of their own, and return a page."""
    contexts = []
    pages = []

    def login(user):
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        pages.append(page)
        page.goto("/admin/login/?next=/admin/")
        page.fill("#id_username", user.get_username())
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url("**/admin/")
        return page

    yield login

    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        for n, page in enumerate(pages):
            try:
                page.screenshot(
                    path=str(ARTIFACTS / f"{request.node.name}-{n}.png"), full_page=True
                )
            except Exception as exc:  # a crashed page must not hide the test's own failure
                print(f"screenshot failed: {exc}")
    for context in contexts:
        context.close()


@pytest.fixture
def shoot():
    """Screenshots of a page at desktop width and at 390 px, when E2E_SCREENSHOTS names a
    directory: for looking at a page as a user would while changing it."""
    folder = os.environ.get("E2E_SCREENSHOTS")

    def take(page, name: str) -> None:
        if not folder:
            return
        Path(folder).mkdir(parents=True, exist_ok=True)
        size = page.viewport_size or {"width": 1280, "height": 720}
        for width, label in ((1280, "desktop"), (390, "phone")):
            page.set_viewport_size({"width": width, "height": 844})
            page.screenshot(path=str(Path(folder) / f"{name}-{label}.png"), full_page=True)
        page.set_viewport_size(size)

    return take


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the viewport (0 when nothing overflows)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
