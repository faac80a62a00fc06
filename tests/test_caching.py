import datetime as dt
import re
import time

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from articles.caching import versions_bump, versions_read
from articles.caching.stamps import stamps_cut, stamps_fill, timestamp_placeholder
from articles.forms import PENDING_COOKIE, PENDING_SALT, form_timestamp
from articles.models import Article, Comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory, full_story

pytestmark = pytest.mark.django_db

TIMESTAMP = re.compile(r'(?<=name="timestamp" value=")([^"]+)')
READER_VERSIONS = ("site", "nav", "front")


def _versions(article) -> dict[str, str]:
    return versions_read([*READER_VERSIONS, f"story:{article.slug}", f"comments:{article.slug}"])


def test_page_is_served_from_cache_on_the_second_read(client):
    """An anonymous reader's second request is answered from the page cache."""
    article = ArticleFactory(published=True)
    first = client.get(article.get_absolute_url())
    second = client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in first
    assert second["X-Page-Cache"] == "hit"
    assert second.content.decode().count(article.headline) >= 1


def test_unpublishing_empties_the_cache_for_readers(client, django_capture_on_commit_callbacks):
    """Publish, read (cached), unpublish, read again: the reader gets a 404, not the cached page."""
    article = ArticleFactory(headline="Ferry timetable change")
    with django_capture_on_commit_callbacks(execute=True):
        article.status = Article.Status.PUBLISHED
        article.published_at = article.created_at
        article.save()
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert "Ferry timetable change" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article.status = Article.Status.UNPUBLISHED
        article.save()
    assert client.get(url).status_code == 404
    assert "Ferry timetable change" not in client.get("/").content.decode()


