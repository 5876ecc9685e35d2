"""Articles in the browser: a duplicate says where the original is; reviewers may add
articles; metadata can be corrected and is audited, the text cannot (issue: the
reviewer's workplace)."""

from __future__ import annotations

import pytest

from claims.models import Article, ArticleEdit
from tests.e2e.conftest import horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = (
    "Karachi, 9 July.\n\nAt least 23 people were killed when heavy rain flooded low-lying "
    "districts, the disaster management authority said on Monday."
)


def add_article(page, title: str, text: str) -> None:
    page.goto("/admin/claims/article/add/")
    page.fill("#id_title", title)
    page.fill("#id_text", text)
    with page.expect_navigation():
        page.click("input[name=_save]")


def test_a_reviewer_adds_an_article_and_a_duplicate_links_the_original(open_as, make_member, shoot):
    # Given a reviewer
    page = open_as(make_member("rita", "reviewers"))

    # When they add an article
    add_article(page, "Rain floods Karachi", TEXT)

    # Then it is added with its claims
    article = Article.objects.get()
    assert article.claims.filter(value=23, unit="killed").exists()
    assert "was added successfully" in page.locator("ul.messagelist").inner_text()

    # When they paste the same text again under another title
    add_article(page, "Karachi rain, second copy", TEXT)
    shoot(page, "article-duplicate")

    # Then the page says it already exists and links it, and nothing new was added
    error = page.locator(".errorlist").first.inner_text()
    assert "already in Claimdesk as Rain floods Karachi" in error
    assert "was added successfully" not in page.content()
    link = page.locator("#existing-article")
    assert link.get_attribute("href") == f"/admin/claims/article/{article.pk}/change/"
    assert Article.objects.count() == 1
    link.click()
    page.wait_for_url(f"**/admin/claims/article/{article.pk}/change/")


def test_metadata_is_editable_and_audited_and_the_text_is_not(open_as, make_member, shoot):
    # Given an article with a typo in its title
    page = open_as(make_member("rita", "reviewers"))
    add_article(page, "Rain flods Karachi", TEXT)
    article = Article.objects.get()

    # When a reviewer corrects the title and adds the publisher, URL and date
    page.goto(f"/admin/claims/article/{article.pk}/change/")
    assert page.locator("textarea[name=text]").count() == 0  # the text cannot be edited
    page.fill("#id_title", "Rain floods Karachi")
    page.fill("#id_publisher", "The Coastal Daily")
    page.fill("#id_url", "https://coastal.example/rain-floods-karachi")
    page.fill("#id_published_at_0", "2026-07-09")
    page.fill("#id_published_at_1", "08:30:00")
    with page.expect_navigation():
        page.click("input[name=_continue]")

    # Then the article has the new metadata, the same text, and the edit is in its history
    article.refresh_from_db()
    assert (article.title, article.publisher) == ("Rain floods Karachi", "The Coastal Daily")
    assert article.url == "https://coastal.example/rain-floods-karachi"
    assert article.text.startswith("Karachi, 9 July.")
    edit = ArticleEdit.objects.get(article=article)
    assert edit.changes["title"] == ["Rain flods Karachi", "Rain floods Karachi"]
    assert edit.actor.get_username() == "rita"
    edits = page.locator("#edits").inner_text()
    assert "Rain flods Karachi" in edits and "Rain floods Karachi" in edits
    assert page.locator(".object-tools a.historylink").get_attribute("href") == "#edits"
    assert page.locator("#content a[href*='/admin/auth/']").count() == 0  # no road to a 403
    shoot(page, "article-edited")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert horizontal_overflow(page) == 0
