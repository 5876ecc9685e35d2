"""Liveness and readiness probes."""

from __future__ import annotations

import pytest
from django.test import override_settings


def test_livez_answers_without_touching_the_database(client):
    # No django_db mark: any query would raise here.
    response = client.get("/livez")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
@override_settings(REDIS_URL="")
def test_readyz_is_ok_with_the_database_up_and_inline_tasks(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "broker": "inline"}


@pytest.mark.django_db
@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_readyz_is_503_naming_the_broker_when_it_is_down(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert set(body["problems"]) == {"broker"}
    assert "ConnectionError" in body["problems"]["broker"]