def test_editing_a_story_shows_the_new_text_at_once(client, django_capture_on_commit_callbacks):
    """An edit to a published story reaches readers on the next request."""
    article = ArticleFactory(published=True, headline="Harbour wall costs rise")
    client.get(article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "Harbour wall costs rise again"
        article.save()
    assert (
        "Harbour wall costs rise again" in client.get(article.get_absolute_url()).content.decode()
    )


def test_approving_a_comment_renews_its_thread_only(client, django_capture_on_commit_callbacks):
    """An approved comment renews its article's comment version, and nothing else's."""
    article = ArticleFactory(published=True)
    with django_capture_on_commit_callbacks(execute=True):
        comment = CommentFactory(article=article, status=Comment.Status.PENDING)
    before = _versions(article)
    with django_capture_on_commit_callbacks(execute=True):
        comment.status = Comment.Status.APPROVED
        comment.save()
    after = _versions(article)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {f"comments:{article.slug}"}


def test_a_new_pending_comment_keeps_the_cache(django_capture_on_commit_callbacks):
    """A comment held for moderation changes no page, so a flood of them keeps the cache warm."""
    article = ArticleFactory(published=True)
    before = _versions(article)
    with django_capture_on_commit_callbacks(execute=True):
        CommentFactory(article=article, status=Comment.Status.PENDING)
        CommentFactory(article=article, status=Comment.Status.SPAM)
    assert _versions(article) == before


def test_a_rolled_back_edit_keeps_the_cache(django_capture_on_commit_callbacks):
    """Invalidation waits for the commit: nothing happens before it."""
    article = ArticleFactory(published=True)
    before = _versions(article)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.save()
    assert callbacks
    assert _versions(article) == before


def test_logged_in_users_never_use_the_cache(client):
    """A logged-in user's page is neither read from nor written to the cache, and is private."""
    article = ArticleFactory(published=True)
    client.force_login(UserFactory(username="edna", groups=["Editors"]))
    client.get(article.get_absolute_url())
    response = client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response


def _genuine_notice(client, kind: str, article) -> None:
    """Give ``client`` the cookie the site itself sets: a pending comment, or a message."""
    if kind == "nr_pending":
        response = HttpResponse()
        response.set_signed_cookie(PENDING_COOKIE, str(article.pk), salt=PENDING_SALT)
        client.cookies[PENDING_COOKIE] = response.cookies[PENDING_COOKIE].value
    else:
        request = RequestFactory().get("/")
        storage = CookieStorage(request)
        storage.add(messages.INFO, "Thank you. A moderator will look at it.")
        response = HttpResponse()
        storage.update(response)
        client.cookies[storage.cookie_name] = response.cookies[storage.cookie_name].value


@pytest.mark.parametrize("kind", ["messages", "nr_pending"])
def test_readers_with_a_notice_of_their_own_bypass_the_cache_on_the_article(client, kind):
    """A reader who has just commented or reported sees a fresh article page with their notice,
    not the cached one; the front page, which shows no notice, still comes from the cache."""
    article = ArticleFactory(published=True)
    client.get(article.get_absolute_url())
    client.get("/")
    _genuine_notice(client, kind, article)
    response = client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert client.get("/")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("cookie", ["messages", "nr_pending"])
@pytest.mark.parametrize("value", ["1", "", "x" * 300, "W10:1tZ3dY:forged-signature"])
def test_a_made_up_notice_cookie_gets_the_cached_page(client, cookie, value):
    """A cookie the site did not sign (or one past its time) is no notice: its bearer gets the
    cached page like everyone else, so nobody can get past the cache by inventing one."""
    article = ArticleFactory(published=True)
    client.get(article.get_absolute_url())
    client.cookies[cookie] = value
    response = client.get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert "public" in response["Cache-Control"]


@override_settings(NEWSROOM={"SITE_NAME": "S", "SITE_URL": "http://s", "PAGE_CACHE_SECONDS": 0})
def test_zero_seconds_turns_the_page_cache_off(client):
    """PAGE_CACHE_SECONDS=0 renders every page afresh."""
    article = ArticleFactory(published=True)
    client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in client.get(article.get_absolute_url())


def test_public_article_page_is_the_same_for_everyone_and_sets_no_cookie(client):
    """An article page, rendered or from the cache, sets no cookie and carries no CSRF token."""
    article = full_story()
    url = article.get_absolute_url()
    first = client.get(url)
    second = type(client)().get(url)
    assert "X-Page-Cache" not in first
    assert second["X-Page-Cache"] == "hit"
    for response in (first, second):
        assert 'class="comment-form"' in response.content.decode()
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert not response.cookies
        assert "Set-Cookie" not in response


def test_repeat_visit_gets_304(client):
    """The ETag of a page lets a repeat visit get 304 Not Modified, even with a form on it; the
    304 claims no length (a CDN would take "Content-Length: 0" for the page's) and varies alike."""
    article = full_story()
    url = article.get_absolute_url()
    first = client.get(url)
    assert first["ETag"]
    assert "Last-Modified" in first
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    served_from_cache = client.get(url, headers={"if-none-match": first["ETag"]})
    assert served_from_cache.status_code == 304
    for response in (again, served_from_cache):
        assert "Content-Length" not in response
        assert response["ETag"] == first["ETag"]
        assert response["Vary"] == first["Vary"] == "Cookie"
        assert response["Cache-Control"] == first["Cache-Control"]


def test_last_modified_is_the_latest_approval_on_the_page(
    client, settings, django_capture_on_commit_callbacks
):
    """An article's Last-Modified is the later of its own change and its newest approved comment."""
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_CACHE_SECONDS": 0}
    article = full_story(comments=0)
    Article.objects.filter(pk=article.pk).update(updated_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    url = article.get_absolute_url()
    assert client.get(url)["Last-Modified"] == "Sun, 01 Mar 2026 00:00:00 GMT"
    with django_capture_on_commit_callbacks(execute=True):
        sent = CommentFactory(article=article, status=Comment.Status.APPROVED)
    Comment.objects.filter(pk=sent.pk).update(
        submitted_at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC),
        status_changed_at=dt.datetime(2026, 3, 5, 9, 30, tzinfo=dt.UTC),
    )
    CommentFactory(article=article, status=Comment.Status.PENDING)
    assert client.get(url)["Last-Modified"] == "Thu, 05 Mar 2026 09:30:00 GMT"


def test_public_pages_may_be_kept_briefly_by_a_cdn(client):
    """An anonymous page says public with a short max-age."""
    response = client.get("/")
    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]


def test_a_bump_renews_only_the_versions_named():
    """Renewing a version changes its token for every reader of the cache, and no other."""
    before = versions_read(["front", "story:quay", "story:pier"])
    versions_bump(["story:quay"])
    after = versions_read(["front", "story:quay", "story:pier"])
    assert after["story:quay"] != before["story:quay"]
    assert after["front"] == before["front"] and after["story:pier"] == before["story:pier"]


