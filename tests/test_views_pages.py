import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Byline, Source
from articles.services.desk import article_publish, article_save
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    CitationFactory,
    RelatedLinkFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
    UserFactory,
    full_story,
)

pytestmark = pytest.mark.django_db


def _hidden_articles():
    future = timezone.now() + dt.timedelta(days=1)
    return [
        ArticleFactory(headline="Draft about the lighthouse keeper"),
        ArticleFactory(headline="Review copy about the ferry fares", status=Article.Status.REVIEW),
        ArticleFactory(
            headline="Scheduled piece on the regatta",
            status=Article.Status.PUBLISHED,
            published_at=future,
        ),
        ArticleFactory(
            headline="Withdrawn story about the pier",
            status=Article.Status.UNPUBLISHED,
            published_at=timezone.now() - dt.timedelta(days=1),
        ),
    ]


def test_front_page_lists_published_stories_with_byline_and_time(client):
    """The front page shows headline, dek, linked byline and a machine-readable time."""
    article = ArticleFactory(published=True, headline="Harbour wall rebuild approved")
    author = AuthorFactory(name="Maren Holt")
    BylineFactory(article=article, author=author)
    html = client.get("/").content.decode()
    assert "Harbour wall rebuild approved" in html
    assert article.dek in html
    assert f'href="{author.get_absolute_url()}"' in html
    assert f'datetime="{article.published_at.replace(microsecond=0).isoformat()}"' in html


def test_front_page_paginates(client):
    """Twenty stories a page; page two holds the older ones."""
    for n in range(25):
        ArticleFactory(
            published=True,
            headline=f"Tide report number {n:02d}",
            published_at=timezone.now() - dt.timedelta(hours=n + 1),
        )
    first = client.get("/").content.decode()
    assert "Tide report number 00" in first
    assert "Tide report number 24" not in first
    assert 'rel="next"' in first
    second = client.get("/?page=2").content.decode()
    assert "Tide report number 24" in second


def test_unpublished_articles_are_absent_from_every_listing(client):
    """Drafts, stories in review, scheduled and unpublished stories appear on no listing."""
    section = SectionFactory(name="Local")
    tag = TagFactory(name="harbour")
    author = AuthorFactory(name="Ives Penrose")
    hidden = _hidden_articles()
    for article in hidden:
        article.section = section
        article.save()
        article.tags.add(tag)
        BylineFactory(article=article, author=author)
    pages = ["/", section.get_absolute_url(), tag.get_absolute_url(), author.get_absolute_url()]
    for url in pages:
        html = client.get(url).content.decode()
        for article in hidden:
            assert article.headline not in html, (url, article.headline)


def test_unpublished_articles_are_404_for_readers(client):
    """A reader asking for a hidden article by its address gets a 404, not a 403."""
    for article in _hidden_articles():
        response = client.get(article.get_absolute_url())
        assert response.status_code == 404, article.status


def test_article_page_shows_byline_sources_related_links_and_tags(client):
    """The article page carries its byline (linked), its sources with kind and link, and links."""
    article = ArticleFactory(published=True, headline="Storm Brannock closes the quay")
    first = AuthorFactory(name="Maren Holt")
    second = AuthorFactory(name="Saltmere Gazette Staff", kind=Author.Kind.STAFF)
    BylineFactory(article=article, author=first, position=1)
    BylineFactory(article=article, author=second, position=2, role=Byline.Role.ADDITIONAL)
    source = SourceFactory(name="Saltmere Coastguard", kind=Source.Kind.OFFICIAL)
    CitationFactory(
        article=article,
        source=source,
        url="https://coastguard.example/brannock",
        evidence="The coastguard said the quay would stay shut until Friday.",
    )
    RelatedLinkFactory(article=article, title="Tide tables", url="https://tides.example/")
    RelatedLinkFactory(article=article, title="Named but unlinked report", url="")
    article.tags.add(TagFactory(name="Storm Brannock"))
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<h1>Storm Brannock closes the quay</h1>" in html
    assert f'<a href="{first.get_absolute_url()}" rel="author">Maren Holt</a>' in html
    assert "Additional reporting by" in html
    assert '<h2 id="sources-title">Sources</h2>' in html
    assert '<a href="https://coastguard.example/brannock"' in html
    assert '<span class="source-kind">Official body</span>' in html
    evidence = html[html.index('<details class="evidence">') :]
    assert evidence.index("would stay shut until Friday") < evidence.index("</details>")
    assert '<h2 id="related-title">Related</h2>' in html
    assert '<a href="https://tides.example/"' in html
    assert "Named but unlinked report" in html
    assert 'rel="tag">Storm Brannock</a>' in html


