"""The fetch policy built from settings carries the port rules (FETCH_ALLOWED_PORTS)."""

from __future__ import annotations

from desk.fetch_policy import fetch_policy


def test_default_ports_are_the_web_ports(settings) -> None:
    assert fetch_policy().allowed_ports == frozenset({80, 443, 8080, 8443})


def test_ports_and_port_limited_hosts_come_from_settings(settings) -> None:
    settings.FETCH_ALLOWED_PORTS = [443]
    settings.FETCH_ALLOWED_PRIVATE_HOSTS = ["intranet.example:8000"]
    policy = fetch_policy()
    assert policy.allowed_ports == frozenset({443})
    assert policy.allowed_private_hosts == frozenset({"intranet.example:8000"})
