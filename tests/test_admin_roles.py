"""Every admin URL, as a reporter and as a moderator: each sees what the role allows, no more.

The URLs are not listed by hand: every model the admin registers gives its
changelist, add, and for every row its change, history and delete pages;
the desk's and the queue's own pages are added with the rows they act on.
Another reporter's embargoed draft carries a marker in its headline, body,
raw copy, findings and revisions; no page a reporter can open may show it.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from articles.models import Article, BlockedSender, Comment, CommentReport, ModerationSettings
from articles.services import desk
from articles.services.imports import story_import
from articles.services.moderation import comment_approve
from tests.factories import BylineFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

MARKER = "EMBARGOED-QUAY-7F3"
DESK_APPS = {"articles"}
QUEUE_MODELS = {Comment, CommentReport, BlockedSender, ModerationSettings}
QUEUE_MODELS |= {apps.get_model("articles", "ModerationDecision")}
REFUSED = {302, 403, 404}  # 302: the admin's "does not exist" redirect to its index


def _story(user, headline: str, *, secret: str = "") -> Article:
    copy = f"{headline}\n\nBy Ray Penhale\n\n{secret} The harbour board meets on Friday.\n\n"
    copy += "Sure! Here is a rewritten version of your article:\n"
    article, _ = story_import(data=copy.encode(), user=user, via="admin")
    article.headline = headline
    desk.article_save(article=article, user=user, note="First edit")
    return article


@pytest.fixture
def newsroom():
    """Two reporters' drafts, one of them embargoed, and a comment queue with a row of each kind."""
    ray = UserFactory(username="ray", groups=["Reporters"])
    rita = UserFactory(username="rita", groups=["Reporters"])
    moderator = UserFactory(username="mo", groups=["Moderators"])
    editor = UserFactory(username="edna", groups=["Editors"])
    own = _story(ray, "Ray's story about the ferry fares")
    secret = _story(rita, f"Harbour board to sell the quay {MARKER}", secret=MARKER)
    published = _story(editor, "Lifeboat crew honoured at the regatta")
    published.findings.update(decision="accepted")
    BylineFactory(article=published)
    desk.article_publish(article=published, user=editor)
    comment = CommentFactory(article=published, status=Comment.Status.PENDING)
    comment_approve(comment=comment, user=moderator)
    CommentReport.objects.create(comment=comment, reason="abuse")
    BlockedSender.objects.create(kind="email", value="spammer@bad.example")
    ModerationSettings.load().save()
    return {"ray": ray, "moderator": moderator, "own": own, "secret": secret}


def _registered():
    for model in apps.get_models():
        if admin.site.is_registered(model):
            yield model


def _model_urls(model) -> list[tuple[str, object]]:
    """The model's admin pages: changelist, add, and change, history and delete of every row."""
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    urls = [(reverse(f"{info}_changelist"), None), (reverse(f"{info}_add"), None)]
    for row in model.objects.all():
        for page in ("change", "history", "delete"):
            urls.append((reverse(f"{info}_{page}", args=[row.pk]), row))
    return urls


def _desk_urls(article: Article) -> list[str]:
    pk = article.pk
    return [
        reverse("admin:articles_article_review", args=[pk]),
        reverse("admin:articles_article_publish", args=[pk]),
        reverse("admin:articles_article_compare", args=[pk]) + "?a=1&b=2",
    ]


def _belongs_to(row, article: Article) -> bool:
    if row is None:
        return False
    if row == article:
        return True
    if getattr(row, "article_id", None) == article.pk:
        return True
    return row == article.raw_copy


def test_a_reporter_never_sees_another_reporters_draft(client, newsroom):
    """On every admin URL a reporter can reach, the other reporter's draft does not show, and
    its article, findings, revisions and raw copy are refused; their own rows open."""
    client.force_login(newsroom["ray"])
    secret, own = newsroom["secret"], newsroom["own"]
    opened_own = []
    for model in _registered():
        for url, row in _model_urls(model):
            response = client.get(url)
            assert response.status_code != 500, url
            assert MARKER not in response.content.decode(), url
            if _belongs_to(row, secret):
                assert response.status_code in REFUSED, url
            if model._meta.app_label not in DESK_APPS:
                assert response.status_code == 403, url
            if model in QUEUE_MODELS:  # the settings list redirects to its one row's page
                assert response.status_code in (302, 403), url
            if _belongs_to(row, own) and url.endswith("/change/"):
                opened_own.append(model)
                assert response.status_code == 200, url
    for url in _desk_urls(secret):
        response = client.get(url)
        assert response.status_code in REFUSED, url
        assert MARKER not in response.content.decode(), url
    for url in _desk_urls(own):
        assert client.get(url).status_code in (200, 302), url
    assert {m._meta.model_name for m in opened_own} >= {"article", "finding", "revision", "rawcopy"}


def test_a_reporter_cannot_act_on_another_reporters_draft(client, newsroom):
    """Posting to the other draft's desk pages changes nothing."""
    client.force_login(newsroom["ray"])
    secret = newsroom["secret"]
    before = Article.objects.get(pk=secret.pk)
    finding = secret.findings.first()
    posts = [
        (
            reverse("admin:articles_article_review", args=[secret.pk]),
            {"finding": finding.pk, "decision": "accept"},
        ),
        (reverse("admin:articles_article_publish", args=[secret.pk]), {"action": "submit"}),
        (reverse("admin:articles_article_restore", args=[secret.pk, 1]), {}),
        (reverse("admin:articles_article_delete", args=[secret.pk]), {"post": "yes"}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in REFUSED, url
    after = Article.objects.get(pk=secret.pk)
    assert (after.version, after.status, after.body) == (before.version, before.status, before.body)
    assert secret.findings.filter(decision="open").exists()


def test_a_moderator_reaches_the_queue_and_nothing_of_the_desk(client, newsroom):
    """Every desk page is refused to a moderator; the queue's pages open or are refused by the
    queue's own rules (no adding comments, no deleting decisions)."""
    client.force_login(newsroom["moderator"])
    for model in _registered():
        for url, row in _model_urls(model):
            response = client.get(url)
            assert response.status_code != 500, url
            if model in QUEUE_MODELS:
                assert response.status_code in (200, 302, 403), url
                assert MARKER not in response.content.decode(), url
            elif row is None:
                assert response.status_code == 403, url
            else:
                assert response.status_code in REFUSED, url
    for url in [*_desk_urls(newsroom["secret"]), reverse("admin:articles_article_import")]:
        assert client.get(url).status_code == 403, url
    changelist = client.get(reverse("admin:articles_comment_changelist"))
    assert changelist.status_code == 200
    comment = Comment.objects.get()
    moderate = reverse("admin:articles_comment_moderate", args=[comment.pk, "reject"])
    assert client.post(moderate).status_code == 302
    assert Comment.objects.get().status == Comment.Status.REJECTED


def test_a_reporter_cannot_moderate(client, newsroom):
    """The queue's own decision URL refuses a reporter."""
    client.force_login(newsroom["ray"])
    comment = Comment.objects.get()
    moderate = reverse("admin:articles_comment_moderate", args=[comment.pk, "spam"])
    assert client.post(moderate).status_code == 403
    assert Comment.objects.get().status == Comment.Status.APPROVED
