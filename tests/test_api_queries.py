"""The read API costs the same queries with 10 stories as with 1,000, each with all it carries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Author, Byline, Citation, RelatedLink, Section, Source, Tag
from tests.api_support import LIST, api_get, detail_url, token_make

pytestmark = pytest.mark.django_db


def _stories(count: int, *, start: int) -> list[Article]:
    """``count`` live stories in bulk, each with two bylines, a cited source, a link and a tag."""
    section, _ = Section.objects.get_or_create(name="Harbour", slug="harbour")
    tag, _ = Tag.objects.get_or_create(name="ferries", slug="ferries")
    source, _ = Source.objects.get_or_create(name="Saltmere Gazette", slug="saltmere-gazette")
    authors = [
        Author.objects.get_or_create(name=name, slug=name.lower().replace(" ", "-"))[0]
        for name in ("Maren Holt", "Ivo Trask")
    ]
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            headline=f"Harbour note {n}",
            slug=f"harbour-note-{n}",
            body=f"The ferry ran on time for day {n}.\n\nThe quay was busy.",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=now - dt.timedelta(minutes=n),
            first_published_at=now - dt.timedelta(minutes=n),
        )
        for n in range(start, start + count)
    )
    Byline.objects.bulk_create(
        Byline(article=article, author=author, position=position)
        for article in articles
        for position, author in enumerate(authors)
    )
    Citation.objects.bulk_create(
        Citation(article=article, source=source, url="https://gazette.example/")
        for article in articles
    )
    RelatedLink.objects.bulk_create(
        RelatedLink(article=article, title="Timetable", url="https://ferry.example/")
        for article in articles
    )
    Article.tags.through.objects.bulk_create(
        Article.tags.through(article=article, tag=tag) for article in articles
    )
    return articles


def _count(client, url: str, key: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = api_get(client, url, key)
    assert response.status_code == 200, response.content
    return len(queries)


def test_list_and_detail_queries_do_not_grow_with_the_number_of_stories(client):
    """A page of 20 or 100 and one story: the same statements with 10 stories stored as with 1,000."""
    key = token_make()
    first = _stories(10, start=0)
    since = (timezone.now() - dt.timedelta(days=30)).isoformat().replace("+00:00", "Z")
    urls = [
        LIST,
        f"{LIST}?limit=100",
        f"{LIST}?section=harbour&author=maren-holt&updated_since={since}",
        detail_url(first[0].pk),
    ]
    api_get(client, LIST, key)  # the token's first use is noted once, not counted below
    small = [_count(client, url, key) for url in urls]
    _stories(990, start=10)
    second_page = api_get(client, LIST, key).json()["next"].removeprefix("http://127.0.0.1:8000")
    large = [_count(client, url, key) for url in urls]
    assert small == large
    assert _count(client, second_page, key) == large[0]
    # The token, the stories, then bylines, citations, links, tags and body images.
    assert max(large) <= 7
    assert len(api_get(client, f"{LIST}?limit=100", key).json()["items"]) == 100
