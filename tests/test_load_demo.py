import pytest
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from articles.models import Article, Author, Comment, Finding, Image, RawCopy, Source

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "articles": sorted(Article.objects.values_list("slug", "status", "version", "body")),
        "raw": RawCopy.objects.count(),
        "findings": sorted(Finding.objects.values_list("pk", "decision")),
        "authors": Author.objects.count(),
        "sources": Source.objects.count(),
        "comments": Comment.objects.count(),
        "images": sorted(Image.objects.values_list("file", "alt_text")),
        "users": sorted(User.objects.values_list("username", "password")),
    }


def test_load_demo_twice_changes_nothing(settings):
    """A second run of load_demo leaves every row as the first run left it."""
    settings.DEBUG = True
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first


def test_load_demo_publishes_most_stories_and_leaves_drafts_for_the_desk(settings):
    """The front page has stories; one or two drafts keep open findings for the desk."""
    settings.DEBUG = True
    call_command("load_demo")
    live = Article.objects.published()
    drafts = Article.objects.filter(status=Article.Status.DRAFT)
    assert live.count() >= 4
    assert 1 <= drafts.count() <= 2
    for draft in drafts:
        assert draft.findings.filter(decision="open").exists()
    for article in live:
        assert article.bylines.exists()
        assert "Leave a Reply" not in article.body
        assert "Avatar photo" not in article.body


def test_load_demo_creates_the_demo_accounts_with_their_roles(settings, client):
    """The printed editor password logs into the admin."""
    from articles.management.commands.load_demo import demo_password

    settings.DEBUG = True
    call_command("load_demo")
    assert User.objects.get(username="editor").groups.filter(name="Editors").exists()
    assert User.objects.get(username="moderator").groups.filter(name="Moderators").exists()
    signed_in = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": demo_password("editor")},
    )
    assert signed_in.status_code == 302, signed_in.content.decode()
    assert client.get("/admin/").status_code == 200


def test_load_demo_refuses_to_run_in_production(settings):
    """With DEBUG off, load_demo will not create accounts unless told it is a private machine."""
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("load_demo")
    assert not User.objects.exists()


def test_every_demo_story_has_a_drawn_lead_image_ready_to_publish(settings):
    """Each story gets a picture made in code, with alt text, caption, credit and renditions."""
    settings.DEBUG = True
    call_command("load_demo")
    for article in Article.objects.select_related("lead_image"):
        image = article.lead_image
        assert image is not None, article
        assert image.alt_text and image.caption and image.credit
        assert (image.width, image.height) == (1600, 900)
        assert {(r.format, r.width) for r in image.rendition_list()} == {
            (format, width) for format in ("webp", "jpeg") for width in (400, 800, 1200, 1600)
        }
        assert all(default_storage.exists(r.name) for r in image.rendition_list())
    harbour = Article.objects.get(raw_copy__filename="01-harbour-wall.txt")
    assert harbour.body_images.get().after_paragraph == 3


def test_every_published_demo_story_reads_clean(settings):
    """A newcomer's first look shows the product at its best: every published demo story has
    all its findings decided, no related link without an address, and the cleaner finds
    nothing at all in the body readers see (no repeat, no stock phrase, no leftover)."""
    from articles.cleaning import clean

    settings.DEBUG = True
    call_command("load_demo")
    live = Article.objects.published()
    assert live.count() >= 4
    for article in live:
        assert not article.findings.filter(decision=Finding.Decision.OPEN).exists(), article
        assert not article.related_links.filter(url="").exists(), article
        flagged = [
            (finding.rule, paragraph.text[:60])
            for paragraph in clean(article.body).paragraphs
            for finding in paragraph.findings
        ]
        assert flagged == [], article.headline
