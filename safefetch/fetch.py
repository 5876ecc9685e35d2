"""Safe fetching of source pages named by untrusted users.

Anyone who can submit a claim can make the service fetch a URL, so every fetch is an
SSRF risk. The rules enforced here:

* only ``http`` and ``https``; no credentials in the URL; no IPv6 zone identifiers;
* the host is parsed the way a browser would (``2130706433``, ``0x7f000001``,
  ``0177.0.0.1`` and ``127.1`` are all 127.0.0.1), resolved exactly once per hop, and
  *every* resolved address must be public (see :func:`is_public_address`);
* the TCP connection goes to an address that was checked: the request URL is rewritten
  to the checked IP while the ``Host`` header and the TLS SNI name (and so certificate
  verification) keep the hostname. A second DNS answer can therefore never be used, which
  defeats DNS rebinding;
* only the ports in ``FetchPolicy.allowed_ports`` (80, 443, 8080, 8443 by default), so
  the fetcher cannot probe other services of a public host;
* redirects are followed by hand, hop by hop, and each hop is checked again; a redirect to
  a non-http URL (``javascript:``, ``data:``, ``mailto:``, ``about:``) is ``blocked``;
* a wall-clock deadline covers the whole request, including a body that drips slowly,
  and the body is read while streaming and abandoned once it exceeds ``max_bytes``.

Only ``FetchPolicy.allowed_private_hosts`` lets a private address through, and only for a
host named there literally (``127.0.0.1`` does not allow ``2130706433``); an entry
``host:port`` allows that one port, a bare ``host`` every port. Which addresses are
public is decided by our own copy of the IANA tables (:mod:`safefetch.address_rules`).

The module has no Django imports: settings are passed in as a :class:`FetchPolicy`.
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
import ipaddress
import logging
import re
import socket
import ssl
import time
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
import idna

from safefetch.address_rules import AnyPort, describe_address, is_public_address, parse_allowed_host
from safefetch.pages import PageText, decode_body, main_text

__all__ = [
    "ACCEPTED_CONTENT_TYPES",
    "DEFAULT_USER_AGENT",
    "BlockedURL",
    "FetchPolicy",
    "FetchResult",
    "FetchStatus",
    "FetchTransientError",
    "HostResolutionError",
    "Resolver",
    "Target",
    "check_url",
    "default_resolver",
    "fetch_document",
    "fetch_url",
    "is_public_address",
    "make_client",
    "parse_allowed_host",
]

#: Ports a public address may be fetched on (``FETCH_ALLOWED_PORTS``): the web's, no others,
#: so the fetcher cannot be pointed at mail, database or cache services.
DEFAULT_ALLOWED_PORTS = frozenset({80, 443, 8080, 8443})

logger = logging.getLogger(__name__)

DEFAULT_USER_AGENT = "Claimdesk/0.1 (+claim verification; contact via settings)"

#: Media types whose text can become evidence. Anything else is ``unsupported_type``.
ACCEPTED_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})

#: Statuses where trying again later has a fair chance of success.
TRANSIENT_HTTP_STATUSES = frozenset({408, 425, 429, 502, 503, 504})

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK_SIZE = 64 * 1024
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"


class FetchStatus:
    """The ``fetch_status`` values stored on a source (a fixed contract with the models)."""

    OK = "ok"
    BLOCKED = "blocked"
    UNREACHABLE = "unreachable"
    HTTP_ERROR = "http_error"
    TOO_LARGE = "too_large"
    UNSUPPORTED_TYPE = "unsupported_type"


@dataclass(frozen=True)
class FetchPolicy:
    """What the fetcher may do; built from ``FETCH_*`` settings by the Django side."""

    allowed_private_hosts: frozenset[str] = frozenset()
    allowed_ports: frozenset[int] = DEFAULT_ALLOWED_PORTS
    timeout: float = 10.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT


#: ``(host, port) -> [ip, ...]``. Injected in tests; the default uses ``getaddrinfo``.
Resolver = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class FetchResult:
    """Outcome of one fetch. ``fetch_url`` always returns one instead of raising.

    ``content_sha256`` is the SHA-256 of the UTF-8 encoded extracted ``text`` (not of the
    raw body), so a page whose markup or ads change but whose main text does not keeps its
    hash. It is ``""`` when the fetch did not succeed. An empty page is ``ok`` with an
    empty ``text``; deciding whether that is useful evidence is left to the caller.
    ``published_at`` is the publication date the page declares in its markup (always
    time-zone aware), or None.
    """

    url: str
    final_url: str
    fetch_status: str
    http_status: int | None = None
    content_type: str = ""
    title: str = ""
    text: str = ""
    content_sha256: str = ""
    error: str = ""
    transient: bool = False
    redirects: tuple[str, ...] = ()
    published_at: datetime | None = None
    #: Set by ``fetch_document`` only: the raw body and the validators for the next
    #: conditional GET.
    body: bytes = field(default=b"", repr=False)
    etag: str = ""
    last_modified: str = ""

    @property
    def ok(self) -> bool:
        return self.fetch_status == FetchStatus.OK

    @property
    def not_modified(self) -> bool:
        """A conditional GET answered 304: nothing new since the validators were sent."""
        return self.ok and self.http_status == 304


class FetchTransientError(Exception):
    """Raised by callers (Celery tasks) for a transient ``FetchResult`` to trigger a retry."""

    def __init__(self, result: FetchResult | None = None, message: str | None = None) -> None:
        self.result = result
        super().__init__(message or (result.error if result else "transient fetch failure"))


class BlockedURL(Exception):
    """The URL may not be fetched; ``str(exc)`` is a readable reason for the desk."""


class HostResolutionError(Exception):
    """DNS gave no usable answer. ``transient`` is True for temporary resolver failures."""

    def __init__(self, message: str, *, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient


@dataclass(frozen=True)
class Target:
    """A checked hop: the parsed URL plus the addresses that may be connected to."""

    url: str
    scheme: str
    host: str
    port: int
    addresses: tuple[str, ...] = field(default_factory=tuple)

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default_port = 443 if self.scheme == "https" else 80
        return host if self.port == default_port else f"{host}:{self.port}"


# --------------------------------------------------------------------------- URL parsing

_HOSTNAME_RE = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*$")
_NUMERIC_PART_RE = re.compile(r"^(?:0[xX][0-9a-fA-F]*|[0-9]+)$")


def _parse_ipv4_number(part: str) -> int | None:
    """One dotted part as browsers read it: ``0x`` hex, leading-zero octal, or decimal."""
    if not _NUMERIC_PART_RE.match(part):
        return None
    if part[:2].lower() == "0x":
        return int(part[2:] or "0", 16)
    if len(part) > 1 and part.startswith("0"):
        try:
            return int(part, 8)
        except ValueError:
            return None
    return int(part)


def _parse_legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """Parse the WHATWG / ``inet_aton`` IPv4 forms (``127.1``, ``2130706433``, ``0x7f.1``).

    Returns ``None`` when ``host`` is an ordinary name. Raises :class:`BlockedURL` when the
    host ends in a number but is not a valid address, as a browser would refuse it too.
    """
    parts = host.split(".")
    if parts and parts[-1] == "" and len(parts) > 1:
        parts = parts[:-1]
    if not parts or not _NUMERIC_PART_RE.match(parts[-1]):
        return None
    numbers = [_parse_ipv4_number(p) for p in parts]
    if len(parts) > 4 or any(n is None for n in numbers):
        raise BlockedURL(f"Refused: {host!r} is not a valid address")
    values = typing.cast(list[int], numbers)
    if any(n > 255 for n in values[:-1]) or values[-1] >= 256 ** (5 - len(values)):
        raise BlockedURL(f"Refused: {host!r} is not a valid address")
    result = values[-1]
    for index, n in enumerate(values[:-1]):
        result += n << (8 * (3 - index))
    return ipaddress.IPv4Address(result)


def _split_url(
    url: str,
) -> tuple[str, str, int, ipaddress.IPv4Address | ipaddress.IPv6Address | None]:
    """Return ``(scheme, host, port, literal_ip)`` or raise :class:`BlockedURL`.

    ``host`` is lower-cased, IDNA-encoded, without brackets or a trailing dot. When the host
    is an address in any notation, ``literal_ip`` is that address.
    """
    if not isinstance(url, str) or not url.strip():
        raise BlockedURL("Refused: empty URL")
    if any(ch in url for ch in "\r\n\t\x00") or url != url.strip():
        raise BlockedURL("Refused: URL contains whitespace or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise BlockedURL(f"Refused: malformed URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        shown = scheme or "none"
        raise BlockedURL(f"Refused: only http and https URLs are fetched (scheme: {shown})")
    netloc = parts.netloc
    if "@" in netloc:
        raise BlockedURL("Refused: URLs with credentials (user@host) are not fetched")
    if "\\" in netloc:
        raise BlockedURL("Refused: backslash in the host part")
    raw_host = parts.hostname or ""
    if not raw_host:
        raise BlockedURL("Refused: URL has no host")
    if "%" in raw_host:
        raise BlockedURL("Refused: IPv6 zone identifiers are not allowed")
    if port is None:
        port = 443 if scheme == "https" else 80
    if not 0 < port < 65536:
        raise BlockedURL(f"Refused: invalid port {port}")

    if netloc.split("@")[-1].startswith("["):
        try:
            return (
                scheme,
                str(ipaddress.IPv6Address(raw_host)),
                port,
                ipaddress.IPv6Address(raw_host),
            )
        except ValueError:
            raise BlockedURL(f"Refused: {raw_host!r} is not a valid IPv6 address") from None

    host = raw_host.rstrip(".").lower()
    if not host:
        raise BlockedURL("Refused: URL has no host")
    if not host.isascii():
        try:
            host = idna.encode(host, uts46=True).decode("ascii")
        except idna.IDNAError:
            raise BlockedURL(f"Refused: {raw_host!r} is not a valid hostname") from None
    legacy = _parse_legacy_ipv4(host)
    if legacy is not None:
        return scheme, host, port, legacy
    if not _HOSTNAME_RE.match(host) or len(host) > 253:
        raise BlockedURL(f"Refused: {raw_host!r} is not a valid hostname")
    return scheme, host, port, None


def default_resolver(host: str, port: int) -> list[str]:
    """Resolve with ``getaddrinfo``; raise :class:`HostResolutionError` on failure."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        transient = exc.errno in {socket.EAI_AGAIN, getattr(socket, "EAI_SYSTEM", -11)}
        raise HostResolutionError(
            f"DNS lookup failed for {host}: {exc.strerror or exc}", transient=transient
        ) from None
    except (OSError, UnicodeError) as exc:
        raise HostResolutionError(f"DNS lookup failed for {host}: {exc}", transient=False) from None
    addresses: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def _private_host_allowed(host: str, port: int, policy: FetchPolicy) -> bool:
    """The host is named in the allow-list, for every port or for this one."""
    for entry in policy.allowed_private_hosts:
        try:
            allowed_host, allowed_port = parse_allowed_host(entry)
        except ValueError:
            continue  # settings refuse bad entries at start; a hand-built policy may not
        if allowed_host == host and allowed_port in (AnyPort, port):
            return True
    return False


