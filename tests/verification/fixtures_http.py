"""HTTP fixtures for the fetcher and provider tests (imported explicitly by those modules).

The server binds 127.0.0.1 only and is threaded, so a handler that drips or stalls does not
hold up the next request. Every test that talks to it must put 127.0.0.1 (or the fake name
it resolves) into ``allowed_private_hosts``: nothing else lets the fetcher reach it.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from safefetch.fetch import FetchPolicy

PAYLOADS = Path(__file__).parent / "payloads"


def load_payload(name: str) -> Any:
    """A recorded-shape API response from ``payloads/``."""
    return json.loads((PAYLOADS / name).read_text(encoding="utf-8"))


def loopback_resolver(host: str, port: int) -> list[str]:
    """Resolve every name to the local test server's address."""
    return ["127.0.0.1"]


def local_policy(**overrides: Any) -> FetchPolicy:
    """A policy that may reach the local server, with short limits so failures are quick."""
    values: dict[str, Any] = {
        "allowed_private_hosts": frozenset({"127.0.0.1"}),
        "timeout": 2.0,
        "max_bytes": 256 * 1024,
    }
    values.update(overrides)
    return FetchPolicy(**values)


def closed_port() -> int:
    """A local port with nothing listening (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalServer(HTTPServer):
    """pytest-httpserver on 127.0.0.1 that polls for shutdown every 50 ms, not 500 ms."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("threaded", True)
        super().__init__(host="127.0.0.1", port=0, **kwargs)

    def thread_target(self) -> None:
        assert self.server is not None
        self.server.serve_forever(poll_interval=0.05)


@pytest.fixture(scope="module")
def module_server() -> Iterator[HTTPServer]:
    server = LocalServer()
    server.start()
    try:
        yield server
    finally:
        server.clear()
        server.stop()


@pytest.fixture
def server(module_server: HTTPServer) -> Iterator[HTTPServer]:
    """A local HTTP server, cleared of handlers and logs for each test."""
    module_server.clear()
    yield module_server
    module_server.clear()


def base_url(server: HTTPServer, host: str = "127.0.0.1") -> str:
    """The server's root URL under ``host`` (no trailing slash)."""
    return f"http://{host}:{server.port}"
