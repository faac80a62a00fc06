"""``?page=`` and ``?cpage=`` name a page that exists, or the answer is a 404 (as ``ListView``'s)."""

import pytest

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    CommentFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

NOT_A_PAGE = ["abc", "0", "-1", "2", "99", "1.5", "9" * 30]


@pytest.fixture
def listings():
    """One story on every listing: each has page one only."""
    section, author, tag = SectionFactory(), AuthorFactory(), TagFactory()
    article = ArticleFactory(published=True, section=section, headline="Harbour wall holds")
    BylineFactory(article=article, author=author)
    article.tags.add(tag)
    return {
        "front": "/?",
        "section": section.get_absolute_url() + "?",
        "author": author.get_absolute_url() + "?",
        "tag": tag.get_absolute_url() + "?",
        "search": "/search/?q=harbour&",
        "search, empty query": "/search/?q=&",
    }


@pytest.mark.parametrize("number", NOT_A_PAGE)
def test_a_page_number_that_is_no_page_of_a_listing_is_a_404(client, listings, number):
    """Not a number, below one or past the end: every listing answers 404, not page one."""
    for name, url in listings.items():
        response = client.get(f"{url}page={number}")
        assert response.status_code == 404, name
        assert "We could not find that page" in response.content.decode()


def test_page_one_missing_or_blank_is_the_listing(client, listings):
    """No page number, a blank one and 1 are all page one."""
    for name, url in listings.items():
        for suffix in ("", "page=", "page=1"):
            assert client.get(url + suffix).status_code == 200, (name, suffix)


@pytest.mark.parametrize("number", NOT_A_PAGE)
def test_a_comment_page_that_does_not_exist_is_a_404(client, number):
    """The article's comment pages: one page of threads, so anything but 1 or "last" is a 404."""
    article = ArticleFactory(published=True)
    CommentFactory(article=article)
    response = client.get(article.get_absolute_url(), {"cpage": number})
    assert response.status_code == 404


def test_comment_pages_that_exist_are_served(client):
    """No cpage, 1 and "last" show the comments; a second page appears with the 51st thread."""
    article = ArticleFactory(published=True)
    CommentFactory.create_batch(51, article=article)
    for cpage in ("", "1", "2", "last"):
        assert client.get(article.get_absolute_url(), {"cpage": cpage}).status_code == 200
    assert client.get(article.get_absolute_url(), {"cpage": "3"}).status_code == 404


def test_a_404_for_a_bad_page_is_never_cached_and_leaves_the_page_cache_working(client, listings):
    """The 404 is private and not stored; the listing's real page is still cached and served."""
    url = listings["section"]
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    for _ in range(2):
        missing = client.get(url + "page=7")
        assert missing.status_code == 404
        assert "X-Page-Cache" not in missing
        assert "private" in missing["Cache-Control"]
        assert "no-cache" in missing["Cache-Control"]
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get(url + "page=1").status_code == 200
    assert client.get(url + "page=1")["X-Page-Cache"] == "hit"