def _check_port(host: str, port: int, policy: FetchPolicy) -> None:
    if port not in policy.allowed_ports:
        ports = ", ".join(str(p) for p in sorted(policy.allowed_ports))
        raise BlockedURL(
            f"Refused: port {port} of {host} is not one the fetcher uses (allowed: {ports})"
        )


def _check(url: str, policy: FetchPolicy, resolver: Resolver | None) -> Target:
    scheme, host, port, literal = _split_url(url)
    host_allowed = _private_host_allowed(host, port, policy)
    if literal is not None:
        addresses = [str(literal)]
    else:
        if not host_allowed and (host == "localhost" or host.endswith(".localhost")):
            raise BlockedURL(f"Refused: {host} is a loopback name")
        if not host_allowed:
            _check_port(host, port, policy)  # before any DNS query is sent
        try:
            addresses = list((resolver or default_resolver)(host, port))
        except OSError as exc:
            raise HostResolutionError(
                f"DNS lookup failed for {host}: {exc}", transient=True
            ) from None
        if not addresses:
            raise HostResolutionError(
                f"DNS lookup for {host} returned no addresses", transient=False
            )
    checked: list[str] = []
    for address in addresses:
        if "%" in address:
            raise BlockedURL(f"Refused: {host} resolves to a scoped address {address}")
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            raise BlockedURL(
                f"Refused: {host} resolved to an invalid address {address!r}"
            ) from None
        if not host_allowed and not is_public_address(ip):
            what = describe_address(str(ip))
            if literal is not None:
                raise BlockedURL(f"Refused: {ip} is {what}")
            raise BlockedURL(f"Refused: {host} resolves to {ip}, which is {what}")
        checked.append(str(ip))
    if literal is not None and not host_allowed:
        _check_port(host, port, policy)
    return Target(url=url, scheme=scheme, host=host, port=port, addresses=tuple(checked))


