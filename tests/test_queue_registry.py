"""A fresh process (web, beat, a management command) can enqueue any task by name.

Celery's autodiscovery is lazy: only a worker imports every app's tasks module when it
starts. Without ``desk.queue`` importing them on demand, a web process would raise
``NotRegistered`` for a task no earlier import happened to register.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """
import django
django.setup()
from celery import current_app
from desk.queue import enqueue
assert "repeats.tasks.match_article" not in current_app.tasks
enqueue("repeats.tasks.match_article", args=[0])
print("registered:", "repeats.tasks.match_article" in current_app.tasks)
"""


def test_a_fresh_process_enqueues_a_task_it_never_imported(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "",
        "SECRET_KEY": "queue-test-only",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "registered: True" in done.stdout
