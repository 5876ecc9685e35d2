"""Strict reading of environment variables: django-environ, with every failure named.

django-environ does the reading and casting; this subclass adds what a 12-factor service
needs on top: a bad value stops the start with ``ImproperlyConfigured`` naming the
variable, booleans accept only 1/0, true/false, yes/no, on/off (environ's own reading
turns any typo into False), an empty typed variable means "use the default", and casts
can carry a lower bound or a URL scheme rule.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def strict_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    lowered = str(raw).strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(f"expected a boolean (1/0, true/false), got {raw!r}")


def at_least(minimum: float, kind: type = int) -> Callable[[Any], Any]:
    """A cast to ``kind`` that refuses values below ``minimum``."""

    def cast(raw: Any) -> Any:
        try:
            value = kind(raw)
        except (TypeError, ValueError):
            raise ValueError(f"expected a {kind.__name__}, got {raw!r}") from None
        if value < minimum:
            raise ValueError(f"must be at least {minimum}, got {raw!r}")
        return value

    return cast


def url_of(*schemes: str) -> Callable[[Any], str]:
    """A cast that accepts an empty value (feature off) or a URL with one of ``schemes``."""

    def cast(raw: Any) -> str:
        value = str(raw).strip()
        parts = urlsplit(value)
        if value and (parts.scheme not in schemes or not parts.netloc):
            raise ValueError(f"expected a {'/'.join(schemes)} URL, got {raw!r}")
        return value

    return cast


def comma_list(raw: Any) -> list[str]:
    if isinstance(raw, list):
        return raw
    return [item.strip() for item in str(raw).split(",") if item.strip()]


def proxy_ssl_header(raw: Any) -> tuple[str, str] | None:
    """``SECURE_PROXY_SSL_HEADER``: ``Header-Name: value`` (e.g. ``X-Forwarded-Proto: https``)
    or Django's own ``HTTP_X_FORWARDED_PROTO,https``; empty for none."""
    text = str(raw).strip()
    if not text:
        return None
    name, sep, value = text.partition(":") if ":" in text else text.partition(",")
    name, value = name.strip(), value.strip()
    if not sep or not name or not value:
        raise ValueError(f"expected 'Header-Name: value', got {raw!r}")
    meta = name.upper().replace("-", "_")
    return (meta if meta.startswith("HTTP_") else f"HTTP_{meta}", value)


def port_list(raw: Any) -> list[int]:
    """Comma-separated TCP ports, each 1-65535."""
    ports = []
    for item in comma_list(raw):
        if not item.isdigit() or not 0 < int(item) < 65536:
            raise ValueError(f"expected ports 1-65535, got {item!r}")
        ports.append(int(item))
    return ports


def fetch_allow_list(raw: Any) -> list[str]:
    """``FETCH_ALLOWED_PRIVATE_HOSTS``: ``host`` (every port) or ``host:port`` entries."""
    from safefetch.address_rules import parse_allowed_host

    entries = comma_list(raw)
    for entry in entries:
        parse_allowed_host(entry)  # ValueError names the entry
    return entries


class StrictEnv(environ.Env):
    """``environ.Env`` whose every read names the variable when its value is bad."""

    def get_value(self, var: str, cast: Any = None, default: Any = environ.Env.NOTSET,
                  parse_default: bool = False) -> Any:  # fmt: skip
        if cast is bool:
            cast = strict_bool
        raw = self.ENVIRON.get(f"{self.prefix}{var}")
        if raw is not None and raw.strip() == "" and cast not in (None, str):
            if default is self.NOTSET:
                raise ImproperlyConfigured(f"{var}: required, got an empty value")
            return default
        try:
            return super().get_value(var, cast=cast, default=default, parse_default=parse_default)
        except ImproperlyConfigured as exc:
            raise ImproperlyConfigured(f"{var}: {exc}") from exc
        except Exception as exc:  # environ and the casts raise ValueError and friends
            raise ImproperlyConfigured(f"{var}: invalid value ({exc})") from exc

    def database(self, var: str, *, default: str, schemes: set[str]) -> dict[str, Any]:
        """``db_url`` limited to the engines Claimdesk supports, failures named."""
        url = self.str(var, default=default)
        if urlsplit(url).scheme not in schemes:
            raise ImproperlyConfigured(
                f"{var}: expected sqlite:///path or postgres://..., got {url!r}"
            )
        try:
            return dict(self.db_url_config(url))
        except Exception as exc:
            raise ImproperlyConfigured(f"{var}: cannot parse {url!r} ({exc})") from exc
