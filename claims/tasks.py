"""Celery tasks of the claims app: thin, id-based, idempotent."""

from __future__ import annotations

from celery import shared_task

from safefetch.fetch import FetchTransientError

IMPORT_MAX_RETRIES = 3


@shared_task(
    bind=True,
    name="claims.tasks.article_import_run",
    queue="fetch",
    autoretry_for=(FetchTransientError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=IMPORT_MAX_RETRIES,
)
def article_import_run(self, import_id: int) -> str | None:  # type: ignore[no-untyped-def]
    """Fetch and ingest one ``ArticleImport``; transient fetch failures are retried."""
    from claims.article_imports import article_import_fetch

    final_try = self.request.is_eager or self.request.retries >= IMPORT_MAX_RETRIES
    row = article_import_fetch(
        import_id=import_id, final_try=final_try, max_attempts=IMPORT_MAX_RETRIES + 1
    )
    return row.state if row is not None else None


@shared_task(name="claims.tasks.sweep_imports", acks_late=True)
def sweep_imports() -> list[int]:
    """Periodic (beat): publish again the article imports whose task message is lost."""
    from claims.article_imports import imports_sweep

    return imports_sweep().requeued
