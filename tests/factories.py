import datetime as dt

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone

from articles.models import (
    Article,
    Author,
    Byline,
    Citation,
    Comment,
    RelatedLink,
    Section,
    Source,
    Tag,
)
from articles.roles import roles_sync


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")
    password = factory.django.Password("correct horse battery staple")
    is_staff = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            # A transactional test's flush empties the tables the roles migration filled.
            if Group.objects.filter(name__in=extracted).count() != len(extracted):
                roles_sync()
            self.groups.set(Group.objects.filter(name__in=extracted))


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Section {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"tag {n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Reporter Number{n}")
    kind = Author.Kind.PERSON


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Gazette {n}")
    kind = Source.Kind.OUTLET


class ArticleFactory(factory.django.DjangoModelFactory):
    """A draft by default; ``ArticleFactory(published=True)`` is live."""

    class Meta:
        model = Article

    class Params:
        published = factory.Trait(
            status=Article.Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1)),
            first_published_at=factory.SelfAttribute("published_at"),
        )

    headline = factory.Sequence(lambda n: f"Council approves harbour wall plan, part {n}")
    dek = "The Saltmere council voted after a long night of debate."
    body = factory.Sequence(
        lambda n: (
            f"Saltmere's council voted 5-2 on Tuesday to rebuild the harbour wall ({n}).\n\n"
            "The work starts in spring."
        )
    )
    section = factory.SubFactory(SectionFactory, name="Local")


class BylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Byline

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(AuthorFactory)
    position = factory.Sequence(lambda n: n)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    article = factory.SubFactory(ArticleFactory)
    source = factory.SubFactory(SourceFactory)
    evidence = "The Saltmere Gazette was the first to report the vote."
    position = factory.Sequence(lambda n: n)


class RelatedLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedLink

    article = factory.SubFactory(ArticleFactory)
    title = "Council minutes"
    url = "https://saltmere.example/minutes"
    position = factory.Sequence(lambda n: n)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory, published=True)
    author_name = factory.Sequence(lambda n: f"Reader {n}")
    author_email = factory.Sequence(lambda n: f"reader{n}@mail.example")
    body = factory.Sequence(lambda n: f"The wall has needed fixing for years. ({n})")
    status = Comment.Status.APPROVED
    content_hash = factory.Sequence(lambda n: f"{n:064x}")


def full_story(
    *, bylines: int = 2, citations: int = 2, links: int = 2, comments: int = 0, **kwargs
):
    """A published article with the given number of bylines, cited sources, links and comments."""
    kwargs.setdefault("published", True)
    article = ArticleFactory(**kwargs)
    for _ in range(bylines):
        BylineFactory(article=article)
    for _ in range(citations):
        CitationFactory(article=article, url="https://gazette.example/story")
    for _ in range(links):
        RelatedLinkFactory(article=article)
    for _ in range(comments):
        CommentFactory(article=article)
    return article
