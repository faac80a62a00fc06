import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _headlines(response):
    return [a.headline for a in response.context["page"].object_list]


def _storms(count):
    """``count`` stories matching "storm", newest first by number, each naming its own pier."""
    for n in range(count):
        ArticleFactory(
            published=True,
            headline=f"Storm update number {n}",
            body=f"The storm reached pier {n} overnight.",
            published_at=timezone.now() - dt.timedelta(minutes=n + 1),
        )


def test_headline_match_outranks_dek_and_body_matches(client):
    """A word in the headline ranks above the same word in the dek, which ranks above the body."""
    ArticleFactory(
        published=True,
        headline="Council meets on Tuesday",
        dek="Agenda published",
        body="The lifeboat station roof will be discussed.",
        published_at=timezone.now() - dt.timedelta(minutes=5),
    )
    ArticleFactory(
        published=True,
        headline="Volunteers wanted",
        dek="The lifeboat crew is short of hands.",
        body="Call the station.",
        published_at=timezone.now() - dt.timedelta(minutes=10),
    )
    ArticleFactory(
        published=True,
        headline="Lifeboat launches twice in one night",
        dek="Rough seas off the point.",
        body="Crews were out until dawn.",
        published_at=timezone.now() - dt.timedelta(days=3),
    )
    response = client.get("/search/", {"q": "lifeboat"})
    assert _headlines(response) == [
        "Lifeboat launches twice in one night",
        "Volunteers wanted",
        "Council meets on Tuesday",
    ]


def test_results_highlight_the_matching_words(client):
    """Matching words are wrapped in <mark> in the headline and the excerpt, and text is escaped."""
    ArticleFactory(
        published=True,
        headline="Harbour <b>wall</b> repairs begin",
        body="Engineers began work on the harbour wall on Monday.",
    )
    html = client.get("/search/", {"q": "harbour"}).content.decode()
    assert "<mark>Harbour</mark>" in html
    assert "the <mark>harbour</mark> wall" in html
    assert "<b>wall</b>" not in html


def test_only_published_articles_are_found(client):
    """Drafts, scheduled and unpublished stories never appear in results."""
    ArticleFactory(published=True, headline="Regatta results announced")
    ArticleFactory(headline="Regatta draft")
    ArticleFactory(
        headline="Regatta scheduled",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + dt.timedelta(days=1),
    )
    ArticleFactory(
        headline="Regatta withdrawn",
        status=Article.Status.UNPUBLISHED,
        published_at=timezone.now() - dt.timedelta(days=1),
    )
    assert _headlines(client.get("/search/", {"q": "regatta"})) == ["Regatta results announced"]


def test_every_word_must_match(client):
    """Two words find stories with both, not either."""
    ArticleFactory(published=True, headline="Ferry fares rise", body="From April.")
    ArticleFactory(published=True, headline="Ferry timetable", body="Fares unchanged.")
    ArticleFactory(published=True, headline="Bus fares rise", body="From May.")
    found = _headlines(client.get("/search/", {"q": "ferry fares"}))
    assert sorted(found) == ["Ferry fares rise", "Ferry timetable"]


def test_results_are_paginated(client):
    """Ten results a page, with a link to the next keeping the query."""
    for n in range(13):
        ArticleFactory(published=True, headline=f"Storm update number {n}")
    first = client.get("/search/", {"q": "storm"})
    assert len(_headlines(first)) == 10
    assert "q=storm&amp;page=2" in first.content.decode()
    assert len(_headlines(client.get("/search/", {"q": "storm", "page": 2}))) == 3


def test_later_pages_highlight_their_own_articles(client):
    """Page two lists the eleventh to thirteenth matches, each with its own excerpt marked."""
    _storms(13)
    page = client.get("/search/", {"q": "storm", "page": 2}).context["page"]
    assert [a.headline for a in page.object_list] == [
        "Storm update number 10",
        "Storm update number 11",
        "Storm update number 12",
    ]
    for article in page.object_list:
        number = article.headline.rsplit(" ", 1)[1]
        assert f"<mark>Storm</mark> update number {number}" == article.headline_html
        assert f"<mark>storm</mark> reached pier {number} overnight" in article.excerpt_html


def test_results_show_how_many_stories_match_in_all(client):
    """The count covers every match, not only the page shown."""
    _storms(13)
    html = client.get("/search/", {"q": "storm", "page": 2}).content.decode()
    assert "13 stories match" in html
    assert "Page 2 of 2" in html


@pytest.mark.parametrize("number", ["3", "99", "9" * 30, "0", "-4", "abc", "1.5"])
def test_page_numbers_past_the_end_or_not_numbers_are_a_404(client, number):
    """A page out of range or not a number is no page of the results: a 404, as in ListView."""
    _storms(13)
    response = client.get("/search/", {"q": "storm", "page": number})
    assert response.status_code == 404


def test_a_blank_page_number_is_the_first_page(client):
    """``?page=`` (a form's empty field) is page one, as a missing one is."""
    _storms(13)
    page = client.get("/search/", {"q": "storm", "page": ""}).context["page"]
    assert (page.number, len(page.object_list), page.paginator.count) == (1, 10, 13)


def test_a_results_page_costs_the_same_queries_whatever_it_shows(client, settings):
    """One statement for a page of results with their sections, however many match and on any
    page; the sections bar comes from its cached fragment."""
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_CACHE_SECONDS": 0}
    _storms(25)
    client.get("/search/", {"q": "storm"})
    counts = []
    for params in ({"q": "storm"}, {"q": "storm", "page": 3}, {"q": "pier 7"}, {"q": "zzyzx"}):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/search/", params).status_code == 200
        counts.append(len(queries))
    assert counts == [1, 1, 1, 1]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a word or two"),
        ("   ", "Type a word or two"),
        ("!!! ??? ...", "no words to look for"),
        ("harbour " * 40, "longer than 200 characters"),
        ("harbour\x00wall", "match"),
        ("'; DROP TABLE articles_article; --", "match"),
        ('"unclosed quote -minus OR', "match"),
    ],
)
def test_odd_queries_get_a_helpful_page(client, query, message):
    """Empty, punctuation-only, overlong and hostile queries get a 200 page with advice."""
    ArticleFactory(published=True, headline="Harbour wall news")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_query_is_escaped_on_the_page(client):
    """What the reader typed is shown back escaped."""
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_search_vector_and_gin_index_exist_on_postgresql_only():
    """PostgreSQL gets a weighted vector with a GIN index; other databases keep the model's table as is."""
    from django.db import connection

    with connection.cursor() as cursor:
        columns = {
            column.name
            for column in connection.introspection.get_table_description(cursor, "articles_article")
        }
        if connection.vendor != "postgresql":
            assert "search_vector" not in columns
            return
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'article_search_vector_idx'"
        )
        (definition,) = cursor.fetchone()
    assert "search_vector" in columns
    assert "USING gin" in definition
    assert "search_vector" in definition