def check_url(url: str, *, policy: FetchPolicy, resolver: Resolver | None = None) -> list[str]:
    """Validate ``url`` and return the addresses a connection may use.

    Raises :class:`BlockedURL` when any rule refuses the URL, and
    :class:`HostResolutionError` when DNS gives no answer (that is not a policy refusal: the
    source is ``unreachable``). The resolver is called at most once.
    """
    return list(_check(url, policy, resolver).addresses)


# --------------------------------------------------------------------------- transport

_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "claimdesk_fetch_deadline", default=None
)
#: The last response's ``Location``, recorded before httpx parses it: httpx raises
#: ``InvalidURL`` on ``javascript:`` and friends while building the next request, even
#: with ``follow_redirects=False``, and the refusal should still say where it pointed.
_LOCATION: contextvars.ContextVar[str] = contextvars.ContextVar(
    "claimdesk_fetch_location", default=""
)


def _remember_location(response: httpx.Response) -> None:
    _LOCATION.set(response.headers.get("location", ""))


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    """Shrink a per-operation timeout so it never runs past the request's deadline."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise error("request deadline exceeded")
    return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write stops at the request deadline.

    httpx's own timeouts apply per operation, so a server sending one byte per second would
    never trip them. Bounding each operation by the remaining wall-clock time does.
    """

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """TCP only (never Unix sockets), with deadline-bounded streams."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        stream = self._inner.connect_tcp(host, port, bounded, local_address, socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("Unix sockets are never used for fetching sources")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _FetchTransport(httpx.HTTPTransport):
    """httpx's transport over a deadline-aware backend, with no connection reuse.

    Requests go to a checked IP with the SNI name set per request, so a pooled TLS
    connection could otherwise be reused for another hostname on the same address without
    its certificate being checked for that name; keep-alive is therefore off.
    """

    def __init__(self, verify: ssl.SSLContext | bool = True) -> None:
        context = verify if isinstance(verify, ssl.SSLContext) else _ssl_context(verify)
        super().__init__(
            verify=context, trust_env=False, limits=httpx.Limits(max_keepalive_connections=0)
        )
        # httpx offers no public hook for the network backend; the pool it builds is swapped
        # for an equivalent one that uses ours.
        self._pool = httpcore.ConnectionPool(
            ssl_context=context,
            max_keepalive_connections=0,
            network_backend=_DeadlineBackend(),
        )


@functools.lru_cache(maxsize=2)
def _ssl_context(verify: bool) -> ssl.SSLContext:
    """Loading the CA bundle costs ~50 ms, so one context is built once and shared
    (``SSLContext`` is safe to share between connections and threads)."""
    return httpx.create_ssl_context(verify=verify)


def make_client(policy: FetchPolicy, *, verify: ssl.SSLContext | bool = True) -> httpx.Client:
    """An ``httpx.Client`` suited to :func:`fetch_url`.

    Proxies from the environment are ignored (a proxy would connect to the hostname itself
    and undo the address pinning), redirects are left to the fetcher, and the wall-clock
    deadline is enforced at the socket level. ``verify`` exists so tests can trust a local CA.
    """
    return httpx.Client(
        transport=_FetchTransport(verify=verify),
        follow_redirects=False,
        trust_env=False,
        timeout=httpx.Timeout(policy.timeout),
        headers={"User-Agent": policy.user_agent},
        event_hooks={"response": [_remember_location]},
    )


# --------------------------------------------------------------------------- fetching


class _Failure(Exception):
    """Internal: ends a fetch with a given status."""

    def __init__(
        self,
        status: str,
        error: str,
        *,
        transient: bool = False,
        http_status: int | None = None,
        content_type: str = "",
    ) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.transient = transient
        self.http_status = http_status
        self.content_type = content_type


def _media_type(header: str) -> str:
    return header.split(";", 1)[0].strip().lower()


def _sniff_media_type(head: bytes) -> str:
    """Guess a missing Content-Type, only to recognise HTML served without a header."""
    start = head.lstrip()[:256].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "text/html"
    if start.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")):
        return "application/xml"
    return ""


def _pinned_url(target: Target, address: str) -> str:
    """The hop's URL with the host replaced by the checked address (path and query kept)."""
    parts = urlsplit(target.url)
    host = f"[{address}]" if ":" in address else address
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{target.scheme}://{host}:{target.port}{path}{query}"


