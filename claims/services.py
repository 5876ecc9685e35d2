"""Writes for articles and claims. Each service is one transaction with keyword-only args."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from claims import events
from claims.documents import normalise_text, title_from_text
from claims.extraction import ClaimCandidate, extract_claims
from claims.locks import claim_lock
from claims.models import Article, Claim, ClaimEvent, ClaimStatus
from claims.workflow import (
    NOTE_MAX_LENGTH,
    RoleNotAllowed,
    StaleVersion,
    check_action,
    clean_inputs,
    get_action,
    user_roles,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool

    @property
    def claims_count(self) -> int:
        return self.article.claims.count()


class NoClaimsFound(ValidationError):
    """The text holds nothing check-worthy; raised only when the caller requires claims."""


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_text_validate(text: str) -> None:
    """Refuse an empty or oversized article text; shared by ingest and the admin's form."""
    if not text.strip():
        raise ValidationError("The article text is empty.", code="empty")
    size = len(text.encode("utf-8"))
    if size > settings.INGEST_MAX_BYTES:
        raise ValidationError(
            f"The article text is {size:,} bytes; "
            f"the limit is {settings.INGEST_MAX_BYTES:,} bytes.",
            code="too_large",
        )


def article_ingest(
    *,
    text: str,
    title: str = "",
    url: str | None = None,
    publisher: str = "",
    author: str = "",
    published_at: datetime | None = None,
    actor: User | AnonymousUser | None = None,
    require_claims: bool = False,
) -> IngestResult:
    """Store an article and its extracted claims, or return the article with the same text.

    Idempotent on content: the SHA-256 of the normalised text is unique, so a repeat (even
    a concurrent one) returns the first article. Article and claims are saved together or
    not at all.
    """
    text = normalise_text(text or "")
    try:
        article_text_validate(text)
    except ValidationError as exc:
        raise ValidationError({"text": exc}) from exc
    digest = content_hash(text)
    existing = Article.objects.filter(content_sha256=digest).first()
    if existing is not None:
        return IngestResult(article=existing, created=False)

    candidates = extract_claims(text)
    if require_claims and not candidates:
        raise NoClaimsFound("No check-worthy claims were found in this text.")

    article = Article(
        title=(title or "").strip()[:500] or title_from_text(text),
        url=url or None,
        publisher=publisher[:200],
        author=author[:200],
        published_at=published_at,
        text=text,
        content_sha256=digest,
        created_by=actor if isinstance(actor, User) else None,
    )
    article.full_clean(exclude=["content_sha256"], validate_unique=False)
    try:
        with transaction.atomic():
            if url and Article.objects.filter(url=url).exists():
                raise ValidationError({"url": "An article with this URL already exists."})
            article.save()
            claims = Claim.objects.bulk_create(
                [_claim_from_candidate(article, c) for c in candidates]
            )
            ClaimEvent.objects.bulk_create(
                [
                    ClaimEvent(
                        claim=claim,
                        actor=article.created_by,
                        action="extracted",
                        to_status=ClaimStatus.NEW,
                    )
                    for claim in claims
                ]
            )
            # Verification subscribes (check on ingest); claims does not know it.
            events.claim_written.send(sender=Article, article=article, claims=claims, actor=actor)
    except IntegrityError:
        # A concurrent ingest of the same text won the race; return its article.
        existing = Article.objects.filter(content_sha256=digest).first()
        if existing is None:
            raise
        return IngestResult(article=existing, created=False)
    logger.info("ingested article %s with %d claims", article.pk, len(candidates))
    return IngestResult(article=article, created=True)


def _claim_from_candidate(article: Article, candidate: ClaimCandidate) -> Claim:
    value = candidate.value
    return Claim(
        article=article,
        kind=candidate.kind,
        text=candidate.text,
        start=candidate.start,
        end=candidate.end,
        span_start=getattr(candidate, "figure_start", None),
        span_end=getattr(candidate, "figure_end", None),
        value=Decimal(value) if value is not None else None,
        qualifier=candidate.qualifier or "",
        unit=(candidate.unit or "")[:50],
        currency=candidate.currency or "",
        quote=candidate.quote or "",
        speaker=(candidate.speaker or "")[:200],
        checkworthiness=min(1.0, max(0.0, float(candidate.checkworthiness))),
        status=ClaimStatus.NEW,
    )


