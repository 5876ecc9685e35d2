"""The base of every domain refusal: a readable message and a stable ``code``.

The API turns a refusal into ``{"detail", "code"}`` with the HTTP status its code means
(``desk.api.errors``); the admin shows the message. Apps subclass it (the workflow's
stale version, action not allowed, role not allowed).
"""

from __future__ import annotations


class Refusal(Exception):
    code: str = "refused"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