def _network_error(exc: httpx.HTTPError, timeout: float) -> _Failure:
    unreachable = FetchStatus.UNREACHABLE
    if isinstance(exc, httpx.TimeoutException):
        return _Failure(unreachable, f"Timed out after {timeout:g}s ({exc})", transient=True)
    message = str(exc) or exc.__class__.__name__
    if isinstance(exc, httpx.ConnectError):
        if "CERTIFICATE_VERIFY_FAILED" in message or "certificate" in message.lower():
            return _Failure(unreachable, f"TLS certificate rejected: {message}")
        return _Failure(unreachable, f"Could not connect: {message}", transient=True)
    if isinstance(exc, httpx.DecodingError):
        return _Failure(unreachable, f"Could not decode the response body: {message}")
    if isinstance(exc, (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError)):
        return _Failure(
            unreachable, f"Connection failed while talking to the server: {message}", transient=True
        )
    return _Failure(unreachable, f"Request failed: {message}")


class _RefusedRedirect(BlockedURL):
    """A redirect httpx cannot even parse (``javascript:``, ``data:`` ...): a refusal."""

    def __init__(self, message: str, location: str) -> None:
        super().__init__(message)
        self.location = location


def _refused_redirect(location: str, exc: Exception) -> _RefusedRedirect:
    if location:
        try:
            scheme = urlsplit(location).scheme.lower() or "none"
        except ValueError:
            scheme = "unreadable"
        shown = location if len(location) <= 200 else f"{location[:200]}..."
        return _RefusedRedirect(
            f"Refused: redirect to {shown!r}: only http and https URLs are fetched "
            f"(scheme: {scheme})",
            location,
        )
    return _RefusedRedirect(f"Refused: redirect to a URL that cannot be fetched ({exc})", "")


