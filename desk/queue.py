"""The thin layer every service enqueues through: a task is named, never imported.

Services and tasks would otherwise import each other (a task calls its service, the
service enqueues the task). ``enqueue`` looks the task up by name in the running Celery
app, so ``apply_async`` keeps its meaning: to the broker, or inline when
``CELERY_TASK_ALWAYS_EAGER`` is on (no ``REDIS_URL``). Callers that must wait for their
transaction use ``enqueue_on_commit``.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from celery import current_app
from django.db import transaction


def _task(task_name: str) -> Any:
    """The registered task; a web process has imported no task module (Celery autodiscovers
    them only when a worker starts), so the module the name starts with is imported."""
    if task_name not in current_app.tasks:
        importlib.import_module(task_name.rsplit(".", 1)[0])
    return current_app.tasks[task_name]


def enqueue(task_name: str, *, args: Sequence[Any], **options: Any) -> None:
    """Publish ``task_name`` with ``args`` now (broker errors reach the caller)."""
    _task(task_name).apply_async(args=list(args), **options)


def enqueue_on_commit(task_name: str, *, args: Sequence[Any], **options: Any) -> None:
    """Publish once the current transaction commits; a failure never undoes the write."""
    transaction.on_commit(lambda: enqueue(task_name, args=args, **options), robust=True)
