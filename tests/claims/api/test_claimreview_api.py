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
    assert review["url"] == f"https://desk.example/factchecks/{claim.pk}/"
    assert review["claimReviewed"] == claim.text
    assert review["datePublished"] == "2024-05-03"
    assert review["author"] == {
        "@type": "Organization",
        "name": "Example Checks",
        "url": "https://checks.example/",
    }
    assert review["reviewRating"] == {
        "@type": "Rating",
        "name": "Accurate",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Accurate",
        "ratingExplanation": "Checked.",
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    # the claimant is the source the sentence names ("..., officials said")
    assert item["author"] == {"@type": "Organization", "name": "officials"}
    assert item["datePublished"] == "2024-05-01"
    assert item["appearance"] == [item["firstAppearance"]]
    assert item["firstAppearance"]["@type"] == "NewsArticle"
    assert item["firstAppearance"]["url"] == "https://news.example/flood"
    assert item["firstAppearance"]["headline"] == article.title
    assert item["firstAppearance"]["datePublished"] == "2024-05-01T09:00:00+00:00"


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
    assert [r["url"].rstrip("/").rsplit("/", 1)[-1] for r in reviews] == [str(first.pk)]
    assert vocabulary_problems(reviews) == []


LONG = (
    "The provincial government said on Tuesday that reconstruction of the flooded districts "
    "would cost more than $1.2 billion over the next three years, the finance minister said."
)


def test_claim_reviewed_is_short_and_keeps_the_figure_and_the_claimant(anon_client):
    # Given a long sentence whose figure is attributed at its end
    figure = LONG.index("more than $1.2 billion")
    claim = published_claim(
        text=LONG, end=len(LONG), span_start=figure, span_end=figure + 22, speaker=""
    )
    # When its ClaimReview is read
    review = anon_client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    # Then the claim reviewed is under 75 characters and still says the figure
    assert len(review["claimReviewed"]) < 75
    assert "more than $1.2 billion" in review["claimReviewed"]
    # And the claimant is the source the sentence names, not the publisher
    assert review["itemReviewed"]["author"]["name"] == "finance minister"


def test_a_long_quote_is_reviewed_whole(anon_client):
    quote = "We will rebuild every school that was destroyed, and we will do it before winter " * 2
    claim = published_claim(kind=ClaimKind.QUOTE, value=None, quote=quote, speaker="Amna Baig")
    review = anon_client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert review["claimReviewed"] == quote


def test_the_public_sees_no_assignee_on_published_claims(anon_client, reviewer):
    claim = published_claim(assignee=reviewer)
    for path in (f"/api/v1/claims/{claim.pk}/", "/api/v1/claims/?status=published"):
        body = anon_client.get(path).json()
        row = body if "id" in body else body["results"][0]
        assert "assignee" not in row and "assignee_username" not in row


def test_the_desk_still_sees_the_assignee(reviewer_client, reviewer):
    claim = published_claim(assignee=reviewer)
    row = reviewer_client.get(f"/api/v1/claims/{claim.pk}/").json()
    assert row["assignee_username"] == reviewer.get_username()


def test_claimreview_is_served_as_ld_json_when_asked(anon_client):
    claim = published_claim()
    response = anon_client.get(
        f"/api/v1/claims/{claim.pk}/claimreview/", HTTP_ACCEPT="application/ld+json"
    )
    assert response["Content-Type"].startswith("application/ld+json")
    assert response.json()["@type"] == "ClaimReview"


def test_without_a_speaker_or_a_named_source_the_publisher_is_the_claimant(anon_client):
    article = ArticleFactory(publisher="Daily Example", text="Prices rose 12 percent in May.")
    claim = published_claim(article=article, text=article.text, end=len(article.text))
    review = anon_client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Daily Example"}