class _Fetcher:
    """One fetch: the hop loop, with a single wall-clock deadline shared by every hop."""

    def __init__(
        self,
        policy: FetchPolicy,
        resolver: Resolver | None,
        client: httpx.Client,
        deadline: float,
        *,
        accept: str = _ACCEPT,
        accepted_types: frozenset[str] = ACCEPTED_CONTENT_TYPES,
        conditional: dict[str, str] | None = None,
        raw: bool = False,
    ) -> None:
        self.policy = policy
        self.resolver = resolver
        self.client = client
        self.deadline = deadline
        self.accept = accept
        self.accepted_types = accepted_types
        self.conditional = conditional or {}
        self.raw = raw

    def run(self, url: str) -> FetchResult:
        current = url
        redirects: list[str] = []
        while True:
            try:
                target = _check(current, self.policy, self.resolver)
                response, body = self._request(target)
            except BlockedURL as exc:
                if isinstance(exc, _RefusedRedirect) and exc.location:
                    redirects.append(exc.location)
                    current = exc.location
                return FetchResult(
                    url, current, FetchStatus.BLOCKED, error=str(exc), redirects=tuple(redirects)
                )
            except HostResolutionError as exc:
                return FetchResult(
                    url,
                    current,
                    FetchStatus.UNREACHABLE,
                    error=str(exc),
                    transient=exc.transient,
                    redirects=tuple(redirects),
                )
            except _Failure as exc:
                return FetchResult(
                    url,
                    current,
                    exc.status,
                    http_status=exc.http_status,
                    content_type=exc.content_type,
                    error=exc.error,
                    transient=exc.transient,
                    redirects=tuple(redirects),
                )
            if body is None:
                location = urljoin(current, response.headers["location"])
                if len(redirects) >= self.policy.max_redirects:
                    return FetchResult(
                        url,
                        current,
                        FetchStatus.BLOCKED,
                        http_status=response.status_code,
                        error=f"Refused: more than {self.policy.max_redirects} redirects",
                        redirects=tuple(redirects),
                    )
                redirects.append(location)
                current = location
                continue
            return self._result(url, current, response, body, tuple(redirects))

    def _remaining(self) -> float:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise _Failure(
                FetchStatus.UNREACHABLE, f"Timed out after {self.policy.timeout:g}s", transient=True
            )
        return remaining

    def _request(self, target: Target) -> tuple[httpx.Response, bytes | None]:
        """One hop: returns ``(response, body)``, with ``body`` None for a redirect."""
        last_error: httpx.HTTPError | None = None
        for address in target.addresses:
            remaining = self._remaining()
            request = self.client.build_request(
                "GET",
                _pinned_url(target, address),
                headers={
                    "Host": target.host_header,
                    "User-Agent": self.policy.user_agent,
                    "Accept": self.accept,
                    **self.conditional,
                },
                timeout=httpx.Timeout(remaining),
                extensions={"sni_hostname": target.host} if target.scheme == "https" else None,
            )
            _LOCATION.set("")
            try:
                response = self.client.send(request, stream=True, follow_redirects=False)
            except httpx.InvalidURL as exc:
                raise _refused_redirect(_LOCATION.get(), exc) from None
            except httpx.ConnectError as exc:
                last_error = exc
                if "certificate" in str(exc).lower():
                    break
                continue
            except httpx.HTTPError as exc:
                raise _network_error(exc, self.policy.timeout) from None
            try:
                return self._handle(response)
            except httpx.HTTPError as exc:
                raise _network_error(exc, self.policy.timeout) from None
            finally:
                response.close()
        assert last_error is not None
        raise _network_error(last_error, self.policy.timeout)

    def _handle(self, response: httpx.Response) -> tuple[httpx.Response, bytes | None]:
        status = response.status_code
        content_type = response.headers.get("content-type", "")
        if status in _REDIRECT_STATUSES and response.headers.get("location"):
            return response, None
        if status == 304 and self.conditional:
            return response, b""
        if not 200 <= status < 300:
            reason = response.reason_phrase or ""
            raise _Failure(
                FetchStatus.HTTP_ERROR,
                f"HTTP {status} {reason}".strip(),
                transient=status in TRANSIENT_HTTP_STATUSES,
                http_status=status,
                content_type=content_type,
            )
        media = _media_type(content_type)
        if media and media not in self.accepted_types:
            raise _Failure(
                FetchStatus.UNSUPPORTED_TYPE,
                f"Content type {media} is not a readable page",
                http_status=status,
                content_type=content_type,
            )
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.policy.max_bytes:
            raise self._too_large(status, content_type)
        body = self._read_body(response, status, content_type)
        if not media:
            media = _sniff_media_type(body)
            if not media or media not in self.accepted_types:
                raise _Failure(
                    FetchStatus.UNSUPPORTED_TYPE,
                    "No Content-Type and the body does not look like HTML",
                    http_status=status,
                )
        return response, body

    def _too_large(self, status: int, content_type: str) -> _Failure:
        return _Failure(
            FetchStatus.TOO_LARGE,
            f"Page is larger than {self.policy.max_bytes} bytes",
            http_status=status,
            content_type=content_type,
        )

    def _read_body(self, response: httpx.Response, status: int, content_type: str) -> bytes:
        """Read at most ``max_bytes + 1`` bytes, checking the deadline between chunks."""
        limit = self.policy.max_bytes
        buffer = bytearray()
        for chunk in response.iter_bytes(_CHUNK_SIZE):
            buffer += chunk[: limit + 1 - len(buffer)]
            if len(buffer) > limit or response.num_bytes_downloaded > limit + _CHUNK_SIZE:
                raise self._too_large(status, content_type)
            self._remaining()
        return bytes(buffer)

    def _result(
        self,
        url: str,
        final_url: str,
        response: httpx.Response,
        body: bytes,
        redirects: tuple[str, ...],
    ) -> FetchResult:
        content_type = response.headers.get("content-type", "")
        if self.raw:
            return FetchResult(
                url=url,
                final_url=final_url,
                fetch_status=FetchStatus.OK,
                http_status=response.status_code,
                content_type=content_type,
                content_sha256=hashlib.sha256(body).hexdigest(),
                redirects=redirects,
                body=body,
                etag=response.headers.get("etag", "")[:500],
                last_modified=response.headers.get("last-modified", "")[:100],
            )
        media = _media_type(content_type) or _sniff_media_type(body)
        decoded = decode_body(body, content_type)
        if media == "text/plain":
            page = PageText(title="", text=decoded.strip())
        else:
            page = main_text(decoded, url=final_url)
        return FetchResult(
            url=url,
            final_url=final_url,
            fetch_status=FetchStatus.OK,
            http_status=response.status_code,
            content_type=content_type,
            title=page.title,
            text=page.text,
            content_sha256=hashlib.sha256(page.text.encode("utf-8")).hexdigest(),
            redirects=redirects,
            published_at=page.published_at,
        )


