from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.api.support import (  # noqa: F401 - fixtures
    _fresh_cache,
    anon_client,
    editor_client,
    outsider,
    reviewer_client,
)

SCHOOL_OLD = (
    "Gunmen storm army school in Peshawar",
    "2014-12-16",
    "Taliban gunmen stormed the Army Public School in Peshawar on Tuesday. At least 141 "
    'people were killed, the army said. "We will not rest until every one of the attackers '
    'is hunted down," Nawaz Sharif said.',
)
SCHOOL_NEW = (
    "Pakistan mourns victims of Peshawar school attack",
    "2014-12-17",
    "Pakistan began three days of mourning for the victims of the Army Public School attack "
    'in Peshawar. The army said 141 people were killed in the school. "We will not rest until '
    'every one of the attackers is hunted down," Sharif said on Tuesday evening.',
)
UPDATE = (
    "Peshawar school toll rises",
    "2014-12-22",
    "Two more pupils wounded in the Army Public School attack in Peshawar died in hospital. "
    "The army said 160 people were killed when gunmen stormed the Army Public School in "
    "Peshawar.",
)
FERRY = (
    "Ferry capsizes on the Meghna river",
    "2014-12-17",
    "An overcrowded ferry capsized on the Meghna river near Chandpur in Bangladesh. At least "
    "141 people were killed, the coast guard said.",
)


@pytest.fixture
def ingest(django_capture_on_commit_callbacks):
    """Ingest (title, date, text) and run what commits trigger (matching, webhooks)."""
    from claims.services import article_ingest

    def run(story, **kwargs):
        title, day, text = story
        with django_capture_on_commit_callbacks(execute=True):
            result = article_ingest(
                text=text,
                title=title,
                published_at=datetime.fromisoformat(day).replace(tzinfo=UTC),
                **kwargs,
            )
        return result.article

    return run
