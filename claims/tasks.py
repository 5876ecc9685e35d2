"""Celery tasks of the claims app: thin, id-based, idempotent."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from safefetch.fetch import FetchTransientError

IMPORT_MAX_RETRIES = 3


@shared_task(
    bind=True,
    queue="fetch",
    autoretry_for=(FetchTransientError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=IMPORT_MAX_RETRIES,
)
def article_import_run(self, import_id: int) -> str | None:  # type: ignore[no-untyped-def]
    """Fetch and ingest one ``ArticleImport``; transient fetch failures are retried."""
    from claims.imports import article_import_fetch

    final = self.request.is_eager or self.request.retries >= IMPORT_MAX_RETRIES
    row = article_import_fetch(
        import_id=import_id, final=final, max_attempts=IMPORT_MAX_RETRIES + 1
    )
    return row.state if row is not None else None


@shared_task(name="claims.tasks.sweep_imports_and_webhooks", acks_late=True)
def sweep_imports_and_webhooks() -> dict[str, list[Any]]:
    """Periodic (beat): publish again imports and webhook deliveries whose message is lost."""
    from claims.imports import imports_sweep
    from webhooks.services import deliveries_sweep

    imports = imports_sweep()
    deliveries = deliveries_sweep()
    return {"imports": imports.requeued, "deliveries": deliveries.requeued}
