"""Which IP addresses the fetcher may connect to: our own copy of the IANA tables.

Python's ``ipaddress`` flags (``is_private``, ``is_global`` ...) follow the IANA
special-purpose registries, but they changed between patch releases (192.0.0.0/24 and
several 2001::/23 blocks moved between 3.11.2 and 3.11.7), so a verdict built on them
depends on the interpreter. The verdict here uses only the tables below and integer
arithmetic, so it is the same on every Python.

Sources: the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and the
RFCs named per row), plus the multicast and reserved blocks of the address-space
registries. We refuse every block that is not globally reachable, and a few that are
but never serve web pages (the anycast service addresses in 192.0.0.0/24 and
2001::/23): a news source never lives there, and refusing is the safe mistake.

IPv6 forms that carry an IPv4 address (mapped, compatible, the well-known NAT64 prefix
64:ff9b::/96, 6to4, Teredo) are judged by that IPv4 address, because that is the host a
connection would reach. The local-use NAT64 prefix 64:ff9b:1::/48 is refused outright:
it is not globally reachable, and RFC 6052 lets it place the IPv4 bits elsewhere than
the last 32, so its last 32 bits prove nothing.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

__all__ = [
    "IPV4_SPECIAL",
    "IPV6_SPECIAL",
    "SpecialRange",
    "describe_address",
    "embedded_ipv4",
    "is_public_address",
    "parse_allowed_host",
    "special_range",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class SpecialRange:
    """One refused block: where it is, what IANA calls it, and the RFC that set it aside."""

    network: ipaddress.IPv4Network | ipaddress.IPv6Network
    name: str
    rfc: str

    def __contains__(self, ip: IPAddress) -> bool:
        if ip.version != self.network.version:
            return False
        # Integer arithmetic only: no reliance on ipaddress's changing property tables.
        mask = int(self.network.netmask)
        return (int(ip) & mask) == int(self.network.network_address)


def _v4(cidr: str, name: str, rfc: str) -> SpecialRange:
    return SpecialRange(ipaddress.IPv4Network(cidr), name, rfc)


def _v6(cidr: str, name: str, rfc: str) -> SpecialRange:
    return SpecialRange(ipaddress.IPv6Network(cidr), name, rfc)


#: Refused IPv4 blocks (IANA IPv4 Special-Purpose Address Registry, checked 2025).
IPV4_SPECIAL: tuple[SpecialRange, ...] = (
    _v4("0.0.0.0/8", "'this network' (unspecified)", "RFC 791"),
    _v4("10.0.0.0/8", "private-use", "RFC 1918"),
    _v4("100.64.0.0/10", "shared address space (CGNAT)", "RFC 6598"),
    _v4("127.0.0.0/8", "loopback", "RFC 1122"),
    _v4("169.254.0.0/16", "link-local (cloud metadata lives here)", "RFC 3927"),
    _v4("172.16.0.0/12", "private-use", "RFC 1918"),
    _v4("192.0.0.0/24", "IETF protocol assignments", "RFC 6890"),
    _v4("192.0.2.0/24", "documentation (TEST-NET-1)", "RFC 5737"),
    _v4("192.88.99.0/24", "deprecated 6to4 relay anycast", "RFC 7526"),
    _v4("192.168.0.0/16", "private-use", "RFC 1918"),
    _v4("198.18.0.0/15", "benchmarking", "RFC 2544"),
    _v4("198.51.100.0/24", "documentation (TEST-NET-2)", "RFC 5737"),
    _v4("203.0.113.0/24", "documentation (TEST-NET-3)", "RFC 5737"),
    _v4("224.0.0.0/4", "multicast", "RFC 5771"),
    _v4("240.0.0.0/4", "reserved (incl. limited broadcast)", "RFC 1112"),
)

#: Refused IPv6 blocks (IANA IPv6 Special-Purpose Address Registry, checked 2025). Only
#: 2000::/3 is global unicast; everything outside it is refused by :func:`is_public_address`
#: unless it is an IPv4-carrying form, so rows outside 2000::/3 are here for their names.
IPV6_SPECIAL: tuple[SpecialRange, ...] = (
    _v6("::/128", "unspecified", "RFC 4291"),
    _v6("::1/128", "loopback", "RFC 4291"),
    _v6("64:ff9b:1::/48", "local-use IPv4/IPv6 translation", "RFC 8215"),
    _v6("100::/64", "discard-only", "RFC 6666"),
    _v6("100:0:0:1::/64", "dummy IPv6 prefix", "RFC 9780"),
    _v6("2001::/23", "IETF protocol assignments", "RFC 2928"),
    _v6("2001:db8::/32", "documentation", "RFC 3849"),
    _v6("3fff::/20", "documentation", "RFC 9637"),
    _v6("5f00::/16", "segment routing (SRv6) SIDs", "RFC 9602"),
    _v6("fc00::/7", "unique-local", "RFC 4193"),
    _v6("fe80::/10", "link-local", "RFC 4291"),
    _v6("fec0::/10", "deprecated site-local", "RFC 3879"),
    _v6("ff00::/8", "multicast", "RFC 4291"),
)

_GLOBAL_UNICAST_V6 = _v6("2000::/3", "global unicast", "RFC 4291")
_MAPPED = _v6("::ffff:0:0/96", "IPv4-mapped", "RFC 4291")
_NAT64_WELL_KNOWN = _v6("64:ff9b::/96", "IPv4/IPv6 translation", "RFC 6052")
_SIXTOFOUR = _v6("2002::/16", "6to4", "RFC 3056")
_TEREDO = _v6("2001::/32", "Teredo", "RFC 4380")
_COMPATIBLE = _v6("::/96", "IPv4-compatible (deprecated)", "RFC 4291")
_OUTSIDE_GLOBAL_UNICAST = _v6("::/0", "not-global-unicast (outside 2000::/3)", "RFC 4291")


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 host an IPv6 transition form would actually reach, if it is one.

    Mapped (``::ffff:a.b.c.d``), compatible (``::a.b.c.d``), well-known NAT64
    (``64:ff9b::a.b.c.d``), 6to4 (``2002:AABB:CCDD::``) and Teredo (client address,
    stored inverted). The local-use NAT64 prefix is deliberately not decoded.
    """
    value = int(ip)
    if ip in _MAPPED or ip in _NAT64_WELL_KNOWN:
        return ipaddress.IPv4Address(value & 0xFFFFFFFF)
    if ip in _SIXTOFOUR:
        return ipaddress.IPv4Address((value >> 80) & 0xFFFFFFFF)
    if ip in _TEREDO:
        return ipaddress.IPv4Address(~value & 0xFFFFFFFF)
    if ip in _COMPATIBLE and value > 1:
        return ipaddress.IPv4Address(value & 0xFFFFFFFF)
    return None


