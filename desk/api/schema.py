"""drf-spectacular AutoSchema that knows our permission classes.

Spectacular marks an operation as open to anonymous callers only for DRF's own
``AllowAny`` / ``IsAuthenticatedOrReadOnly``; ours say so with ``anonymous_reads``.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from rest_framework import permissions


class ClaimdeskAutoSchema(AutoSchema):
    def get_auth(self) -> list[dict[str, Any]]:
        auths = super().get_auth()
        anonymous_reads = any(
            getattr(p, "anonymous_reads", False) for p in self.view.get_permissions()
        )
        if anonymous_reads and self.method in permissions.SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths
