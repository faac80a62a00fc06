"""An editor's save racing a publish or unpublish: the workflow's answer is the one that stands.

Each round starts both writes from a barrier, in two threads with their own
database connections, so they commit in either order. On PostgreSQL the two
transactions really interleave (row locks decide); SQLite takes its write
lock when a transaction begins, so there they run one after the other in a
random order. The editor's copy of the article is read before the round
starts, as a change form is, which is what made a save undo a workflow step:
with that bug these tests fail on both databases within a few rounds.
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles.models import Article
from articles.services import desk
from tests.factories import ArticleFactory, BylineFactory, UserFactory
from tests.test_admin_desk import change_data

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 100
HTTP_ROUNDS = 25
Status = Article.Status


def _race(*steps) -> list:
    """Run each step in its own thread from one barrier; each result or raised error, in order."""
    barrier = threading.Barrier(len(steps))
    results: list = [None] * len(steps)

    def run(index, step):
        try:
            barrier.wait()
            results[index] = step()
        except Exception as error:  # the step's own answer, checked by the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, step)) for i, step in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def story(db):
    editor = UserFactory(username="edna", groups=["Editors"])
    article = ArticleFactory(published=True, headline="Harbour wall vote")
    BylineFactory(article=article)
    return article, editor


def _workflow_step(article, editor):
    """The step this round races against, and the status it leaves when acknowledged."""
    if article.status == Status.PUBLISHED:
        return (lambda: desk.article_unpublish(article=article, user=editor)), Status.UNPUBLISHED
    return (lambda: desk.article_publish(article=article, user=editor)), Status.PUBLISHED


def _next_round(article, editor) -> Article:
    article.refresh_from_db()
    if article.status == Status.UNPUBLISHED:
        desk.article_return_to_draft(article=article, user=editor)
        article.refresh_from_db()
    return article


def test_a_save_never_undoes_a_concurrent_publish_or_unpublish(story):
    """100 rounds of article_save against publish or unpublish: the status is always the
    workflow's, an acknowledged save's words are kept, and every write raised the version."""
    article, editor = story
    for number in range(ROUNDS):
        article = _next_round(article, editor)
        opened = Article.objects.get(pk=article.pk)  # the editor's form, read before the race
        opened.dek = f"Round {number}: the vote was 5-2."
        # Odd rounds carry the opened version, as the change form does; even
        # rounds skip the check, as a command does, and rely on the fields alone.
        checked = opened.version if number % 2 else None
        step, expected = _workflow_step(Article.objects.get(pk=article.pk), editor)
        version_before = opened.version
        saved, stepped = _race(
            lambda opened=opened, checked=checked: desk.article_save(
                article=opened, user=editor, loaded_version=checked
            ),
            step,
        )
        assert isinstance(stepped, Article), stepped
        article.refresh_from_db()
        assert article.status == expected, f"round {number}: {article.status} after {expected}"
        if isinstance(saved, Article):
            assert article.dek == opened.dek
            assert article.version == version_before + 2
        else:
            assert isinstance(saved, desk.ArticleConflict), saved
            assert checked is not None
            assert article.version == version_before + 1


def test_the_change_form_never_undoes_a_concurrent_publish_or_unpublish(story):
    """Rounds through the admin: a change form posted while the Publish page unpublishes (or
    publishes) ends with the status the Publish page reported as done. Fewer rounds than
    above: each is two whole admin requests."""
    article, editor = story
    editing, publishing = Client(), Client()
    editing.force_login(editor)
    publishing.force_login(editor)
    for number in range(HTTP_ROUNDS):
        article = _next_round(article, editor)
        form = change_data(article, dek=f"Round {number}: the vote was 5-2.")
        action = "unpublish" if article.status == Status.PUBLISHED else "publish"
        expected = Status.UNPUBLISHED if action == "unpublish" else Status.PUBLISHED
        change = reverse("admin:articles_article_change", args=[article.pk])
        publish = reverse("admin:articles_article_publish", args=[article.pk])
        saved, stepped = _race(
            lambda change=change, form=form: editing.post(change, form),
            lambda publish=publish, action=action: publishing.post(
                publish, {"action": action}, follow=True
            ),
        )
        assert stepped.status_code == 200
        assert "Done: the article is now" in stepped.content.decode()
        assert saved.status_code in (200, 302)  # saved, or told someone changed it first
        article.refresh_from_db()
        assert article.status == expected, f"round {number}: {article.status} after {action}"
