"""Listings: teasers show every value escaped, pages as Paginator gave them."""

import datetime as dt

import pytest
from django.core.paginator import InvalidPage, Paginator
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles import selectors
from articles.models import Article, Author, Byline, Section, Tag
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, SectionFactory

pytestmark = pytest.mark.django_db


def _format_html_byline(article) -> str:
    """The byline as format_html built it before it was written with html.escape."""
    groups: dict[str, list] = {}
    for line in article.bylines.all():
        groups.setdefault(line.role, []).append(line.author)
    phrases = []
    for role, authors in groups.items():
        links = [
            format_html('<a href="{}" rel="author">{}</a>', author.get_absolute_url(), author.name)
            for author in authors
        ]
        names = links[0] if len(links) == 1 else ", ".join(links[:-1]) + " and " + links[-1]
        label = Byline.Role(role).label
        phrases.append(format_html('<span class="byline">{} {}</span>', label, mark_safe(names)))
    return mark_safe(" · ".join(phrases))


def _awkward_stories() -> Section:
    """Stories whose every shown value needs escaping, in every byline shape."""
    arts = SectionFactory(name='Arts & "Culture" <Live>', description="Pics & <b>gigs</b>")
    now = timezone.now()
    crowded = ArticleFactory(
        published=True,
        published_at=now - dt.timedelta(hours=1),
        section=arts,
        headline="O'Brien's <b>harbour</b> & \"quay\"",
        dek="Fish & chips <i>tonight</i>",
    )
    people = ['Ann "Nan" Lee', "Bo & Co", "<Cy>", "D'Arcy", "Eve"]
    roles = [*[Byline.Role.BY] * 3, Byline.Role.WITH, Byline.Role.ADDITIONAL]
    for position, (name, role) in enumerate(zip(people, roles, strict=True)):
        BylineFactory(
            article=crowded, author=AuthorFactory(name=name), role=role, position=position
        )
    ArticleFactory(published=True, published_at=now - dt.timedelta(hours=2), dek="", section=None)
    single = ArticleFactory(published=True, published_at=now - dt.timedelta(days=40), section=arts)
    BylineFactory(article=single, author=AuthorFactory(name="Maren Holt"), position=0)
    return arts


def _listing_teasers(**narrow) -> str:
    """The teasers as teaser_list.html renders them, the pagination (one page: none) left out."""
    listing = selectors.article_listing(number=1, per_page=20, **narrow)
    context = {"page": listing.page, "section": listing.subject, "listing_version": str(narrow)}
    html = render_to_string("articles/includes/teaser_list.html", context)
    # Whitespace only: the list ends with the (empty) pagination include's own newlines.
    return html.rstrip("\n") + "\n"


def _byline(bylines) -> str:
    return render_to_string("articles/includes/byline.html", {"bylines": bylines})


def test_teasers_show_every_value_escaped_newest_first():
    """Headline, dek, byline, time and the section as a kicker, each escaped, newest first."""
    arts = _awkward_stories()
    html = _listing_teasers()
    assert html.count('<article class="teaser teaser-list">') == 3
    crowded = Article.objects.get(headline__startswith="O'Brien")
    headline = "O&#x27;Brien&#x27;s &lt;b&gt;harbour&lt;/b&gt; &amp; &quot;quay&quot;"
    assert (
        f'<h2 class="teaser-headline"><a href="{crowded.get_absolute_url()}">{headline}</a></h2>'
        in html
    )
    assert '<p class="dek">Fish &amp; chips &lt;i&gt;tonight&lt;/i&gt;</p>' in html
    assert str(_format_html_byline(crowded)) in html
    kicker = f'<p class="kicker"><a href="{arts.get_absolute_url()}">Arts &amp; &quot;Culture&quot; &lt;Live&gt;</a></p>'
    assert html.count(kicker) == 2
    assert html.index(headline) < html.index("Maren Holt")


def test_teasers_on_a_section_page_leave_the_section_out():
    """A section's own page names no section in its teasers."""
    arts = _awkward_stories()
    html = _listing_teasers(of=Section, slug=arts.slug)
    assert html.count('<article class="teaser teaser-list">') == 2
    assert "Arts &amp;" not in html


def test_byline_markup_is_pinned():
    """The byline groups roles in order, joins names with commas and "and", and escapes them."""
    _awkward_stories()
    article = selectors.article_listing(number=1, per_page=20).page.object_list[0]
    slugs = [line.author.slug for line in article.bylines.all()]
    expected = (
        f'<span class="byline">By <a href="/author/{slugs[0]}/" rel="author">Ann &quot;Nan&quot; Lee</a>, '
        f'<a href="/author/{slugs[1]}/" rel="author">Bo &amp; Co</a> and '
        f'<a href="/author/{slugs[2]}/" rel="author">&lt;Cy&gt;</a></span> · '
        f'<span class="byline">With <a href="/author/{slugs[3]}/" rel="author">D&#x27;Arcy</a></span> · '
        f'<span class="byline">Additional reporting by <a href="/author/{slugs[4]}/" rel="author">Eve</a></span>'
    )
    assert _byline(article.bylines.all()) == expected
    story = selectors.article_story(selectors.article_for_reader(slug=article.slug))
    assert _byline(story.bylines) == expected
    assert _format_html_byline(Article.objects.get(pk=article.pk)) == expected


def test_listed_articles_carry_their_section_bylines_and_no_body():
    """Listed articles come with their section and bylines; the body is left in the database."""
    arts = _awkward_stories()
    listing = selectors.article_listing(number=1, per_page=20, of=Section, slug=arts.slug)
    assert listing.subject == arts and listing.subject.description == arts.description
    articles = list(listing.page.object_list)
    with CaptureQueriesContext(connection) as queries:
        for article in articles:
            assert article.section == arts
            assert "body" in article.get_deferred_fields()
            assert all(line.author.name for line in article.bylines.all())
    assert not queries


def _section_of_eleven() -> Section:
    section = SectionFactory()
    start = timezone.now() - dt.timedelta(days=1)
    for n in range(11):
        ArticleFactory(published=True, section=section, published_at=start - dt.timedelta(hours=n))
    ArticleFactory(published=True, published_at=start - dt.timedelta(hours=3))
    return section


@pytest.mark.parametrize("number", [None, "", "1", "2", "3", " 2 "])
def test_listing_pages_as_paginator_page(number):
    """A page of the listing gets the page and articles ``Paginator.page`` gives; none is page one."""
    section = _section_of_eleven()
    expected = Paginator(
        Article.objects.filter(section=section).order_by("-published_at", "-pk"), 4
    ).page(number or 1)
    listing = selectors.article_listing(number=number, per_page=4, of=Section, slug=section.slug)
    assert listing.page.number == expected.number
    assert listing.page.paginator.num_pages == expected.paginator.num_pages == 3
    assert [a.pk for a in listing.page] == [a.pk for a in expected]


@pytest.mark.parametrize("number", ["4", "0", "-2", "banana", "2.0", "9" * 30])
def test_no_page_of_the_listing_is_invalid_page(number):
    """A number past the end, below one or not a whole number raises ``InvalidPage``, as
    ``Paginator.page`` does (the views answer 404)."""
    section = _section_of_eleven()
    with pytest.raises(InvalidPage):
        selectors.article_listing(number=number, per_page=4, of=Section, slug=section.slug)


def test_unknown_slug_is_no_listing():
    """A section, author or tag nobody has is no listing at all, even when nothing is published."""
    for model in (Section, Author, Tag):
        assert selectors.article_listing(number=1, per_page=20, of=model, slug="nowhere") is None


def test_empty_listing_is_one_empty_page():
    """A section with nothing published is page one of one, empty; it has no page three."""
    section = SectionFactory()
    listing = selectors.article_listing(number=None, per_page=20, of=Section, slug=section.slug)
    assert listing.page.number == 1 and list(listing.page) == []
    assert listing.page.paginator.num_pages == 1
    with pytest.raises(InvalidPage):
        selectors.article_listing(number="3", per_page=20, of=Section, slug=section.slug)
