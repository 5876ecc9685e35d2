"""ClaimReview JSON-LD: the published claims only, valid against schema.org's vocabulary."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import override_settings

from claims.models import ClaimEvent, ClaimKind
from tests.api.schemaorg import vocabulary_problems
from tests.api.support import publish, published_claim
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_the_checker_catches_a_property_its_type_lacks():
    bad = {"@type": "ClaimReview", "reviewRating": {"@type": "Rating", "headline": "x"}}
    assert vocabulary_problems(bad) == ["$.reviewRating.headline: not a property of Rating"]
    assert vocabulary_problems({"@type": "Claimreview"}) == ["$: unknown type Claimreview"]


@override_settings(
    SITE_URL="https://desk.example",
    CLAIMREVIEW_ORG_NAME="Example Checks",
    CLAIMREVIEW_ORG_URL="https://checks.example/",
)
def test_published_claim_renders_a_valid_claimreview(anon_client):
    # Given a published claim of a dated article from a named publisher
    article = ArticleFactory(
        url="https://news.example/flood",
        publisher="Daily Example",
        published_at=datetime(2024, 5, 1, 9, 0, tzinfo=UTC),
    )
    claim = published_claim(article=article)
    ClaimEvent.objects.filter(claim=claim, to_status="published").update(
        created_at=datetime(2024, 5, 3, 12, 0, tzinfo=UTC)
    )
    # When the public asks for its ClaimReview
    response = anon_client.get(f"/api/v1/claims/{claim.pk}/claimreview/")
    # Then it is schema.org ClaimReview, every property defined for its type
    assert response.status_code == 200
    review = response.json()
    assert vocabulary_problems(review) == []
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["url"] == f"https://desk.example/api/v1/claims/{claim.pk}/claimreview/"
    assert review["claimReviewed"] == claim.text
    assert review["datePublished"] == "2024-05-03"
    assert review["author"] == {
        "@type": "Organization",
        "name": "Example Checks",
        "url": "https://checks.example/",
    }
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Accurate",
        "ratingExplanation": "Checked.",
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "Daily Example"}
    assert item["datePublished"] == "2024-05-01"
    assert item["appearance"]["@type"] == "NewsArticle"
    assert item["appearance"]["url"] == "https://news.example/flood"
    assert item["appearance"]["headline"] == article.title


@pytest.mark.parametrize(
    ("verdict", "value", "label"),
    [
        ("accurate", 5, "Accurate"),
        ("mostly_accurate", 4, "Mostly accurate"),
        ("outdated", 3, "Outdated"),
        ("misleading", 2, "Misleading"),
        ("inaccurate", 1, "Inaccurate"),
        ("unverifiable", None, "Unverifiable"),
    ],
)
def test_verdicts_map_to_ratings(anon_client, verdict, value, label):
    claim = publish(ClaimFactory(), verdict=verdict)
    rating = anon_client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()["reviewRating"]
    assert rating.get("ratingValue") == value
    assert rating["alternateName"] == label


def test_quote_names_its_speaker_as_the_claim_author(anon_client):
    claim = publish(
        ClaimFactory(
            kind=ClaimKind.QUOTE, value=None, quote="We will not be cowed", speaker="Nawaz Sharif"
        )
    )
    police = publish(ClaimFactory(kind=ClaimKind.QUOTE, value=None, quote="Calm", speaker="Police"))
    review = anon_client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert review["claimReviewed"] == "We will not be cowed"
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Nawaz Sharif"}
    other = anon_client.get(f"/api/v1/claims/{police.pk}/claimreview/").json()
    assert other["itemReviewed"]["author"]["@type"] == "Organization"
    assert vocabulary_problems([review, other]) == []


def test_unpublished_claim_has_no_claimreview_even_for_the_desk(reviewer_client):
    claim = ClaimFactory()
    response = reviewer_client.get(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_article_claimreview_lists_its_published_claims(anon_client):
    article = ArticleFactory()
    first = published_claim(article=article)
    ClaimFactory(article=article)
    response = anon_client.get(
        f"/api/v1/articles/{article.pk}/claimreview/", HTTP_ACCEPT="application/ld+json"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    reviews = response.json()
    assert [r["url"].rsplit("/", 3)[-3] for r in reviews] == [str(first.pk)]
    assert vocabulary_problems(reviews) == []