def test_article_page_ends_with_its_comment_section_and_a_signed_form(client):
    """Under the story: the approved comments, counted, and a form that posts to this article
    with a timestamp signed for it (the placeholder the template writes never reaches readers)."""
    from django.core import signing

    from articles.forms import SALT
    from tests.factories import CommentFactory

    article = ArticleFactory(published=True)
    CommentFactory(article=article, body="The quay lights are out again.")
    html = client.get(article.get_absolute_url()).content.decode()
    section = html[html.index('<section id="comments"') :]
    assert '<h2 id="comments-title">Comments (1)</h2>' in section
    assert "<p>The quay lights are out again.</p>" in section
    assert f'action="{reverse("articles:comment_post", args=[article.pk])}"' in section
    stamp = re.search(r'name="timestamp" value="([^"]*)"', section).group(1)
    assert signing.Signer(salt=SALT).unsign(stamp).startswith(f"{article.pk}:")
    assert "nr-timestamp" not in html


def test_bylines_keep_their_order(client):
    """Authors appear in byline position order, not alphabetically."""
    article = ArticleFactory(published=True)
    BylineFactory(article=article, author=AuthorFactory(name="Zoe Quillan"), position=1)
    BylineFactory(article=article, author=AuthorFactory(name="Abel Marr"), position=2)
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.index("Zoe Quillan") < html.index("Abel Marr")


