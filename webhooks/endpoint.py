"""Webhook endpoint URLs obey the safe fetcher's address rules when they are saved.

Checked again at every delivery (DNS can change), but refusing a private, loopback or
metadata URL when the subscription is written tells the editor at once, instead of
leaving a subscription that can only ever fail.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError


def validate_endpoint_url(url: str) -> None:
    """Raise ``ValidationError`` unless ``url`` is one the fetcher's policy may POST to."""
    from desk.fetch_policy import fetch_policy
    from safefetch.fetch import BlockedURL, HostResolutionError, check_url

    try:
        check_url(url, policy=fetch_policy())
    except BlockedURL as exc:
        raise ValidationError(
            "This endpoint cannot receive webhooks: %(reason)s",
            code="blocked_url",
            params={"reason": str(exc).removeprefix("Refused: ")},
        ) from None
    except HostResolutionError as exc:
        if exc.transient:
            return  # DNS is briefly down: delivery checks the address again anyway
        raise ValidationError(
            "This endpoint's host name does not resolve (%(reason)s); check the URL.",
            code="unresolvable_url",
            params={"reason": str(exc)},
        ) from None
