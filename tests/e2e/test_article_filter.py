"""The claim list's article filter in a real browser: search an article, pick it, see its claims."""

from __future__ import annotations

import pytest

from tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_picking_an_article_in_the_filter_lists_only_its_claims(open_as, make_member):
    # Given claims of three articles, one of them about Herat
    herat = ArticleFactory(title="Herat earthquake toll rises")
    others = [ArticleFactory(title="Budget speech"), ArticleFactory(title="Cricket final")]
    wanted = ClaimFactory.create_batch(2, article=herat)
    for article in others:
        ClaimFactory.create_batch(2, article=article)
    page = open_as(make_member("eve", "editors"))
    page.goto("/admin/claims/claim/?status__exact=new")

    # When the editor types part of its title in the filter and picks the suggestion
    page.click("#article-filter .select2-selection")
    page.fill(".select2-search__field", "herat")
    option = page.locator(".select2-results__option", has_text="Herat earthquake toll rises")
    with page.expect_navigation():
        option.click()

    # Then the list shows that article's claims only, the other filter is kept,
    # and the filter shows the chosen article
    assert f"article__id__exact={herat.pk}" in page.url and "status__exact=new" in page.url
    ids = page.locator("#result_list tbody tr .field-id").all_inner_texts()
    assert sorted(int(i) for i in ids) == sorted(c.pk for c in wanted)
    assert "Herat earthquake toll rises" in page.locator("#article-filter").inner_text()
