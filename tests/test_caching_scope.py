"""A change renews what shows it and nothing else: the story and its listings, never the site."""

import pytest

from articles.models import Article, Comment
from articles.services.desk import article_publish, article_save, article_unpublish
from articles.services.moderation import comment_approve
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    CommentFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def _hit(client, url) -> bool:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get("X-Page-Cache") == "hit"


def _warm(client, *urls) -> None:
    for url in urls:
        client.get(url)
        assert _hit(client, url), url


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a service defers to its commit, as production does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_publish_an_approval_elsewhere_and_unpublish_reach_readers_at_once(
    client, editor, moderator, commit
):
    """Publishing shows the story on the front page at once; a comment approved on another
    story shows there at once and leaves the front page and the first story cached;
    unpublishing takes the story off its page and the front page at once."""
    lido = ArticleFactory(headline="Lido opens for the summer")
    BylineFactory(article=lido, author=AuthorFactory())
    quay = ArticleFactory(published=True, headline="Quay lights fixed")
    with commit():
        waiting = CommentFactory(
            article=quay, status=Comment.Status.PENDING, body="About time, too."
        )
    with commit():
        article_publish(article=lido, user=editor)
    lido.refresh_from_db()
    assert "Lido opens for the summer" in client.get("/").content.decode()
    _warm(client, "/", lido.get_absolute_url(), quay.get_absolute_url())
    with commit():
        comment_approve(comment=waiting, user=moderator)
    quay_page = client.get(quay.get_absolute_url())
    assert "X-Page-Cache" not in quay_page
    assert "About time, too." in quay_page.content.decode()
    assert _hit(client, "/")
    assert _hit(client, lido.get_absolute_url())
    with commit():
        article_unpublish(article=lido, user=editor)
    assert client.get(lido.get_absolute_url()).status_code == 404
    front = client.get("/")
    assert "X-Page-Cache" not in front
    assert "Lido opens for the summer" not in front.content.decode()
    assert _hit(client, quay.get_absolute_url())


def test_an_edit_renews_its_story_and_its_listings_only(client, editor, commit):
    """Editing a story renews its page, the front page and its section, author and tag pages;
    another story, and listings the story is not on, stay cached."""
    local, weather = SectionFactory(name="Local"), SectionFactory(name="Weather")
    maren, ivo = AuthorFactory(name="Maren Holt"), AuthorFactory(name="Ivo Trask")
    harbour, fog = TagFactory(name="harbour"), TagFactory(name="fog")
    wall = ArticleFactory(published=True, section=local, headline="Harbour wall repaired")
    BylineFactory(article=wall, author=maren)
    wall.tags.add(harbour)
    mist = ArticleFactory(published=True, section=weather, headline="Fog over the estuary")
    BylineFactory(article=mist, author=ivo)
    mist.tags.add(fog)
    shown = [
        wall.get_absolute_url(),
        "/",
        local.get_absolute_url(),
        maren.get_absolute_url(),
        harbour.get_absolute_url(),
        "/feeds/rss/",
    ]
    untouched = [
        mist.get_absolute_url(),
        weather.get_absolute_url(),
        ivo.get_absolute_url(),
        fog.get_absolute_url(),
    ]
    _warm(client, *shown, *untouched)
    wall = Article.objects.get(pk=wall.pk)
    wall.headline = "Harbour wall repaired at last"
    with commit():
        article_save(article=wall, user=editor, loaded_version=wall.version)
    for url in shown:
        response = client.get(url)
        assert "X-Page-Cache" not in response, url
        assert "Harbour wall repaired at last" in response.content.decode(), url
    for url in untouched:
        assert _hit(client, url), url


def test_a_story_moved_to_another_section_leaves_the_old_one_at_once(client, commit):
    """The section a story leaves drops it on the next read, as the one it joins shows it."""
    local, weather = SectionFactory(name="Local"), SectionFactory(name="Weather")
    story = ArticleFactory(published=True, section=local, headline="Sea fret warning")
    _warm(client, local.get_absolute_url(), weather.get_absolute_url())
    with commit():
        story.section = weather
        story.save()
    assert "Sea fret warning" not in client.get(local.get_absolute_url()).content.decode()
    assert "Sea fret warning" in client.get(weather.get_absolute_url()).content.decode()


def test_a_byline_or_tag_added_outside_the_desk_shows_at_once(client, commit):
    """Rows saved straight to the database (a command, the shell) renew the story too."""
    story = ArticleFactory(published=True)
    author, tag = AuthorFactory(name="Jory Rowe"), TagFactory(name="lifeboat")
    _warm(client, story.get_absolute_url(), author.get_absolute_url(), tag.get_absolute_url())
    with commit():
        BylineFactory(article=story, author=author)
    with commit():
        story.tags.add(tag)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Jory Rowe" in html and 'rel="tag">lifeboat</a>' in html
    assert story.headline in client.get(author.get_absolute_url()).content.decode()
    assert story.headline in client.get(tag.get_absolute_url()).content.decode()
    with commit():
        story.tags.clear()
    assert 'rel="tag">lifeboat</a>' not in client.get(story.get_absolute_url()).content.decode()
    assert story.headline not in client.get(tag.get_absolute_url()).content.decode()


def test_renaming_a_section_or_an_author_reaches_every_page_showing_it(client, commit):
    """A section's name is in the sections bar of every page; an author's in every byline."""
    local = SectionFactory(name="Local")
    author = AuthorFactory(name="Maren Holt")
    story = ArticleFactory(published=True, section=local)
    BylineFactory(article=story, author=author)
    other = ArticleFactory(published=True, section=None)
    _warm(client, "/", story.get_absolute_url(), other.get_absolute_url())
    with commit():
        local.name = "Saltmere and around"
        local.save()
    with commit():
        author.name = "Maren Holt-Pascoe"
        author.save()
    for url in ("/", story.get_absolute_url(), other.get_absolute_url()):
        assert "Saltmere and around" in client.get(url).content.decode(), url
    assert "Maren Holt-Pascoe" in client.get(story.get_absolute_url()).content.decode()


def test_a_drafts_save_leaves_every_cached_page_alone(client, editor, commit):
    """Editors save drafts all day: none of it touches a page readers are served."""
    story = ArticleFactory(published=True)
    draft = ArticleFactory(headline="Not yet")
    _warm(client, "/", story.get_absolute_url())
    draft.headline = "Not yet, still"
    with commit():
        article_save(article=draft, user=editor, loaded_version=draft.version)
    assert _hit(client, "/")
    assert _hit(client, story.get_absolute_url())


def test_made_up_query_parameters_share_the_cached_page(client):
    """Parameters no page reads are left out of the key, so they cannot fill the cache; a page
    number or search is a page of its own; an overlong value is served but never stored."""
    ArticleFactory(published=True)
    _warm(client, "/")
    assert _hit(client, "/?utm_source=newsletter&fbclid=abc")
    assert _hit(client, "/?zzz=1&utm_campaign=spring")
    assert not _hit(client, "/?page=1")
    assert _hit(client, "/?page=1&ref=x")
    long = "0" * 499 + "1"  # page one, in more characters than a reader's link has
    client.get(f"/?page={long}")
    assert not _hit(client, f"/?page={long}")
