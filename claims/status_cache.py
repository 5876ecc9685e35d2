"""The shared cache of claim status bodies: polls answered from Redis, never stale.

``GET claims/{id}/status/`` is polled; most polls ask about a claim that has not changed
since the last one. With ``REDIS_URL`` set, the rendered answer (body bytes, ``ETag``,
``Last-Modified`` and the claim's workflow status, which decides visibility) is kept in
Redis, shared by every web process, so a repeated poll costs one Redis round trip and no
SQL. Without ``REDIS_URL`` every poll is computed from the database: a per-process cache
could not be told about a write made in another process.

Two keys per claim:

- ``status-gen:{id}``, the claim's *generation*: a random token, replaced by a fresh one
  after every committed write that can change the claim's status body;
- ``status-body:{id}``, the rendered answer, tagged with the generation it was computed
  under, kept ``STATUS_CACHE_SECONDS`` (default 300).

Reading is one ``MGET`` of both keys: an answer is served only when its tag equals the
current generation. On a miss the answer is computed from the database and stored under
the generation read *before* the query.

Why a committed write is never followed by a stale answer:

1. A writer replaces the generation only after its transaction commits
   (``transaction.on_commit``), so whoever reads the new token queries the database after
   the commit and sees the write.
2. A reader that read an older token and queried the database before the commit stores
   its answer tagged with that older token, which no longer matches: nobody is served it.
3. Tokens are random, never a counter: a generation key that expires or is evicted (a
   counter would restart at 1 and could match an answer stored under an earlier 1) comes
   back as a token no stored answer carries. A reader that finds no generation computes
   from the database, starts one (``SET NX``) and stores nothing; the next poll caches.

Between a commit and its ``on_commit`` callback (microseconds, on the writer's thread,
before the write's response is sent) other readers may still be served the previous
answer, as they could have been had they asked a moment earlier.

Writers call ``status_changed(claim_ids=...)`` for everything the body is computed from:
the claim's status, verdict, version, assignee and ``updated_at`` (transitions and notes),
its check runs (requested, started, finished, failed, requeued, swept) and its evidence
(the analyze stage's upsert). A source's ``fetch_status`` decides whether its evidence is
counted as ``failed``, so ``source_status_changed(source_id=...)`` renews the generation
of every claim with evidence from that source, found with one query after the commit (an
evidence row committed later renews its own claim's generation after its commit).
Deleted claims, evidence and check runs, and users removed from assignments (the
cascade's ``SET NULL`` is not a save), are covered by the signals ``connect_signals``
installs.

A Redis that is down or slow never fails a request or a write. Readers compute from the
database and leave Redis alone for ``_PAUSE_SECONDS``; a writer logs the error and moves
on. An answer cached before such a write is then served for at most
``STATUS_CACHE_SECONDS``: the bound on staleness while Redis is unreachable by a writer
but not by the readers (or after Redis restarts from a snapshot older than a write).

Reads skip the cache inside a database transaction: an answer computed there could
include writes that are later rolled back (and tests run each case in a transaction that
is rolled back, with primary keys reused).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

import redis
from django.conf import settings
from django.db import connection, transaction
from django.utils.http import http_date

logger = logging.getLogger(__name__)

#: How long a generation token is kept. Any value is correct (a lost token becomes a new
#: one, see above); it only bounds the keys of claims nobody writes or polls any more.
GENERATION_SECONDS = 86400
#: After a Redis error, readers go straight to the database for this long.
_PAUSE_SECONDS = 5.0
_TIMEOUT_SECONDS = 0.5

_clients: dict[str, redis.Redis] = {}
_paused_until = 0.0


@dataclass(frozen=True, slots=True)
class StatusEntry:
    """A rendered status answer: the same bytes and validators for every caller."""

    status: str
    body: bytes
    etag: str
    last_modified: int

    def encode(self, generation: bytes) -> bytes:
        head = b"\n".join(
            [
                generation,
                self.status.encode(),
                str(self.last_modified).encode(),
                self.etag.encode(),
            ]
        )
        return head + b"\n" + self.body

    @classmethod
    def decode(cls, value: bytes, generation: bytes) -> StatusEntry | None:
        """The entry stored in ``value`` if it was computed under ``generation``."""
        parts = value.split(b"\n", 4)
        if len(parts) != 5 or parts[0] != generation:
            return None
        return cls(
            status=parts[1].decode(),
            body=parts[4],
            etag=parts[3].decode(),
            last_modified=int(parts[2]),
        )

    @property
    def last_modified_header(self) -> str:
        return http_date(self.last_modified)


def render(row: dict[str, Any]) -> StatusEntry:
    """The answer for a ``claim_status_row``: JSON body, ``ETag`` digest, ``Last-Modified``."""
    from claims.api.serializers import ClaimStatusSerializer

    data = ClaimStatusSerializer.render(row)
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return StatusEntry(
        status=row["status"],
        body=body,
        etag=etag,
        last_modified=int(row["last_modified"].timestamp()),
    )


def _compute(claim_id: int) -> StatusEntry | None:
    from claims.api import selectors

    row = selectors.claim_status_row(claim_id=claim_id)
    return None if row is None else render(row)


def _keys(claim_id: int) -> tuple[str, str]:
    prefix = settings.STATUS_CACHE_PREFIX
    return f"{prefix}status-gen:{claim_id}", f"{prefix}status-body:{claim_id}"


def _client() -> redis.Redis | None:
    url = settings.REDIS_URL
    if not url:
        return None
    client = _clients.get(url)
    if client is None:
        client = redis.Redis.from_url(
            url, socket_timeout=_TIMEOUT_SECONDS, socket_connect_timeout=_TIMEOUT_SECONDS
        )
        _clients[url] = client
    return client


def _new_generation() -> bytes:
    return os.urandom(9).hex().encode()


def _reader() -> redis.Redis | None:
    """The client for a read, or None when reads go to the database."""
    if settings.STATUS_CACHE_SECONDS <= 0 or connection.in_atomic_block:
        return None
    if _paused_until and time.monotonic() < _paused_until:
        return None
    return _client()


def _pause(exc: Exception) -> None:
    global _paused_until
    logger.warning(
        "status cache: Redis unavailable (%s); reading from the database for %.0fs",
        exc,
        _PAUSE_SECONDS,
    )
    _paused_until = time.monotonic() + _PAUSE_SECONDS


def status_entry(*, claim_id: int) -> StatusEntry | None:
    """The status answer of ``claim_id`` (None when there is no such claim), cached or not.

    Visibility is not checked here: the caller compares ``entry.status`` with the user.
    """
    client = _reader()
    if client is None:
        return _compute(claim_id)
    gen_key, body_key = _keys(claim_id)
    try:
        generation, stored = cast(list[bytes | None], client.mget(gen_key, body_key))
    except redis.RedisError as exc:
        _pause(exc)
        return _compute(claim_id)
    if generation is not None and stored is not None:
        entry = StatusEntry.decode(stored, generation)
        if entry is not None:
            return entry
    # The generation was read before this query: see the module docstring.
    entry = _compute(claim_id)
    if entry is None:
        return None
    try:
        if generation is None:
            client.set(gen_key, _new_generation(), nx=True, ex=GENERATION_SECONDS)
        else:
            client.set(body_key, entry.encode(generation), ex=settings.STATUS_CACHE_SECONDS)
    except redis.RedisError as exc:
        _pause(exc)
    return entry


def _renew(claim_ids: list[int]) -> None:
    """Give each claim a fresh generation: answers cached so far are never served again."""
    client = _client()
    if client is None or not claim_ids:
        return
    generation = _new_generation()
    for attempt in (1, 2):
        try:
            with client.pipeline(transaction=False) as pipe:
                for claim_id in claim_ids:
                    pipe.set(_keys(claim_id)[0], generation, ex=GENERATION_SECONDS)
                pipe.execute()
            return
        except redis.RedisError as exc:
            if attempt == 2:
                logger.error(
                    "status cache: could not renew claims %s (%s); their cached status may "
                    "be served for up to %ss",
                    claim_ids[:20],
                    exc,
                    settings.STATUS_CACHE_SECONDS,
                )


def status_changed(*, claim_ids: Iterable[int]) -> None:
    """Renew the claims' generations once the current transaction commits.

    Call it from every write that can change a claim's status body. Now when no transaction
    is open (the write has committed); nothing without ``REDIS_URL``. Never raises.
    """
    if not settings.REDIS_URL:
        return
    ids = sorted({int(claim_id) for claim_id in claim_ids})
    if ids:
        transaction.on_commit(lambda: _renew(ids), robust=True)


def source_status_changed(*, source_id: int) -> None:
    """A source's ``fetch_status`` was written: renew every claim with evidence from it.

    The claims are looked up after the commit: evidence added by a transaction that
    commits later renews its own claim after that commit.
    """
    if not settings.REDIS_URL:
        return

    def renew() -> None:
        from verification.models import Evidence

        claim_ids = Evidence.objects.filter(source_id=source_id).values_list("claim_id", flat=True)
        _renew(sorted(set(claim_ids)))

    transaction.on_commit(renew, robust=True)


# ------------------------------------------------------------------------------- deletes


def _claim_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    status_changed(claim_ids=[instance.pk])


def _child_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    status_changed(claim_ids=[instance.claim_id])


def _user_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Their assignments become NULL through an UPDATE the ORM sends no signal for.
    if not settings.REDIS_URL:
        return
    from claims.models import Claim

    status_changed(
        claim_ids=Claim.objects.filter(assignee_id=instance.pk).values_list("id", flat=True)
    )


def connect_signals() -> None:
    """Deletes (often cascades from an article, a source or a user) renew generations too."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_delete, pre_delete

    from claims.models import Claim
    from verification.models import CheckRun, Evidence

    post_delete.connect(_claim_deleted, sender=Claim, dispatch_uid="status-cache-claim")
    post_delete.connect(_child_deleted, sender=Evidence, dispatch_uid="status-cache-evidence")
    post_delete.connect(_child_deleted, sender=CheckRun, dispatch_uid="status-cache-checkrun")
    pre_delete.connect(_user_deleted, sender=get_user_model(), dispatch_uid="status-cache-user")