def test_plain_text_body_becomes_escaped_paragraphs(client):
    """Blank lines make paragraphs; markup typed in plain text is shown, never run."""
    article = ArticleFactory(
        published=True,
        body="The harbour master spoke first.\n\nThen <script>alert(1)</script> came the vote.",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<p>The harbour master spoke first.</p>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_html_body_is_sanitised_with_an_allow_list(client):
    """An HTML body keeps paragraphs, emphasis and links; scripts and handlers are stripped."""
    article = ArticleFactory(
        published=True,
        body=(
            '<p>The <em>lifeboat</em> crew <a href="https://rnli.example/" onclick="x()">'
            "launched</a> at dawn.</p><script>steal()</script>"
            '<p><img src="x" onerror="steal()">Nobody was hurt.</p>'
            '<p><a href="javascript:steal()">bad link</a></p>'
        ),
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<em>lifeboat</em>" in html
    assert 'href="https://rnli.example/"' in html
    assert "steal()" not in html
    assert "onclick" not in html
    assert "javascript:" not in html
    assert "Nobody was hurt." in html


def test_updated_time_shows_only_when_edited_after_publishing(client):
    """An edit well after publication shows an 'Updated' time; a fresh story does not."""
    fresh = ArticleFactory(published=True)
    edited = ArticleFactory(published=True)
    edited.content_updated_at = edited.published_at + dt.timedelta(hours=2)
    edited.save()
    assert "Updated <time" not in client.get(fresh.get_absolute_url()).content.decode()
    html = client.get(edited.get_absolute_url()).content.decode()
    assert (
        f'Updated <time datetime="{edited.content_updated_at.replace(microsecond=0).isoformat()}"'
        in html
    )


def test_wrong_date_in_address_redirects_to_the_canonical_one(client):
    """The slug decides the story; a wrong date answers 301 to the right address."""
    article = ArticleFactory(published=True)
    response = client.get(f"/2001/1/1/{article.slug}/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_unknown_slug_gets_the_friendly_404(client):
    """A missing story gets a helpful page with a way back and a search box, not cached."""
    response = client.get("/2026/1/1/no-such-story/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert 'action="/search/"' in html
    assert "no-cache" in response["Cache-Control"]


def test_server_error_page_needs_no_database(rf):
    """The 500 page renders on its own and is never cached."""
    from articles.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert "no-cache" in response["Cache-Control"]


def test_staff_preview_a_draft_with_a_banner(client):
    """An editor sees a draft at its public address with a 'Not published' banner, never cached."""
    article = ArticleFactory(headline="Draft on the market hall")
    client.force_login(UserFactory(username="edna", groups=["Editors"]))
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not published." in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_staff_without_change_permission_cannot_preview(client):
    """Being staff is not enough: previewing needs the permission to change articles."""
    article = ArticleFactory()
    client.force_login(UserFactory(username="bare"))
    assert client.get(article.get_absolute_url()).status_code == 404


def test_section_page_lists_its_stories_and_advertises_its_feeds(client):
    """A section page shows its stories only and links its own RSS and Atom feeds."""
    local = SectionFactory(name="Local", description="News from the harbour town.")
    weather = SectionFactory(name="Weather")
    ArticleFactory(published=True, section=local, headline="Quay to reopen")
    ArticleFactory(published=True, section=weather, headline="Fog warning")
    html = client.get(local.get_absolute_url()).content.decode()
    assert "Quay to reopen" in html
    assert "Fog warning" not in html
    assert "News from the harbour town." in html
    assert f'href="/section/{local.slug}/rss/"' in html
    assert f'href="/section/{local.slug}/atom/"' in html


def test_author_page_shows_bio_and_their_stories(client):
    """An author page has the bio and only that author's published stories."""
    author = AuthorFactory(name="Maren Holt", bio="Maren covers the council and the harbour.")
    mine = ArticleFactory(published=True, headline="Council budget explained")
    BylineFactory(article=mine, author=author)
    ArticleFactory(published=True, headline="Someone else's story")
    html = client.get(author.get_absolute_url()).content.decode()
    assert "Maren covers the council and the harbour." in html
    assert "Council budget explained" in html
    assert "Someone else&#x27;s story" not in html
    assert f'href="/author/{author.slug}/rss/"' in html


def test_tag_page_lists_tagged_stories(client):
    """A tag page lists the published stories carrying that tag."""
    tag = TagFactory(name="lifeboat")
    tagged = ArticleFactory(published=True, headline="Lifeboat crew honoured")
    tagged.tags.add(tag)
    ArticleFactory(published=True, headline="Unrelated bake sale")
    html = client.get(tag.get_absolute_url()).content.decode()
    assert "Lifeboat crew honoured" in html
    assert "Unrelated bake sale" not in html


def test_unknown_section_author_and_tag_are_404(client):
    """Listing pages for names that do not exist are 404s."""
    for url in ["/section/nowhere/", "/author/nobody/", "/tag/nothing/"]:
        assert client.get(url).status_code == 404


def test_pages_have_landmarks_skip_link_and_labelled_search(client):
    """Every page has lang, a skip link to main, header/nav/main/footer and a labelled search box."""
    SectionFactory(name="Local")
    article = full_story()
    for url in ["/", article.get_absolute_url(), "/search/?q=harbour"]:
        html = client.get(url).content.decode()
        assert '<html lang="en-GB">' in html
        assert '<a class="skip-link" href="#main">Skip to content</a>' in html
        assert '<main id="main"' in html
        assert "<header" in html and "<footer" in html and '<nav class="site-nav"' in html
        assert '<label for="site-search">' in html and 'id="site-search"' in html
        assert html.count("<h1") == 1


def test_article_read_brings_typed_related_rows_and_approved_comments_only():
    """The article read gives complete, typed objects and only approved comments, oldest first."""
    from articles import selectors
    from articles.models import Comment
    from tests.factories import CommentFactory

    article = full_story(bylines=2, citations=1, links=1)
    old = CommentFactory(article=article, body="First word on the quay.")
    CommentFactory(article=article, status=Comment.Status.PENDING, body="Held back.")
    CommentFactory(article=article, status=Comment.Status.SPAM, body="Buy boats.")
    new = CommentFactory(article=article, body="Second word on the quay.")
    found = selectors.article_for_reader(slug=article.slug)
    story = selectors.article_story(found)
    stats = selectors.comment_stats(article=found)
    threads = selectors.comment_threads(article=found, stats=stats, number=1).threads
    assert [c.pk for c in threads] == [old.pk, new.pk]
    assert (stats.count, stats.threads) == (2, 2)
    assert stats.changed_at == max(c.status_changed_at or c.submitted_at for c in (old, new))
    assert isinstance(threads[0].submitted_at, dt.datetime)
    assert threads[0].submitted_at.tzinfo is not None
    assert isinstance(found.published_at, dt.datetime)
    assert found.section.name == article.section.name
    assert [b.author.name for b in story.bylines] == [
        b.author.name for b in article.bylines.order_by("position")
    ]
    assert story.citations[0].source.name
    assert story.related_links[0].title == "Council minutes"
    assert selectors.article_for_reader(slug="no-such-story") is None


def test_an_address_from_before_the_headline_changed_redirects(client, editor):
    """A draft's earlier address (a shared preview link) leads to the published story."""
    article = ArticleFactory(headline="Pier to close for repairs", created_by=editor)
    BylineFactory(article=article)
    old = article.get_absolute_url()
    article.headline = "Saltmere pier closes for three months of repairs"
    article_save(article=article, user=editor, loaded_version=article.version)
    client.force_login(editor)
    preview = client.get(old)
    assert preview.status_code == 301
    client.logout()
    assert client.get(old).status_code == 404, "readers learn nothing of a draft"
    article_publish(article=article, user=editor)
    article.refresh_from_db()
    old_day = old.rsplit("/", 2)[0]
    response = client.get(f"{old_day}/pier-to-close-for-repairs/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
