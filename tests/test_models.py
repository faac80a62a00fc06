import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.models import Article, Byline, Citation, Source
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    CitationFactory,
    RelatedLinkFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def test_slug_is_made_from_the_headline():
    """An article saved without a slug gets one from its headline."""
    article = ArticleFactory(headline="Storm Brannock: ferries cancelled & roads shut")
    assert article.slug == "storm-brannock-ferries-cancelled-roads-shut"


def test_slugs_stay_unique_with_a_counter():
    """Two articles with one headline get distinct slugs, the second numbered."""
    first = ArticleFactory(headline="Harbour wall vote")
    second = ArticleFactory(headline="Harbour wall vote")
    third = ArticleFactory(headline="Harbour wall vote")
    assert (first.slug, second.slug, third.slug) == (
        "harbour-wall-vote",
        "harbour-wall-vote-2",
        "harbour-wall-vote-3",
    )


def test_long_headline_slug_fits_the_field():
    """A slug made from a 300-character headline fits in 255 characters, even numbered."""
    headline = "Saltmere " * 33
    first = ArticleFactory(headline=headline)
    second = ArticleFactory(headline=headline)
    assert len(first.slug) <= 255 and len(second.slug) <= 255
    assert second.slug.endswith("-2")


def test_an_edited_slug_is_kept():
    """An editor's own slug is not replaced on save."""
    article = ArticleFactory(headline="Long headline about the harbour", slug="harbour")
    article.headline = "Changed"
    article.save()
    article.refresh_from_db()
    assert article.slug == "harbour"


def test_duplicate_slug_is_refused_by_validation_with_a_message():
    """A slug that another article uses fails validation with a readable message."""
    ArticleFactory(slug="harbour-wall")
    clash = ArticleFactory.build(slug="harbour-wall", section=None)
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "slug" in error.value.message_dict


def test_bylines_come_back_in_their_order():
    """Bylines are read in the order the desk set, not the order they were added."""
    article = ArticleFactory()
    second = AuthorFactory(name="Tomos Quill")
    first = AuthorFactory(name="Annika Brandt")
    BylineFactory(article=article, author=second, position=1)
    BylineFactory(article=article, author=first, position=0, role=Byline.Role.BY)
    names = [b.author.name for b in article.bylines.select_related("author")]
    assert names == ["Annika Brandt", "Tomos Quill"]
    assert list(article.authors.order_by("bylines__position")) == [first, second]


def test_one_source_row_is_shared_by_every_article_citing_it():
    """Two stories citing the Saltmere Gazette point at one Source row."""
    gazette = SourceFactory(name="The Saltmere Gazette")
    a, b = ArticleFactory(), ArticleFactory()
    CitationFactory(article=a, source=gazette)
    CitationFactory(article=b, source=gazette)
    assert Source.objects.filter(name="The Saltmere Gazette").count() == 1
    assert set(gazette.articles.all()) == {a, b}


@pytest.mark.parametrize(
    ("make_duplicate", "message"),
    [
        (
            lambda a, s: Citation(article=a, source=s, position=5),
            "This source is already cited by the article.",
        ),
        (
            lambda a, s: Citation(article=a, source=SourceFactory(name="Other"), position=0),
            "Two citations cannot share a position.",
        ),
    ],
)
def test_citation_constraints_give_clear_errors(make_duplicate, message):
    """A second citation of one source, or a clash of positions, is refused and says why."""
    article = ArticleFactory()
    source = SourceFactory()
    CitationFactory(article=article, source=source, position=0)
    duplicate = make_duplicate(article, source)
    with pytest.raises(ValidationError) as error:
        duplicate.validate_constraints()
    assert message in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_byline_constraints_refuse_the_same_author_twice():
    """An author appears on one article's byline once."""
    byline = BylineFactory(position=0)
    again = Byline(article=byline.article, author=byline.author, position=1)
    with pytest.raises(ValidationError) as error:
        again.validate_constraints()
    assert "already on the byline" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        again.save()


def test_related_link_positions_are_unique_per_article():
    """Two related links of one article cannot share a position."""
    link = RelatedLinkFactory(position=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        RelatedLinkFactory(article=link.article, position=0)


def test_published_article_needs_a_publish_time():
    """The database refuses a published article with no publish time."""
    article = ArticleFactory()
    article.status = Article.Status.PUBLISHED
    article.published_at = None
    with pytest.raises(ValidationError) as error:
        article.validate_constraints()
    assert "needs a publish time" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        article.save()


def test_only_live_articles_are_published_for_readers():
    """The published() queryset holds only published articles whose time has passed."""
    live = ArticleFactory(published=True)
    ArticleFactory()  # draft
    ArticleFactory(status=Article.Status.UNPUBLISHED)
    scheduled = ArticleFactory(published=True)
    scheduled.published_at = scheduled.published_at.replace(year=scheduled.published_at.year + 1)
    scheduled.save()
    assert list(Article.objects.published()) == [live]
    assert list(Article.objects.scheduled()) == [scheduled]
    assert live.is_live and not scheduled.is_live and scheduled.is_scheduled


def test_every_model_has_a_readable_str():
    """Each model names itself in the admin and the shell."""
    citation = CitationFactory()
    byline = BylineFactory()
    assert str(citation.source) == citation.source.name
    assert str(byline).startswith("By ")
    assert str(citation.article) == citation.article.headline