def test_a_version_the_cache_lost_is_never_an_old_one(settings):
    """A version evicted from the cache comes back as a token no entry was stored under."""
    from django.core.cache import cache

    before = versions_read(["front"])["front"]
    cache.delete("version:front")
    assert versions_read(["front"])["front"] != before


def test_cache_hit_signs_the_stored_cuts_without_searching_the_page(client, monkeypatch):
    """The page is cut once when cached; a hit only joins the pieces around a fresh timestamp."""
    import articles.caching.pages

    article = ArticleFactory(published=True)
    url = article.get_absolute_url()
    first = client.get(url).content.decode()

    def no_search(html):
        raise AssertionError("a cache hit searched the page")

    monkeypatch.setattr(articles.caching.pages, "stamps_cut", no_search)
    later = time.time() + 30
    monkeypatch.setattr(time, "time", lambda: later)
    response = type(client)().get(url)
    assert response["X-Page-Cache"] == "hit"
    html = response.content.decode()
    assert TIMESTAMP.search(html).group(1).startswith(f"{article.pk}:{int(later)}:")
    assert TIMESTAMP.sub("", html) == TIMESTAMP.sub("", first)


def test_cut_and_fill_sign_each_form_for_its_own_article(monkeypatch):
    """Every placeholder on a page becomes a timestamp for its own article, all signed at the
    same moment; text that only looks like one (escaped, as every reader's text is) stays."""
    fields = [
        f'<input type="hidden" name="timestamp" value="{timestamp_placeholder(pk)}">'
        for pk in (7, 9, 7)
    ]
    html = "<p>&lt;nr-timestamp 7&gt;</p>".join(["<p>top</p>", *fields, "<p>end</p>"]).encode()
    pieces, article_ids = stamps_cut(html)
    assert article_ids == (7, 9, 7)
    assert len(pieces) == 4
    monkeypatch.setattr(time, "time", lambda: 5000.0)
    filled = stamps_fill(pieces, article_ids).decode()
    stamps = TIMESTAMP.findall(filled)
    assert stamps == [form_timestamp(article_id=pk, now=5000) for pk in (7, 9, 7)]
    assert filled.count("<p>&lt;nr-timestamp 7&gt;</p>") == 4
    assert "<nr-timestamp" not in filled


def test_page_without_a_comment_form_is_kept_whole(client, monkeypatch):
    """An article whose comments are closed is cached as one piece and served unchanged."""
    import articles.caching.pages

    article = ArticleFactory(published=True, comment_mode=Article.CommentMode.CLOSED)
    url = article.get_absolute_url()
    first = client.get(url)
    served = []

    def spy(pieces, article_ids):
        served.append((pieces, article_ids))
        return stamps_fill(pieces, article_ids)

    monkeypatch.setattr(articles.caching.pages, "stamps_fill", spy)
    second = type(client)().get(url)
    assert second["X-Page-Cache"] == "hit"
    assert served == [((first.content,), ())]
    assert second.content == first.content


@override_settings(NEWSROOM={"SITE_NAME": "S", "SITE_URL": "http://s", "PAGE_CACHE_SECONDS": 0})
def test_etag_ignores_per_visit_form_timestamps(client, monkeypatch):
    """Two fresh renders of an unchanged page share an ETag though their form timestamps differ."""
    article = ArticleFactory(published=True)
    url = article.get_absolute_url()
    first = client.get(url)
    later = time.time() + 30
    monkeypatch.setattr(time, "time", lambda: later)
    second = type(client)().get(url)
    assert first.content != second.content
    assert first["ETag"] == second["ETag"]
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_desk_and_moderation_services_reach_readers_at_once(
    client, editor, moderator, django_capture_on_commit_callbacks
):
    """Publishing, approving and unpublishing through the services never leave a stale cached page."""
    from articles.services.desk import article_publish, article_unpublish
    from articles.services.moderation import comment_approve
    from tests.factories import AuthorFactory, BylineFactory

    article = ArticleFactory(headline="Lido opens for the summer")
    BylineFactory(article=article, author=AuthorFactory())
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=article, user=editor)
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        comment = CommentFactory(
            article=article, status=Comment.Status.PENDING, body="Cold but lovely."
        )
    assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        comment_approve(comment=comment, user=moderator)
    assert "Cold but lovely." in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article_unpublish(article=article, user=editor)
    assert client.get(url).status_code == 404
