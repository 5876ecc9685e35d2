"""``setup_demo``: roles, demo users and the sample article, for a local try-out only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims.documents import read_document
from claims.roles import ensure_role_groups
from claims.services import article_ingest

SAMPLE = Path(__file__).resolve().parents[2] / "sample" / "peshawar_2014.txt"
SAMPLE_TITLE = "Peshawar school attack: China and Pakistan on counter-terrorism"
DEMO_USERS = (
    ("admin", None, True),
    ("reviewer", "reviewers", False),
    ("reviewer2", "reviewers", False),
    ("editor", "editors", False),
)


class Command(BaseCommand):
    help = "Create demo users (admin, reviewer, reviewer2, editor) and ingest the sample article."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("setup_demo creates users with a known password; set DEBUG=1.")
        password = settings.DEMO_PASSWORD
        User = get_user_model()
        with transaction.atomic():
            groups = ensure_role_groups()
            for username, group_name, is_super in DEMO_USERS:
                user, _ = User.objects.get_or_create(username=username)
                user.is_staff = True
                user.is_superuser = is_super
                user.email = f"{username}@claimdesk.example"
                user.set_password(password)
                user.save()
                if group_name:
                    user.groups.add(groups[group_name])
        document = read_document(SAMPLE, max_bytes=settings.INGEST_FILE_MAX_BYTES)
        result = article_ingest(text=document.text, title=SAMPLE_TITLE, publisher="Sample")
        self.stdout.write(
            f"Demo users: {', '.join(u for u, _, _ in DEMO_USERS)} (password: {password})\n"
            f"Sample article {result.article.pk} with {result.claims_count} claims."
        )