def fetch_url(
    url: str,
    *,
    policy: FetchPolicy,
    resolver: Resolver | None = None,
    client: httpx.Client | None = None,
) -> FetchResult:
    """Fetch a source page under ``policy`` and extract its main text.

    Never raises for network, policy or content problems: the returned
    :class:`FetchResult` carries the status and a readable error. A caller-supplied
    ``client`` should come from :func:`make_client`; any client still gets address pinning
    (it lives in the request URL), but only ours enforces the deadline inside a read.
    """
    own_client = client is None
    http_client = client if client is not None else make_client(policy)
    deadline = time.monotonic() + policy.timeout
    token = _DEADLINE.set(deadline)
    try:
        return _Fetcher(policy, resolver, http_client, deadline).run(url)
    except Exception as exc:
        # The promise is "never raises": a library surprise on one hostile page becomes
        # that page's failure, never the failure of the check run or import around it.
        logger.exception("unexpected error while fetching %s", url)
        return FetchResult(
            url, url, FetchStatus.UNREACHABLE, error=f"Fetch failed: {type(exc).__name__}: {exc}"
        )
    finally:
        _DEADLINE.reset(token)
        if own_client:
            http_client.close()


#: Media types of RSS and Atom feeds as servers actually label them.
FEED_CONTENT_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
_FEED_ACCEPT = (
    "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1"
)


