"""SSRF: every way of naming an internal address is refused before any connection.

Refusals are checked with a client whose transport fails the test if it is ever used, and
with resolvers that record their calls, so "blocked" here also means "nothing was sent".
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer

from safefetch.fetch import (
    BlockedURL,
    FetchPolicy,
    HostResolutionError,
    check_url,
    fetch_url,
    is_public_address,
    make_client,
    parse_allowed_host,
)
from tests.verification import fixtures_http as fx

server = fx.server
module_server = fx.module_server

PUBLIC_V4 = "93.184.216.34"


def _no_network(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"a connection was attempted to {request.url}")


def _forbidden_resolver(host: str, port: int) -> list[str]:
    raise AssertionError(f"the resolver was consulted for {host}")


@pytest.fixture
def guarded_client() -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(_no_network))


LITERAL_CASES = [
    ("decimal", "http://2130706433/"),
    ("hex", "http://0x7f000001/"),
    ("octal", "http://0177.0.0.1/"),
    ("octal single number", "http://017700000001/"),
    ("short form", "http://127.1/"),
    ("mixed hex dotted", "http://0x7f.0.0.1/"),
    ("ipv4-mapped dotted", "http://[::ffff:127.0.0.1]/"),
    ("ipv4-mapped hex", "http://[::ffff:7f00:1]/"),
    ("ipv4-compatible", "http://[::127.0.0.1]/"),
    ("nat64 of loopback", "http://[64:ff9b::7f00:1]/"),
    ("6to4 of private", "http://[2002:a00:1::]/"),
    ("teredo of private", "http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/"),
    ("unspecified v4", "http://0.0.0.0/"),
    ("zero shorthand", "http://0/"),
    ("unspecified v6", "http://[::]/"),
    ("loopback v6", "http://[::1]/"),
    ("loopback v4 other", "http://127.53.0.1:8080/"),
    ("cloud metadata", "http://169.254.169.254/latest/meta-data/"),
    ("metadata ipv4-mapped", "http://[::ffff:a9fe:a9fe]/latest/meta-data/"),
    ("link-local v6", "http://[fe80::1]/"),
    ("unique local v6", "http://[fd00::1]/"),
    ("private 10/8", "http://10.0.0.1/"),
    ("private 10/8 high", "http://10.255.255.254/"),
    ("private 172.16/12", "http://172.16.0.1/"),
    ("private 172.31", "http://172.31.255.254/"),
    ("private 192.168/16", "http://192.168.1.1/"),
    ("cgnat", "http://100.64.0.1/"),
    ("cgnat high", "http://100.127.255.254/"),
    ("this network 0/8", "http://0.1.2.3/"),
    ("benchmarking", "http://198.18.0.1/"),
    ("multicast", "http://224.0.0.1/"),
    ("multicast v6", "http://[ff02::1]/"),
    ("reserved", "http://240.0.0.1/"),
    ("broadcast", "http://255.255.255.255/"),
    ("https private", "https://192.168.0.10/"),
    ("private with port", "http://10.1.2.3:8443/admin"),
]

SYNTAX_CASES = [
    ("localhost", "http://localhost/"),
    ("localhost upper with dot", "http://LOCALHOST./"),
    ("subdomain of localhost", "http://foo.localhost/"),
    ("userinfo to loopback", "http://example.com@127.0.0.1/"),
    ("userinfo with password", "http://user:pw@example.com/"),
    ("backslash trick", "http://example.com\\@127.0.0.1/"),
    ("file scheme", "file:///etc/passwd"),
    ("gopher scheme", "gopher://127.0.0.1:6379/_INFO"),
    ("ftp scheme", "ftp://example.com/file.txt"),
    ("javascript scheme", "javascript:alert(1)"),
    ("no scheme", "//example.com/"),
    ("no host with path", "http:///path"),
    ("no host at all", "http://"),
    ("zone id", "http://[fe80::1%25eth0]/"),
    ("bad port", "http://example.com:99999/"),
    ("numeric host too big", "http://4294967296/"),
    ("newline injection", "http://example.com/\r\nHost: 127.0.0.1"),
    ("empty", ""),
]


@pytest.mark.parametrize(("label", "url"), LITERAL_CASES + SYNTAX_CASES)
def test_refused_without_connecting(label: str, url: str, guarded_client: httpx.Client) -> None:
    result = fetch_url(
        url, policy=FetchPolicy(), resolver=_forbidden_resolver, client=guarded_client
    )
    assert result.fetch_status == "blocked", (label, result)
    assert result.error.startswith("Refused:"), result.error
    assert not result.transient
    assert result.text == "" and result.http_status is None


@pytest.mark.parametrize(("label", "url"), LITERAL_CASES)
def test_check_url_names_the_address(label: str, url: str) -> None:
    with pytest.raises(BlockedURL, match="address"):
        check_url(url, policy=FetchPolicy(), resolver=_forbidden_resolver)


@pytest.mark.parametrize(
    "answer",
    [
        ["10.0.0.5"],
        ["127.0.0.1"],
        ["169.254.169.254"],
        ["100.64.1.1"],
        ["::1"],
        ["fe80::1%eth0"],
        ["::ffff:192.168.1.1"],
        [PUBLIC_V4, "10.0.0.5"],
        ["10.0.0.5", PUBLIC_V4],
        ["2606:2800:220:1::1", "fd12::1"],
    ],
    ids=lambda answer: "+".join(answer),
)
def test_hostname_resolving_to_private_is_refused(
    answer: list[str], guarded_client: httpx.Client
) -> None:
    calls: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        return answer

    result = fetch_url(
        "https://news.example.org/story",
        policy=FetchPolicy(),
        resolver=resolver,
        client=guarded_client,
    )
    assert result.fetch_status == "blocked"
    assert "news.example.org resolves to" in result.error
    assert calls == ["news.example.org"]


def test_public_answer_is_accepted_by_check_url() -> None:
    addresses = check_url(
        "https://news.example.org/a",
        policy=FetchPolicy(),
        resolver=lambda h, p: [PUBLIC_V4, "2606:2800:220:1::1"],
    )
    assert addresses == [PUBLIC_V4, "2606:2800:220:1::1"]


def test_resolver_receives_idna_host_and_port() -> None:
    seen: list[tuple[str, int]] = []

    def resolver(host: str, port: int) -> list[str]:
        seen.append((host, port))
        return [PUBLIC_V4]

    check_url("https://Bücher.Example:8443/x", policy=FetchPolicy(), resolver=resolver)
    assert seen == [("xn--bcher-kva.example", 8443)]


def test_dns_failure_is_unreachable_not_blocked(guarded_client: httpx.Client) -> None:
    def resolver(host: str, port: int) -> list[str]:
        raise HostResolutionError(
            "DNS lookup failed for gone.example: Name or service not known", transient=False
        )

    result = fetch_url(
        "http://gone.example/", policy=FetchPolicy(), resolver=resolver, client=guarded_client
    )
    assert result.fetch_status == "unreachable"
    assert "DNS lookup failed" in result.error
    assert not result.transient


def test_empty_dns_answer_is_unreachable(guarded_client: httpx.Client) -> None:
    result = fetch_url(
        "http://empty.example/",
        policy=FetchPolicy(),
        resolver=lambda h, p: [],
        client=guarded_client,
    )
    assert result.fetch_status == "unreachable"


def test_allow_list_is_literal_not_by_address() -> None:
    policy = FetchPolicy(allowed_private_hosts=frozenset({"127.0.0.1", "intranet.local"}))
    assert check_url("http://127.0.0.1:8000/", policy=policy) == ["127.0.0.1"]
    assert check_url(
        "http://intranet.local/", policy=policy, resolver=lambda h, p: ["10.1.1.1"]
    ) == ["10.1.1.1"]
    for url in (
        "http://2130706433/",
        "http://127.1/",
        "http://[::ffff:127.0.0.1]/",
        "http://localhost/",
    ):
        with pytest.raises(BlockedURL):
            check_url(url, policy=policy, resolver=_forbidden_resolver)
    with pytest.raises(BlockedURL):
        check_url("http://other.local/", policy=policy, resolver=lambda h, p: ["10.1.1.1"])


@pytest.mark.parametrize(
    ("address", "public"),
    [
        (PUBLIC_V4, True),
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("::ffff:93.184.216.34", True),
        ("64:ff9b::808:808", True),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("172.20.0.1", False),
        ("192.168.0.1", False),
        ("100.100.100.100", False),
        ("169.254.169.254", False),
        ("224.0.0.251", False),
        ("240.0.0.1", False),
        ("0.0.0.0", False),
        ("192.0.2.1", False),
        ("::", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("ff02::1", False),
        ("::ffff:10.0.0.1", False),
        ("64:ff9b::a9fe:a9fe", False),
        ("fe80::1%eth0", False),
        ("not-an-ip", False),
    ],
)
def test_is_public_address(address: str, public: bool) -> None:
    assert is_public_address(address) is public


# ------------------------------------------------------------------ redirects into private space


@pytest.mark.parametrize(
    "location",
    [
        "http://10.0.0.1/",
        "http://2130706433/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost/admin",
        "file:///etc/passwd",
        "gopher://127.0.0.1:25/",
    ],
)
def test_redirect_into_private_space_is_refused(server: HTTPServer, location: str) -> None:
    server.expect_request("/go").respond_with_data("", status=302, headers={"Location": location})
    result = fetch_url(f"{fx.base_url(server)}/go", policy=fx.local_policy())
    assert result.fetch_status == "blocked", result
    assert result.redirects == (location,)
    assert result.final_url == location
    assert len(server.log) == 1


def test_redirect_to_a_name_resolving_privately_is_refused(server: HTTPServer) -> None:
    calls: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        return ["127.0.0.1"] if host == "source.test" else ["10.0.0.7"]

    server.expect_request("/go").respond_with_data(
        "", status=301, headers={"Location": "http://evil.test/"}
    )
    policy = fx.local_policy(allowed_private_hosts=frozenset({"source.test"}))
    result = fetch_url(f"{fx.base_url(server, 'source.test')}/go", policy=policy, resolver=resolver)
    assert result.fetch_status == "blocked"
    assert "evil.test resolves to 10.0.0.7" in result.error
    assert calls == ["source.test", "evil.test"]


def _chain(server: HTTPServer, hops: int) -> None:
    for index in range(hops):
        server.expect_request(f"/r{index}").respond_with_data(
            "", status=307, headers={"Location": f"/r{index + 1}"}
        )
    server.expect_request(f"/r{hops}").respond_with_data(
        "<p>Arrived after a chain of redirects.</p>", content_type="text/html"
    )


def test_more_than_five_redirects_is_refused(server: HTTPServer) -> None:
    _chain(server, 6)
    result = fetch_url(f"{fx.base_url(server)}/r0", policy=fx.local_policy())
    assert result.fetch_status == "blocked"
    assert "more than 5 redirects" in result.error
    assert len(result.redirects) == 5
    assert len(server.log) == 6


def test_five_redirects_are_followed(server: HTTPServer) -> None:
    _chain(server, 5)
    result = fetch_url(f"{fx.base_url(server)}/r0", policy=fx.local_policy())
    assert result.fetch_status == "ok", result
    assert result.final_url.endswith("/r5")
    assert len(result.redirects) == 5
    assert "Arrived" in result.text


# ------------------------------------------------------------------ DNS rebinding


def test_connection_goes_to_the_checked_address(server: HTTPServer) -> None:
    """The resolver answers once; a second, hostile answer is never asked for or used."""
    answers = iter([["127.0.0.1"], ["10.0.0.1"], ["169.254.169.254"]])
    calls: list[tuple[str, int]] = []

    def rebinding_resolver(host: str, port: int) -> list[str]:
        calls.append((host, port))
        return next(answers)

    server.expect_request("/page").respond_with_data(
        "<html><head><title>Rebind</title></head>"
        "<body><p>Served by the checked address.</p></body></html>",
        content_type="text/html",
    )
    policy = fx.local_policy(allowed_private_hosts=frozenset({"source.test"}))
    url = f"http://source.test:{server.port}/page"
    result = fetch_url(url, policy=policy, resolver=rebinding_resolver)
    assert result.fetch_status == "ok", result
    assert result.final_url == url
    assert calls == [("source.test", server.port)]
    request, _ = server.log[0]
    assert request.headers["Host"] == f"source.test:{server.port}"
    assert request.headers["User-Agent"].startswith("Claimdesk/")


def test_resolver_is_called_once_per_hop(server: HTTPServer) -> None:
    calls: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        return ["127.0.0.1"]

    server.expect_request("/a").respond_with_data(
        "", status=302, headers={"Location": f"http://b.test:{server.port}/b"}
    )
    server.expect_request("/b").respond_with_data("plain body", content_type="text/plain")
    policy = fx.local_policy(allowed_private_hosts=frozenset({"a.test", "b.test"}))
    result = fetch_url(f"http://a.test:{server.port}/a", policy=policy, resolver=resolver)
    assert result.fetch_status == "ok"
    assert calls == ["a.test", "b.test"]
    assert [req.headers["Host"] for req, _ in server.log] == [
        f"a.test:{server.port}",
        f"b.test:{server.port}",
    ]


def test_unreachable_first_address_falls_back_to_next_checked_one(server: HTTPServer) -> None:
    server.expect_request("/x").respond_with_data("fallback worked", content_type="text/plain")
    policy = fx.local_policy(allowed_private_hosts=frozenset({"dual.test"}))
    result = fetch_url(
        f"http://dual.test:{server.port}/x",
        policy=policy,
        resolver=lambda h, p: ["127.0.0.2", "127.0.0.1"],
    )
    # 127.0.0.2 is loopback too but nothing listens on this port there.
    assert result.fetch_status == "ok", result
    assert result.text == "fallback worked"


# ------------------------------------------------------------------ TLS keeps the hostname


def _self_signed(directory: Path, name: str) -> tuple[Path, Path]:
    cert, key = directory / f"{name}.pem", directory / f"{name}.key"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    directory = tmp_path_factory.mktemp("tls")
    cert, key = _self_signed(directory, "source.test")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    https = fx.LocalServer(ssl_context=context)
    https.start()
    trust = ssl.create_default_context(cafile=str(cert))
    try:
        yield https, trust
    finally:
        https.clear()
        https.stop()


def test_tls_uses_hostname_for_sni_and_certificate(tls_server) -> None:
    https, trust = tls_server
    https.expect_request("/secure").respond_with_data(
        "<p>Encrypted and verified page body.</p>", content_type="text/html"
    )
    policy = fx.local_policy(allowed_private_hosts=frozenset({"source.test"}))
    with make_client(policy, verify=trust) as client:
        result = fetch_url(
            f"https://source.test:{https.port}/secure",
            policy=policy,
            resolver=fx.loopback_resolver,
            client=client,
        )
    assert result.fetch_status == "ok", result
    assert "Encrypted and verified" in result.text
    assert https.log[0][0].headers["Host"] == f"source.test:{https.port}"


def test_tls_certificate_for_another_name_is_rejected(tls_server) -> None:
    https, trust = tls_server
    policy = fx.local_policy(allowed_private_hosts=frozenset({"other.test"}))
    with make_client(policy, verify=trust) as client:
        result = fetch_url(
            f"https://other.test:{https.port}/secure",
            policy=policy,
            resolver=fx.loopback_resolver,
            client=client,
        )
    assert result.fetch_status == "unreachable"
    assert "certificate" in result.error.lower()
    assert not result.transient


# ------------------------------------------------------------------ ports


@pytest.mark.parametrize("port", [22, 25, 3306, 5432, 6379, 9200, 11211, 1])
def test_public_host_on_other_ports_is_refused_before_dns(
    port: int, guarded_client: httpx.Client
) -> None:
    result = fetch_url(
        f"http://news.example.org:{port}/",
        policy=FetchPolicy(),
        resolver=_forbidden_resolver,
        client=guarded_client,
    )
    assert result.fetch_status == "blocked", result
    assert f"port {port} of news.example.org" in result.error
    literal = fetch_url(f"http://{PUBLIC_V4}:{port}/", policy=FetchPolicy(), client=guarded_client)
    assert literal.fetch_status == "blocked" and f"port {port}" in literal.error


@pytest.mark.parametrize("port", [80, 443, 8080, 8443])
def test_web_ports_are_allowed_by_default(port: int) -> None:
    scheme = "https" if port in (443, 8443) else "http"
    assert check_url(
        f"{scheme}://news.example.org:{port}/",
        policy=FetchPolicy(),
        resolver=lambda h, p: [PUBLIC_V4],
    ) == [PUBLIC_V4]


def test_allowed_ports_come_from_the_policy() -> None:
    policy = FetchPolicy(allowed_ports=frozenset({8000}))
    assert check_url("http://n.example:8000/", policy=policy, resolver=lambda h, p: [PUBLIC_V4])
    with pytest.raises(BlockedURL, match="allowed: 8000"):
        check_url("http://n.example/", policy=policy, resolver=_forbidden_resolver)


@pytest.mark.parametrize(
    ("entry", "parsed"),
    [
        ("127.0.0.1", ("127.0.0.1", None)),
        ("127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("Intranet.Local.:8080", ("intranet.local", 8080)),
        ("::1", ("::1", None)),
        ("[::1]", ("::1", None)),
        ("[0:0::1]:8443", ("::1", 8443)),
    ],
)
def test_parse_allowed_host(entry: str, parsed: tuple[str, int | None]) -> None:
    assert parse_allowed_host(entry) == parsed


@pytest.mark.parametrize(
    "entry", ["127.0.0.1:", "127.0.0.1:http", "host:70000", ":80", "[::1", "[::1]x"]
)
def test_parse_allowed_host_refuses_bad_entries(entry: str) -> None:
    with pytest.raises(ValueError):
        parse_allowed_host(entry)


def test_host_port_entry_allows_that_port_only(server: HTTPServer) -> None:
    """Allowing 127.0.0.1:<port> must not let a redirect reach Redis on 6379."""
    server.expect_request("/page").respond_with_data("allowed page", content_type="text/plain")
    server.expect_request("/to-redis").respond_with_data(
        "", status=302, headers={"Location": "http://127.0.0.1:6379/"}
    )
    policy = fx.local_policy(allowed_private_hosts=frozenset({f"127.0.0.1:{server.port}"}))
    assert fetch_url(f"{fx.base_url(server)}/page", policy=policy).text == "allowed page"
    result = fetch_url(f"{fx.base_url(server)}/to-redis", policy=policy)
    assert result.fetch_status == "blocked", result
    assert "127.0.0.1 is an address in the loopback block" in result.error
    assert len(server.log) == 2


def test_bare_host_entry_keeps_every_port(server: HTTPServer) -> None:
    server.expect_request("/page").respond_with_data("any port", content_type="text/plain")
    policy = fx.local_policy(allowed_private_hosts=frozenset({"127.0.0.1"}))
    assert fetch_url(f"{fx.base_url(server)}/page", policy=policy).text == "any port"


# ------------------------------------------------------------------ redirects to other schemes


@pytest.mark.parametrize(
    "location",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.domain)",
        "data:text/html,<script>alert(1)</script>",
        "mailto:desk@example.org",
        "about:blank",
        "javascript://%0aalert(1)",
        "vbscript:msgbox(1)",
    ],
)
def test_redirect_to_a_non_http_scheme_is_blocked(server: HTTPServer, location: str) -> None:
    server.expect_request("/go").respond_with_data("", status=302, headers={"Location": location})
    result = fetch_url(f"{fx.base_url(server)}/go", policy=fx.local_policy())
    assert result.fetch_status == "blocked", result
    assert "only http and https URLs are fetched" in result.error
    # the test server may percent-encode the header; the scheme is what matters
    scheme = location.split(":", 1)[0].lower()
    assert len(result.redirects) == 1
    assert result.redirects[0].lower().startswith(f"{scheme}:")
    assert result.final_url == result.redirects[0]


def test_an_unexpected_library_error_is_a_failed_fetch_not_an_exception(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("parser surprise")

    monkeypatch.setattr("safefetch.fetch.main_text", explode)
    server.expect_request("/p").respond_with_data("<p>x</p>", content_type="text/html")
    result = fetch_url(f"{fx.base_url(server)}/p", policy=fx.local_policy())
    assert result.fetch_status == "unreachable"
    assert "RuntimeError: parser surprise" in result.error
