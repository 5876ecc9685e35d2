"""Failed admin sign-ins are limited per client address and per username."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed sign-in attempts"


def attempt(client: Client, username: str, password: str, address: str = "192.0.2.10"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@override_settings(ADMIN_LOGIN_MAX_FAILURES=5)
def test_brute_force_is_locked_out_with_a_clear_message(admin_user):
    client = Client()
    # Given five wrong passwords, each answered with the login form again
    for _ in range(5):
        response = attempt(client, "admin", "wrong-password")
        assert response.status_code == 200 and LOCKED not in response.content.decode()
    # Then the sixth is refused without checking the password, even the right one
    refused = attempt(client, "admin", "password")
    assert refused.status_code == 429
    assert LOCKED in refused.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(ADMIN_LOGIN_MAX_FAILURES=3)
def test_the_limit_holds_per_username_across_addresses_and_per_address_across_names(
    admin_user,
):
    for i in range(3):
        attempt(Client(), "admin", "wrong", address=f"198.51.100.{i}")
    assert attempt(Client(), "admin", "wrong", address="198.51.100.99").status_code == 429
    for i in range(3):
        attempt(Client(), f"user{i}", "wrong", address="203.0.113.5")
    assert attempt(Client(), "someone", "wrong", address="203.0.113.5").status_code == 429
    # Someone else, from elsewhere, is unaffected
    assert attempt(Client(), "other", "wrong", address="203.0.113.77").status_code == 200


@override_settings(ADMIN_LOGIN_MAX_FAILURES=3)
def test_successful_sign_ins_are_not_counted(admin_user):
    client = Client()
    for _ in range(5):
        response = attempt(client, "admin", "password")
        assert response.status_code == 302
        client.logout()


@override_settings(ADMIN_LOGIN_MAX_FAILURES=2, NUM_PROXIES=0)
def test_a_forged_forwarded_header_does_not_reset_the_address_count(admin_user):
    for i in range(2):
        Client().post(
            "/admin/login/",
            {"username": f"u{i}", "password": "x"},
            REMOTE_ADDR="192.0.2.50",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}",
        )
    response = Client().post(
        "/admin/login/",
        {"username": "u9", "password": "x"},
        REMOTE_ADDR="192.0.2.50",
        HTTP_X_FORWARDED_FOR="203.0.113.200",
    )
    assert response.status_code == 429
