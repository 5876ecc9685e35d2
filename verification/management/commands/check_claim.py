"""Request a source check of one claim from the shell, optionally for given URLs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.models import Claim
from verification.selectors import claim_evidence
from verification.services import check_request


class Command(BaseCommand):
    help = "Check a claim against the given URLs, or against the configured providers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("claim_id", type=int)
        parser.add_argument("--url", action="append", default=[], help="A page to check.")

    def handle(self, *args: Any, **options: Any) -> None:
        claim = Claim.objects.filter(id=options["claim_id"]).first()
        if claim is None:
            raise CommandError(f"No claim with id {options['claim_id']}.")
        try:
            run = check_request(claim=claim, actor=None, urls=options["url"] or None)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"check {run.pk}: {run.state}{f' ({run.error})' if run.error else ''}")
        for evidence in claim_evidence(claim=claim):
            self.stdout.write(f"  {evidence.stance or 'not read':<11} {evidence.source.url}")
            self.stdout.write(f"              {evidence.explanation}")
