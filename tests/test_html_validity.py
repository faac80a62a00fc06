"""Every public page type, rendered by the real views with the demo data, passes the Nu HTML Checker.

The checker (``tests/html_checker.py``) is what browsers' makers and the W3C
use: an error there is markup a browser has to guess at. Warnings are
printed for review, not failed.
"""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.template import loader
from django.test import Client, RequestFactory
from django.urls import resolve, reverse

from articles.models import Article, Author, Comment, Section, Tag
from articles.selectors import comments as comment_selectors
from articles.views import public, server_error
from articles.views.outage import service_unavailable
from tests.comments_support import form_data, moderation_settings
from tests.html_checker import html_check, java_and_checker

pytestmark = pytest.mark.django_db

# A page the checker must refuse: a time with microseconds, as every page once had.
KNOWN_BAD = (
    b'<!doctype html><html lang="en"><head><title>Known bad</title></head><body>'
    b'<p><time datetime="2026-11-25T13:35:45.456415+00:00">25 November</time></p></body></html>'
)


# Attributes that name other elements of the page by id; the checker does not follow them all.
ID_REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls", "for", "list")


class _References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.wanted: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in ID_REFERENCES and value:
                self.wanted.extend((f'{name}="{ref}"', ref) for ref in value.split())
            elif name == "href" and value and value.startswith("#") and len(value) > 1:
                self.wanted.append((f'href="{value}"', value[1:]))


def dangling_references(html: bytes) -> list[str]:
    """Each ``aria-describedby``, ``aria-labelledby``, ``for``... or link within the page
    (``href="#..."``) naming no element of the page."""
    found = _References()
    found.feed(html.decode())
    return [shown for shown, ref in found.wanted if ref not in found.ids]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
    moderation_settings()  # flood control off: the test posts several comments at once


def _get(client, url: str, status: int = 200) -> bytes:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content


def reader_pages(monkeypatch) -> dict[str, bytes]:
    """Each kind of page a reader can meet, by name."""
    client = Client()
    harbour = Article.objects.get(raw_copy__filename="01-harbour-wall.txt")
    article_url = harbour.get_absolute_url()
    approved = Comment.objects.filter(article=harbour, status=Comment.Status.APPROVED).first()
    section = Section.objects.filter(articles__isnull=False).first()
    empty = Section.objects.create(name="Obituaries", slug="obituaries")
    author = Author.objects.filter(bylines__isnull=False).first()
    tag = Tag.objects.filter(articles__isnull=False).first() or Tag.objects.create(
        name="Harbour", slug="harbour"
    )
    if not tag.articles.exists():
        tag.articles.add(harbour)
    pages = {
        "front": _get(client, "/"),
        "section": _get(client, section.get_absolute_url()),
        "empty section": _get(client, empty.get_absolute_url()),
        "author": _get(client, author.get_absolute_url()),
        "tag": _get(client, tag.get_absolute_url()),
        "search results": _get(client, "/search/?q=harbour"),
        "search without results": _get(client, "/search/?q=zeppelin"),
        "search, empty query": _get(client, "/search/?q="),
        "search, no words": _get(client, "/search/?q=%21%21"),
        "article with comments": _get(client, article_url),
        "article, replying": _get(client, f"{article_url}?replyto={approved.pk}"),
        "comment report": _get(client, reverse("articles:comment_report", args=[approved.pk])),
        "404": _get(client, "/no-such-page/", 404),
    }
    # Listings of one story a page, so the second page exists with the demo's few stories.
    monkeypatch.setattr(public, "PER_PAGE", 1)
    monkeypatch.setattr(public, "SEARCH_PER_PAGE", 1)
    pages["front, page 2"] = _get(client, "/?page=2")
    pages["search, page 2"] = _get(client, "/search/?q=harbour&page=2")

    report = client.post(reverse("articles:comment_report", args=[approved.pk]), {"reason": ""})
    assert report.status_code == 400
    pages["comment report with errors"] = report.content
    post_url = reverse("articles:comment_post", args=[harbour.pk])
    refused = client.post(post_url, form_data(harbour, name="", email="not-an-address"))
    assert refused.status_code == 400
    pages["comment form with errors"] = refused.content
    stale = client.post(post_url, form_data(harbour, timestamp="altered"))
    assert stale.status_code == 400
    pages["comment form with a form error"] = stale.content
    sent = client.post(post_url, form_data(harbour, name="Tamsin Vyvyan"), follow=True)
    assert sent.status_code == 200
    assert b"awaiting moderation" in sent.content
    pages["article with the reader's pending comment"] = sent.content

    factory = RequestFactory()
    pages["500"] = server_error(factory.get("/")).content
    pages["503"] = service_unavailable(factory.get("/")).content
    lost = factory.post(post_url, form_data(harbour))
    lost.resolver_match = resolve(post_url)
    pages["503 with the reader's comment"] = service_unavailable(lost).content
    for status in (400, 403):
        pages[str(status)] = loader.render_to_string(f"{status}.html").encode()

    # Threads of one comment a page, so the article's comments have a second page.
    monkeypatch.setattr(comment_selectors, "THREADS_PER_PAGE", 1)
    pages["article, comments page 2"] = _get(Client(), f"{article_url}?cpage=2")
    Article.objects.filter(pk=harbour.pk).update(comment_mode=Article.CommentMode.CLOSED)
    pages["article, comments closed"] = _get(Client(), f"{article_url}?cpage=1")
    assert b'aria-current="page">2<' in pages["article, comments page 2"]
    assert b"Comments are closed" in pages["article, comments closed"]
    draft = Article.objects.filter(status=Article.Status.DRAFT).first()
    editor = Client()
    editor.force_login(User.objects.get(username="editor"))
    pages["staff preview of a draft"] = _get(editor, draft.get_absolute_url())
    return pages


@pytest.fixture
def checker():
    """Java and vnu.jar, looked for before the demo is loaded: skipped (failed in CI) without."""
    return java_and_checker()


def test_every_public_page_passes_the_nu_html_checker(checker, demo, monkeypatch, tmp_path, capsys):
    """No checker error on any public page type; a known-bad page proves the checker looked."""
    pages = reader_pages(monkeypatch)
    messages = html_check({**pages, "known bad": KNOWN_BAD}, tmp_path)
    errors = [m for m in messages if m.is_error and m.page != "known bad"]
    warnings = [m for m in messages if not m.is_error]
    with capsys.disabled():
        for warning in warnings:
            print(f"HTML checker warning: {warning}")
    assert any(m.is_error and m.page == "known bad" for m in messages)
    assert not errors, "\n".join(map(str, errors))


def test_every_id_a_public_page_refers_to_is_on_the_page(demo, monkeypatch):
    """A field's ``aria-describedby`` names its error message, a label's ``for`` its field, the
    skip link and an error summary's links their targets: no reference on any public page type
    points at nothing."""
    dangling = {
        name: refs
        for name, html in reader_pages(monkeypatch).items()
        if (refs := dangling_references(html))
    }
    assert dangling == {}
    assert dangling_references(b'<input aria-describedby="id_name_error"><a href="#main">') == [
        'aria-describedby="id_name_error"',
        'href="#main"',
    ]