def special_range(ip: IPAddress) -> SpecialRange | None:
    """The refused block ``ip`` falls in (IPv4 forms judged by their IPv4), or None."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = embedded_ipv4(ip)
        if embedded is not None:
            return special_range(embedded)
        for row in IPV6_SPECIAL:
            if ip in row:
                return row
        if ip not in _GLOBAL_UNICAST_V6:
            return _OUTSIDE_GLOBAL_UNICAST
        return None
    for row in IPV4_SPECIAL:
        if ip in row:
            return row
    return None


def _parse(ip: str | IPAddress) -> IPAddress | None:
    if not isinstance(ip, str):
        return ip
    if "%" in ip:
        return None
    try:
        return ipaddress.ip_address(ip)
    except ValueError:
        return None


def is_public_address(ip: str | IPAddress) -> bool:
    """True when ``ip`` is a globally routable unicast address that is safe to contact.

    Unparseable input and scoped IPv6 (``fe80::1%eth0``) are refused rather than guessed at.
    """
    parsed = _parse(ip)
    return parsed is not None and special_range(parsed) is None


def describe_address(ip: str) -> str:
    """Why an address is refused, in words a desk editor can act on."""
    parsed = _parse(ip)
    if parsed is None:
        return "not a valid address"
    if isinstance(parsed, ipaddress.IPv6Address):
        embedded = embedded_ipv4(parsed)
        if embedded is not None:
            return f"an IPv6 form of {embedded}, which is {describe_address(str(embedded))}"
    row = special_range(parsed)
    if row is None:
        return "a public address"
    return f"an address in the {row.name} block ({row.network}, {row.rfc})"


#: ``None`` in an allow-list entry: every port of that host (a bare host, the old meaning).
AnyPort = None


def parse_allowed_host(entry: str) -> tuple[str, int | None]:
    """Read one ``FETCH_ALLOWED_PRIVATE_HOSTS`` entry: ``host``, ``host:port``, ``[v6]:port``.

    Returns ``(host, port)`` with the host normalised the way URLs are (lower case, no
    trailing dot, IPv6 in its short form) and ``port`` None for a bare host, which allows
    every port. Raises ``ValueError`` for an entry that is neither.
    """
    text = entry.strip().lower()
    port_text = ""
    if text.startswith("["):
        host, sep, rest = text[1:].partition("]")
        if not sep or (rest and not rest.startswith(":")):
            raise ValueError(f"{entry!r} is not host, host:port or [IPv6]:port")
        port_text = rest[1:]
        if rest and not port_text:
            raise ValueError(f"{entry!r} has an empty port")
    elif text.count(":") == 1:
        host, port_text = text.split(":")
        if not port_text:
            raise ValueError(f"{entry!r} has an empty port")
    else:
        host = text  # a name, an IPv4 address or a bare IPv6 address
    host = host.rstrip(".")
    if not host:
        raise ValueError(f"{entry!r} has no host")
    if ":" in host:
        try:
            host = str(ipaddress.IPv6Address(host))
        except ValueError:
            raise ValueError(f"{entry!r} is not a valid IPv6 address") from None
    if not port_text:
        return host, AnyPort
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(f"{entry!r} has an invalid port {port_text!r}")
    return host, int(port_text)
