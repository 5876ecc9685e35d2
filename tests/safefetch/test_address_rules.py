"""Our own IANA special-purpose table, range by range, and its independence from Python's.

Each refused block is probed at its first and last address and just outside both ends, so
a typo in a prefix length shows up. The verdict must not come from ``ipaddress``'s
``is_private``/``is_global`` flags, which changed between 3.11 patch releases.
"""

from __future__ import annotations

import ipaddress

import pytest

from safefetch.address_rules import (
    IPV4_SPECIAL,
    IPV6_SPECIAL,
    describe_address,
    embedded_ipv4,
    is_public_address,
    special_range,
)

ALL_ROWS = IPV4_SPECIAL + IPV6_SPECIAL


@pytest.mark.parametrize("row", ALL_ROWS, ids=lambda row: str(row.network))
def test_every_block_is_refused_at_both_ends(row) -> None:
    first, last = row.network[0], row.network[-1]
    for ip in (first, last):
        assert not is_public_address(ip), (row, ip)
        assert special_range(ip) is not None


# The neighbours of each IPv4 block that are ordinary public addresses.
PUBLIC_V4_NEIGHBOURS = [
    "1.0.0.0",
    "9.255.255.255",
    "11.0.0.0",
    "100.63.255.255",
    "100.128.0.0",
    "126.255.255.255",
    "128.0.0.0",
    "169.253.255.255",
    "169.255.0.0",
    "172.15.255.255",
    "172.32.0.0",
    "191.255.255.255",
    "192.0.1.0",
    "192.0.1.255",
    "192.0.3.0",
    "192.88.98.255",
    "192.88.100.0",
    "192.167.255.255",
    "192.169.0.0",
    "198.17.255.255",
    "198.20.0.0",
    "198.51.99.255",
    "198.51.101.0",
    "203.0.112.255",
    "203.0.114.0",
    "223.255.255.255",
    # Special-purpose but globally reachable, and real services: AS112, AMT.
    "192.31.196.1",
    "192.52.193.1",
    "192.175.48.1",
    "8.8.8.8",
    "93.184.216.34",
]

PUBLIC_V6_NEIGHBOURS = [
    "2000::",
    "2001:200::1",  # first block after 2001::/23
    "2001:db7:ffff:ffff::1",
    "2001:db9::1",
    "2002:808:808::1",  # 6to4 of 8.8.8.8
    "2606:4700:4700::1111",
    "2620:4f:8000::1",  # AS112 direct delegation: globally reachable
    "3ffe:ffff::1",
    "3fff:1000::1",  # just past 3fff::/20
    "64:ff9b::808:808",  # well-known NAT64 of 8.8.8.8
    "::ffff:8.8.8.8",
]


@pytest.mark.parametrize("address", PUBLIC_V4_NEIGHBOURS + PUBLIC_V6_NEIGHBOURS)
def test_neighbours_of_the_blocks_are_public(address: str) -> None:
    assert is_public_address(address), (address, describe_address(address))


@pytest.mark.parametrize(
    "address",
    [
        # 192.0.0.0/24 as a whole, the block whose verdict moved between 3.11 releases
        "192.0.0.0",
        "192.0.0.8",
        "192.0.0.9",
        "192.0.0.10",
        "192.0.0.170",
        "192.0.0.255",
        # the local-use NAT64 prefix: its last 32 bits prove nothing (this one is 10.0.0.1)
        "64:ff9b:1:a00:0:100:808:808",
        "64:ff9b:1::808:808",
        "64:ff9b:1:ffff:ffff:ffff:ffff:ffff",
        # well-known NAT64, mapped, 6to4, Teredo and compatible forms of private hosts
        "64:ff9b::a00:1",
        "64:ff9b::7f00:1",
        "64:ff9b::a9fe:a9fe",
        "::ffff:10.0.0.1",
        "2002:c0a8:101::1",
        "2001:0:4136:e378:8000:63bf:f5ff:fffe",
        "::127.0.0.1",
        # outside 2000::/3 and not a carrier of IPv4
        "1fff:ffff:ffff:ffff::1",
        "4000::1",
        "e000::1",
        "2001:2::1",  # benchmarking, inside 2001::/23
        "2001:1::1",  # PCP anycast: refused with the rest of 2001::/23
    ],
)
def test_special_addresses_are_refused(address: str) -> None:
    assert not is_public_address(address), address


def test_embedded_ipv4_decoding() -> None:
    v6 = ipaddress.IPv6Address
    assert embedded_ipv4(v6("::ffff:1.2.3.4")) == ipaddress.IPv4Address("1.2.3.4")
    assert embedded_ipv4(v6("64:ff9b::102:304")) == ipaddress.IPv4Address("1.2.3.4")
    assert embedded_ipv4(v6("2002:102:304::")) == ipaddress.IPv4Address("1.2.3.4")
    teredo = v6("2001:0:4136:e378:8000:63bf:3fff:fdd2")
    assert embedded_ipv4(teredo) == ipaddress.IPv4Address("192.0.2.45")
    assert embedded_ipv4(v6("64:ff9b:1::102:304")) is None
    assert embedded_ipv4(v6("2606:4700::1")) is None


def test_descriptions_name_the_block() -> None:
    assert describe_address("192.0.0.9") == (
        "an address in the IETF protocol assignments block (192.0.0.0/24, RFC 6890)"
    )
    assert "64:ff9b:1::/48" in describe_address("64:ff9b:1:a00:0:100:808:808")
    assert describe_address("::ffff:10.0.0.1").startswith("an IPv6 form of 10.0.0.1")


def _raise(self: object) -> bool:
    raise AssertionError("the verdict consulted Python's ipaddress flag tables")


def test_verdict_does_not_use_pythons_flag_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python's flags changed between patch releases; our verdict must not read them."""
    flags = ("is_private", "is_global", "is_reserved", "is_loopback", "is_link_local")
    for cls in (ipaddress.IPv4Address, ipaddress.IPv6Address):
        for flag in (*flags, "is_multicast", "is_unspecified"):
            monkeypatch.setattr(cls, flag, property(_raise))
    monkeypatch.setattr(ipaddress.IPv6Address, "is_site_local", property(_raise))
    for address in ("8.8.8.8", "2606:4700:4700::1111", "64:ff9b::808:808"):
        assert is_public_address(address)
    for address in ("10.0.0.1", "192.0.0.9", "::1", "64:ff9b:1::808:808", "fe80::1"):
        assert not is_public_address(address)
        assert describe_address(address)
