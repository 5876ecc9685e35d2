"""Who may call what: every endpoint for anonymous, outsider, reviewer, editor and admin.

An outsider is authenticated but in no workflow role: they see what the public sees.
Unpublished rows are 404 to the public (not 403: that would confirm they exist).
"""

from __future__ import annotations

import itertools

import pytest

from claims.models import ArticleImport
from tests.api.support import add_check, add_evidence, published_claim, token_client
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "outsider", "reviewer", "editor", "admin")
_texts = itertools.count()

# (name, method, path template, body, expected status per role in ROLES order)
MATRIX = [
    ("list articles", "get", "/api/v1/articles/", None, (200, 200, 200, 200, 200)),
    ("ingest article", "post", "/api/v1/articles/", "article", (401, 403, 201, 201, 201)),
    ("draft article", "get", "/api/v1/articles/{draft_article}/", None, (404, 404, 200, 200, 200)),
    ("public article", "get", "/api/v1/articles/{public_article}/", None, (200,) * 5),
    (
        "article claimreview",
        "get",
        "/api/v1/articles/{public_article}/claimreview/",
        None,
        (200,) * 5,
    ),
    ("import", "get", "/api/v1/imports/{article_import}/", None, (401, 403, 200, 200, 200)),
    ("list claims", "get", "/api/v1/claims/", None, (200,) * 5),
    ("draft claim", "get", "/api/v1/claims/{draft}/", None, (404, 404, 200, 200, 200)),
    ("public claim", "get", "/api/v1/claims/{public}/", None, (200,) * 5),
    ("draft status", "get", "/api/v1/claims/{draft}/status/", None, (404, 404, 200, 200, 200)),
    ("public status", "get", "/api/v1/claims/{public}/status/", None, (200,) * 5),
    ("draft evidence", "get", "/api/v1/claims/{draft}/evidence/", None, (404, 404, 200, 200, 200)),
    ("public evidence", "get", "/api/v1/claims/{public}/evidence/", None, (200,) * 5),
    (
        "add source",
        "post",
        "/api/v1/claims/{draft}/sources/",
        {"url": "https://a.example/x"},
        (401, 403, 202, 202, 202),
    ),
    ("run check", "post", "/api/v1/claims/{draft}/checks/", {}, (401, 403, 202, 202, 202)),
    ("check run", "get", "/api/v1/checks/{check}/", None, (401, 403, 200, 200, 200)),
    (
        "start review",
        "post",
        "/api/v1/claims/{draft}/transitions/",
        {"action": "start_review", "version": 1},
        (401, 403, 200, 200, 200),
    ),
    (
        "dismiss",
        "post",
        "/api/v1/claims/{draft}/transitions/",
        {"action": "dismiss", "version": 1},
        (401, 403, 403, 200, 200),
    ),
    (
        "claimreview",
        "get",
        "/api/v1/claims/{public}/claimreview/",
        None,
        (200,) * 5,
    ),
    ("draft claimreview", "get", "/api/v1/claims/{draft}/claimreview/", None, (404,) * 5),
]


@pytest.fixture
def world():
    draft_article = ArticleFactory()
    draft = ClaimFactory(article=draft_article)
    add_evidence(draft)
    public_article = ArticleFactory()
    public = published_claim(article=public_article)
    add_evidence(public)
    return {
        "draft_article": draft_article.pk,
        "public_article": public_article.pk,
        "draft": draft.pk,
        "public": public.pk,
        "check": add_check(draft).pk,
        "article_import": ArticleImport.objects.create(url="https://a.example/i").pk,
    }


@pytest.fixture
def clients(request, anon_client):
    def make(role: str):
        if role == "anonymous":
            return anon_client
        fixture = {
            "outsider": "outsider",
            "reviewer": "reviewer",
            "editor": "editor",
            "admin": "admin_user",
        }[role]
        return token_client(request.getfixturevalue(fixture))

    return make


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "path", "body", "expected"), MATRIX, ids=[row[0] for row in MATRIX]
)
def test_permission_matrix(world, clients, role, name, method, path, body, expected):
    client = clients(role)
    if body == "article":
        body = {"title": "T", "text": f"At least {next(_texts) + 5} people were killed."}
    url = path.format(**world)
    response = (
        getattr(client, method)(url, body, format="json")
        if body is not None
        else (getattr(client, method)(url))
    )
    want = expected[ROLES.index(role)]
    assert response.status_code == want, (role, name, response.content[:300])
    if want >= 400:
        assert set(response.json()) >= {"detail", "code"}
