"""Enqueueing by name works in a fresh process that has imported no task module (a web
process: Celery autodiscovers tasks only when a worker starts)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_fresh_process_finds_tasks_by_name():
    code = (
        "import django; django.setup()\n"
        "from desk.queue import _task\n"
        "import sys\n"
        "assert 'verification.tasks' not in sys.modules\n"
        "print(_task('verification.tasks.check_fetch').name)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings", "CLAIMDESK_TESTING": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("verification.tasks.check_fetch")
