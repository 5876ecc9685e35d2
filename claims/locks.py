"""Row locks for claims, in one place so every writer takes them the same way."""

from __future__ import annotations

from claims.models import Claim


def claim_lock(claim_id: int) -> Claim:
    """Lock one claim row until the surrounding transaction ends, and return it fresh.

    Must run inside ``transaction.atomic()``. On PostgreSQL a second writer waits here and
    then reads the winner's version, so its version check fails cleanly; SQLite ignores
    ``FOR UPDATE`` (it serialises writers) and the guarded UPDATE in the service still
    lets exactly one transition through.
    """
    return Claim.objects.select_for_update().get(pk=claim_id)