def claim_transition(
    *,
    claim: Claim,
    action: str,
    actor: Any,
    version: int,
    verdict: str | None = None,
    note: str = "",
    assignee: Any = None,
) -> Claim:
    """Apply one workflow action to ``claim`` and return the claim as stored afterwards.

    One transaction: lock the row, check the version the caller read (a stale one is a
    conflict, never an overwrite), check role, status and the per-claim rules, then a
    guarded UPDATE on (pk, version, status) plus the ClaimEvent. The guarded UPDATE is
    the second line of defence: even where the lock is a no-op (SQLite) two concurrent
    transitions from the same version cannot both succeed.

    Raises ``ValidationError`` (bad input), ``RoleNotAllowed``, ``ActionNotAllowed`` or
    ``StaleVersion``; nothing is written when any of them is raised.
    """
    spec = get_action(action)
    inputs = clean_inputs(action=spec, verdict=verdict, note=note, assignee=assignee)
    roles = user_roles(actor)
    if spec.role not in roles:
        # Refuse before taking a lock: a user without the role never blocks others.
        raise RoleNotAllowed(f"You need the {spec.role} role to {spec.label.lower()}.")
    with transaction.atomic():
        current = claim_lock(claim.pk)
        if current.version != version:
            raise StaleVersion(
                f"Claim {current.pk} was changed by someone else (version {current.version}, "
                f"you had {version})."
            )
        check_action(action=spec, claim=current, user=actor, roles=roles)
        from_status = current.status
        to_status = spec.target_status(from_status)
        changes: dict[str, Any] = {"status": to_status}
        if spec.name == "start_review":
            changes["assignee"] = actor
        elif spec.name == "assign":
            changes["assignee"] = inputs.assignee
        elif spec.name == "propose_verdict":
            changes.update(verdict=inputs.verdict, verdict_note=inputs.note, proposed_by=actor)
        elif spec.name in {"send_back", "reopen"}:
            # A new proposal is needed before publishing again; four eyes then applies to it.
            changes["proposed_by"] = None
        _clean_changes(current, changes)
        updated = Claim.objects.filter(pk=current.pk, version=version, status=from_status).update(
            **changes,
            version=F("version") + 1,
            activity=F("activity") + 1,
            updated_at=timezone.now(),
        )
        if updated != 1:
            raise StaleVersion(f"Claim {current.pk} was changed by someone else.")
        ClaimEvent.objects.create(
            claim=current,
            actor=actor,
            action=spec.name,
            from_status=from_status,
            to_status=to_status,
            verdict=inputs.verdict,
            note=_event_note(spec.name, inputs.note, inputs.assignee),
        )
        events.claim_status_changed.send(
            sender=Claim,
            claim=current,
            action=spec.name,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
        )
    logger.info(
        "claim %s: %s by %s (%s -> %s, version %s -> %s)",
        current.pk,
        spec.name,
        getattr(actor, "pk", None),
        from_status,
        to_status,
        version,
        version + 1,
    )
    return Claim.objects.select_related("article", "assignee", "proposed_by").get(pk=claim.pk)


def claim_add_note(*, claim: Claim, actor: Any, note: str, version: int) -> Claim:
    """Add a note to a claim's history without changing its status.

    It is a write like any other, so it carries and bumps the version: whoever has the
    claim open learns that the history moved on.
    """
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Write a note first."}, code="required")
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": f"The note is {len(note)} characters; the limit is {NOTE_MAX_LENGTH}."}
        )
    if not user_roles(actor):
        raise RoleNotAllowed("You need the reviewer or editor role to add a note.")
    with transaction.atomic():
        current = claim_lock(claim.pk)
        if current.version != version:
            raise StaleVersion(f"Claim {current.pk} was changed by someone else.")
        updated = Claim.objects.filter(pk=current.pk, version=version).update(
            version=F("version") + 1, activity=F("activity") + 1, updated_at=timezone.now()
        )
        if updated != 1:
            raise StaleVersion(f"Claim {current.pk} was changed by someone else.")
        ClaimEvent.objects.create(
            claim=current,
            actor=actor,
            action="note",
            from_status=current.status,
            to_status=current.status,
            note=note,
        )
    logger.info("claim %s: note by %s", current.pk, getattr(actor, "pk", None))
    return Claim.objects.select_related("article", "assignee", "proposed_by").get(pk=claim.pk)


def claim_activity_bump(*, claim_ids: Iterable[int]) -> None:
    """Record that something the status endpoint shows changed for these claims.

    Called inside the writing transaction (check runs, evidence, source fetch results), so
    the new ETag becomes visible exactly when the write does.
    """
    ids = sorted({int(claim_id) for claim_id in claim_ids})
    if ids:
        Claim.objects.filter(pk__in=ids).update(activity=F("activity") + 1)


def _clean_changes(claim: Claim, changes: dict[str, Any]) -> None:
    """Run the model's field validation on the fields this write changes (full_clean)."""
    for name, value in changes.items():
        setattr(claim, name, value)
    names = {Claim._meta.get_field(name).name for name in changes}
    exclude = [f.name for f in Claim._meta.get_fields() if f.concrete and f.name not in names]
    claim.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)


def _event_note(action: str, note: str, assignee: Any) -> str:
    if action == "assign" and assignee is not None:
        prefix = f"Assigned to {assignee.get_username()}."
        return f"{prefix} {note}" if note else prefix
    return note


ARTICLE_METADATA_FIELDS = ("title", "url", "publisher", "author", "published_at")


def article_update_metadata(*, article: Article, actor: Any, **values: Any) -> Article:
    """Change an article's metadata and record who changed what, in one transaction.

    Only ``ARTICLE_METADATA_FIELDS`` may change: the text is what claim offsets point
    into, so it stays as ingested. Nothing is written when nothing changed.
    """
    from claims.models import ArticleEdit

    unknown = set(values) - set(ARTICLE_METADATA_FIELDS)
    if unknown:
        raise ValidationError(f"Only the metadata can change, not {', '.join(sorted(unknown))}.")
    if "url" in values:
        values["url"] = values["url"] or None
    with transaction.atomic():
        current = Article.objects.select_for_update().get(pk=article.pk)
        changes = {
            name: [_shown(getattr(current, name)), _shown(value)]
            for name, value in values.items()
            if getattr(current, name) != value
        }
        if not changes:
            return current
        for name in changes:
            setattr(current, name, values[name])
        current.full_clean(exclude=["content_sha256", "text", "created_by"])
        current.save(update_fields=list(changes))
        ArticleEdit.objects.create(
            article=current, actor=actor if isinstance(actor, User) else None, changes=changes
        )
    logger.info("article %s: %s changed by %s", current.pk, ", ".join(changes), actor)
    return current


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)
