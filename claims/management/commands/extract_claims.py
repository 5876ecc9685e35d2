"""``extract_claims PATH [--format json|table]``: print the claims in a file; writes nothing."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.documents import DocumentError, read_document
from claims.extraction import extract_claims


class Command(BaseCommand):
    help = "Extract check-worthy claims from a UTF-8 text or HTML file and print them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="A UTF-8 text or HTML file.")
        parser.add_argument("--format", choices=("json", "table"), default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            document = read_document(options["path"], max_bytes=settings.INGEST_FILE_MAX_BYTES)
        except DocumentError as exc:
            raise CommandError(str(exc)) from exc
        candidates = extract_claims(document.text)
        if not candidates:
            raise CommandError(f"{options['path']}: no check-worthy claims found")
        if options["format"] == "json":
            self.stdout.write(
                json.dumps([c.to_dict() for c in candidates], indent=2, ensure_ascii=False)
            )
            return
        rows = [("kind", "value", "qualifier", "unit/currency", "speaker", "cw", "text")]
        for c in candidates:
            d = c.to_dict()
            rows.append(
                (
                    d["kind"],
                    "" if d["value"] is None else f"{d['value']:,}",
                    d["qualifier"] or "",
                    d["currency"] or d["unit"] or "",
                    d["speaker"] or "",
                    f"{d['checkworthiness']:.2f}",
                    _shorten(d["quote"] or d["text"], 70),
                )
            )
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  ".join([*cells, row[-1]]))


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