def fetch_document(
    url: str,
    *,
    policy: FetchPolicy,
    accepted_types: frozenset[str] = FEED_CONTENT_TYPES,
    etag: str = "",
    last_modified: str = "",
    resolver: Resolver | None = None,
    client: httpx.Client | None = None,
) -> FetchResult:
    """Fetch a machine-readable document (a feed) under the same rules as ``fetch_url``,
    returning its raw ``body`` instead of page text.

    ``etag`` / ``last_modified`` make it a conditional GET; a 304 answer is ``ok`` with
    ``not_modified`` set and an empty body. The answer's own validators are returned for
    the next request.
    """
    conditional: dict[str, str] = {}
    if etag:
        conditional["If-None-Match"] = etag
    if last_modified:
        conditional["If-Modified-Since"] = last_modified
    own_client = client is None
    http_client = client if client is not None else make_client(policy)
    deadline = time.monotonic() + policy.timeout
    token = _DEADLINE.set(deadline)
    try:
        fetcher = _Fetcher(
            policy,
            resolver,
            http_client,
            deadline,
            accept=_FEED_ACCEPT,
            accepted_types=accepted_types,
            conditional=conditional,
            raw=True,
        )
        return fetcher.run(url)
    finally:
        _DEADLINE.reset(token)
        if own_client:
            http_client.close()
