"""Shared pieces for the check pipeline tests: settings that keep everything on 127.0.0.1,
realistic news pages, and a claim about the Peshawar school attack."""

from __future__ import annotations

import itertools
from decimal import Decimal
from pathlib import Path
from typing import cast

import pytest

from claims.models import Claim, ClaimKind, Qualifier
from tests.factories import ArticleFactory, ClaimFactory

PAGES = Path(__file__).parent / "pages"

PESHAWAR_SENTENCE = (
    "At least 141 people were killed when Taliban gunmen attacked the Army Public School "
    "in Peshawar."
)


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


@pytest.fixture
def local_checks(settings):
    """Providers off, the local server reachable, and short fetch limits."""
    settings.WIKIPEDIA_API_URL = ""
    settings.FACTCHECK_API_KEY = ""
    settings.ARCHIVE_EVIDENCE = False
    settings.FETCH_ALLOWED_PRIVATE_HOSTS = ["127.0.0.1", "localhost"]
    settings.FETCH_TIMEOUT = 3.0
    return settings


_stories = itertools.count(1)


def peshawar_claim(**overrides) -> Claim:
    article = ArticleFactory(
        text=f"{PESHAWAR_SENTENCE} Schools were closed. Story {next(_stories)}."
    )
    values = {
        "article": article,
        "kind": ClaimKind.CASUALTY_COUNT,
        "text": PESHAWAR_SENTENCE,
        "start": 0,
        "end": len(PESHAWAR_SENTENCE),
        "value": Decimal(141),
        "qualifier": Qualifier.AT_LEAST,
        "unit": "killed",
    }
    values.update(overrides)
    return cast(Claim, ClaimFactory(**values))
