import datetime as dt
import re
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.admin.desk.forms import ArticleForm
from articles.admin.desk.merge import fingerprints
from articles.models import Article, Finding
from articles.services.desk import article_save
from tests.desk_helpers import PARAGRAPHS, imported_story
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, UserFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "shared/samples/ukraine-strikes-raw.txt"
CHANGELIST = "admin:articles_article_changelist"


def url(name, article=None, *args):
    return reverse(f"admin:articles_article_{name}", args=[article.pk, *args] if article else args)


def logged_in(client, user):
    client.force_login(user)
    return client


def change_data(article, **changes):
    """What the change form posts back: the article's fields, its bylines, no other inlines."""
    bylines = list(article.bylines.all()) if article.pk else []
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "dek": article.dek,
        "body": article.body,
        "section": article.section_id or "",
        "comment_mode": article.comment_mode,
        "loaded_version": article.version,
        "loaded_fields": fingerprints(ArticleForm._stored_values(article)) if article.pk else "",
        "revision_note": "",
        "bylines-TOTAL_FORMS": len(bylines),
        "bylines-INITIAL_FORMS": len(bylines),
        "bylines-MIN_NUM_FORMS": 0,
        "bylines-MAX_NUM_FORMS": 1000,
        "_save": "Save",
    }
    for prefix in ("citations", "related_links", "body_images"):
        for key in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS"):
            data[f"{prefix}-{key}"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
    for i, byline in enumerate(bylines):
        data.update(
            {
                f"bylines-{i}-id": byline.pk,
                f"bylines-{i}-article": article.pk,
                f"bylines-{i}-author": byline.author_id,
                f"bylines-{i}-role": byline.role,
                f"bylines-{i}-position": byline.position,
            }
        )
    data.update(changes)
    return data


def decide_every_rule(client, article):
    for rule in set(article.findings.values_list("rule", flat=True)):
        response = client.post(url("review", article), {"rule": rule, "decision": "accept"})
        assert response.status_code == 302


# Roles


def test_moderator_cannot_open_the_desk(client, moderator):
    """A moderator gets 403 on the article list and on the desk's own pages."""
    article = imported_story()
    logged_in(client, moderator)
    assert client.get(reverse(CHANGELIST)).status_code == 403
    assert client.get(url("review", article)).status_code == 403
    assert client.get(url("publish", article)).status_code == 403
    assert client.get(url("import")).status_code == 403


def test_reporter_sees_only_own_articles_and_no_publish_controls(client, reporter):
    """A reporter lists only their own articles and is shown no publish action or button."""
    own = imported_story(created_by=reporter, headline="Reporter owns this harbour story")
    other = ArticleFactory(headline="Another desk ferry story")
    logged_in(client, reporter)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert own.headline in page
    assert other.headline not in page
    assert "publish_selected" not in page
    publish_page = client.get(url("publish", own)).content.decode()
    assert 'value="publish"' not in publish_page
    assert 'value="submit"' in publish_page
    assert client.get(url("change", other)).status_code == 302  # the admin's "no such object"


def test_reporter_posting_publish_gets_403(client, reporter, editor):
    """A reporter who posts to the publish page anyway is refused with 403; nothing changes."""
    article = imported_story(created_by=reporter)
    for finding in article.findings.all():
        finding.decision = Finding.Decision.ACCEPTED
        finding.save()
    logged_in(client, reporter)
    assert client.post(url("publish", article), {"action": "publish"}).status_code == 403
    response = client.post(
        reverse(CHANGELIST), {"action": "publish_selected", "_selected_action": [article.pk]}
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert response.status_code in (200, 302)


def test_reporter_submits_for_review(client, reporter):
    """A reporter's own draft goes to review from the status page."""
    article = imported_story(created_by=reporter)
    logged_in(client, reporter)
    assert client.post(url("publish", article), {"action": "submit"}).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


# Review and publish


def test_review_screen_shows_raw_copy_and_proposals_side_by_side(client, editor):
    """Each paragraph with findings shows its raw text, its proposed state with a label, and its findings."""
    article = imported_story()
    page = logged_in(client, editor).get(url("review", article)).content.decode()
    flagged = set(article.findings.values_list("paragraph_index", flat=True))
    assert page.count('<article class="desk-card') == len(flagged)
    assert "Removal proposed" in page
    assert "Fix proposed" in page
    assert "chatbot.preamble" in page
    assert "The cleaner&#x27;s note on chrome.share." in page
    assert 'name="rule_decision" value="dup.exact:accept"' in page


def test_editor_decides_findings_and_the_gate_lifts(client, editor):
    """Undecided findings block publishing; once decided, the editor publishes and readers see it."""
    article = imported_story()
    logged_in(client, editor)
    page = client.get(url("publish", article)).content.decode()
    assert "undecided finding of rule chatbot.preamble" in page
    refused = client.post(url("publish", article), {"action": "publish"})
    assert refused.status_code == 200
    assert "Not published yet" in refused.content.decode()
    reject = article.findings.get(rule="chrome.share")
    client.post(url("review", article), {"finding": reject.pk, "decision": "reject"})
    decide_every_rule(client, article)
    assert "Ready: nothing stands" in client.get(url("publish", article)).content.decode()
    assert client.post(url("publish", article), {"action": "publish"}).status_code == 302
    article.refresh_from_db()
    assert article.is_live
    client.logout()
    public = client.get(article.get_absolute_url())
    assert public.status_code == 200
    assert PARAGRAPHS[3] in public.content.decode()  # the rejected removal is back
    assert PARAGRAPHS[1] not in public.content.decode()


def test_bulk_publish_reports_each_refusal(client, editor):
    """The list's publish action goes through the gate and names each refused article."""
    ready = ArticleFactory(headline="Ready to go")
    BylineFactory(article=ready)
    blocked = imported_story(headline="Still has findings")
    logged_in(client, editor)
    response = client.post(
        reverse(CHANGELIST),
        {"action": "publish_selected", "_selected_action": [ready.pk, blocked.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Still has findings" in page
    assert "undecided finding" in page
    assert "1 article published." in page
    ready.refresh_from_db()
    blocked.refresh_from_db()
    assert ready.is_live
    assert blocked.status == Article.Status.DRAFT


def test_scheduled_article_is_hidden_until_its_time(client, editor):
    """A scheduled article is a 404 for readers before its time and visible after."""
    article = ArticleFactory()
    BylineFactory(article=article)
    at = timezone.localtime(timezone.now() + dt.timedelta(days=1)).replace(second=0, microsecond=0)
    logged_in(client, editor)
    response = client.post(
        url("publish", article), {"action": "schedule", "at": at.strftime("%Y-%m-%dT%H:%M")}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_scheduled
    assert article.published_at == at
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404
    with mock.patch("django.utils.timezone.now", return_value=at + dt.timedelta(minutes=1)):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_schedule_needs_a_future_time(client, editor):
    """Scheduling in the past is refused with a field error; nothing changes."""
    article = ArticleFactory()
    BylineFactory(article=article)
    logged_in(client, editor)
    response = client.post(
        url("publish", article), {"action": "schedule", "at": "2001-01-01T10:00"}
    )
    assert "Choose a time in the future" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


# Revisions and two editors


def test_edit_twice_compare_restore_and_publish(client, editor):
    """Two edits make revisions; they compare as a diff; a restored text is what readers see."""
    article = imported_story(byline=False)
    logged_in(client, editor)
    original_body = article.body
    first = change_data(article, body=original_body + "\n\nA first added line about the quay.")
    assert client.post(url("change", article), first).status_code == 302
    article.refresh_from_db()
    second = change_data(article, body="The whole story, rewritten in one line.")
    assert client.post(url("change", article), second).status_code == 302
    numbers = list(article.revisions.order_by("number").values_list("number", flat=True))
    assert numbers == [1, 2, 3]
    history = client.get(url("history", article)).content.decode()
    assert "Compare the chosen revisions" in history
    diff = client.get(url("compare", article), {"a": 2, "b": 3}).content.decode()
    assert "<del>A first added line about the quay.</del>" in diff
    assert "<ins>The whole story, rewritten in one line.</ins>" in diff
    assert client.post(url("restore", article, 1)).status_code == 302
    article.refresh_from_db()
    assert article.body == original_body
    assert article.revisions.count() == 4
    BylineFactory(article=article)
    decide_every_rule(client, article)
    article.refresh_from_db()
    client.post(url("publish", article), {"action": "publish"})
    client.logout()
    public = client.get(Article.objects.get(pk=article.pk).get_absolute_url()).content.decode()
    assert "rewritten in one line" not in public
    assert "harbour wall will be rebuilt before next winter" in public


def test_two_editors_changing_one_field_are_shown_both_and_nothing_is_lost(client, editor):
    """Both change the headline: the second is refused once, sees both side by side, loses nothing."""
    other_editor = UserFactory(username="ola", groups=["Editors"])
    article = imported_story()
    first, second = logged_in(Client(), editor), logged_in(Client(), other_editor)
    for browser in (first, second):
        page = browser.get(url("change", article)).content.decode()
        assert re.search(r'name="loaded_version" value="1"', page)
    first_data = change_data(article, headline="Harbour wall: the council says yes")
    second_data = change_data(article, headline="Harbour wall vote, the second take")
    assert first.post(url("change", article), first_data).status_code == 302
    refused = second.post(url("change", article), second_data)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "edna saved this article after you opened it, and you both changed headline" in page
    conflict = page[page.index('class="desk-conflicts"') :]
    assert "Harbour wall vote, the second take" in conflict
    assert "Harbour wall: the council says yes" in conflict
    assert 'name="resolve_headline" value="theirs"' in page
    their_change = f"{url('compare', article)}?a=1&amp;b=2"
    assert f'href="{their_change}" target="_blank"' in page
    assert "<title>Error: Harbour wall: the council says yes |" in page, (
        "the title is what is saved"
    )
    article.refresh_from_db()
    assert article.headline == "Harbour wall: the council says yes"
    assert 'name="loaded_version" value="2"' in page


def test_after_a_conflict_each_field_is_the_editors_choice(client, editor):
    """Keeping their own headline or taking the other's is one choice; history keeps both."""
    article = imported_story()
    stale = change_data(article, headline="Harbour wall vote, the second take")
    article.headline = "Harbour wall: the council says yes"
    article_save(article=article, user=editor, loaded_version=article.version)
    logged_in(client, editor)
    refused = client.post(url("change", article), stale)
    assert refused.status_code == 200
    stale["loaded_version"] = article.version
    stale["loaded_fields"] = refused.context["adminform"].form.data["loaded_fields"]
    assert client.post(url("change", article), stale).status_code == 302
    headlines = list(article.revisions.order_by("number").values_list("headline", flat=True))
    assert headlines[-2:] == [
        "Harbour wall: the council says yes",
        "Harbour wall vote, the second take",
    ]
    article.refresh_from_db()
    again = change_data(article, headline="A third headline nobody keeps")
    article.headline = "Harbour wall: the council says yes, again"
    article_save(article=article, user=editor, loaded_version=article.version)
    refused = client.post(url("change", article), again)
    again.update(
        loaded_version=refused.context["adminform"].form.data["loaded_version"],
        loaded_fields=refused.context["adminform"].form.data["loaded_fields"],
        resolve_headline="theirs",
    )
    assert client.post(url("change", article), again).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Harbour wall: the council says yes, again"


def test_two_editors_changing_different_fields_both_survive(client, editor):
    """One changes the dek, the other the headline and body: the second save merges, silently safe."""
    other_editor = UserFactory(username="ola", groups=["Editors"])
    article = imported_story()
    first, second = logged_in(Client(), editor), logged_in(Client(), other_editor)
    first_data = change_data(article, dek="The vote was 5-2 after a long night.")
    second_data = change_data(
        article,
        headline="Harbour wall to be rebuilt by winter",
        body=article.body.replace("\n", "\r\n") + "\r\n\r\nWork starts on Monday.",
    )
    assert first.post(url("change", article), first_data).status_code == 302
    response = second.post(url("change", article), second_data, follow=True)
    assert response.status_code == 200
    assert "their dek kept with your changes" in response.content.decode()
    article.refresh_from_db()
    assert article.dek == "The vote was 5-2 after a long night."
    assert article.headline == "Harbour wall to be rebuilt by winter"
    assert article.body.endswith("Work starts on Monday.")
    assert article.version == 3


def test_change_form_links_review_publish_and_preview(client, editor):
    """The change form links to the review screen, the publish page and the preview."""
    article = imported_story()
    page = logged_in(client, editor).get(url("change", article)).content.decode()
    assert url("review", article) in page
    assert url("publish", article) in page
    assert article.get_absolute_url() in page
    assert "Preview" in page
    assert reverse("admin:articles_author_add") in page  # a new author from the byline row


# Import


def test_import_refuses_copy_past_the_size_limit(client, editor, settings):
    """A file over IMPORT_MAX_BYTES is refused with a clear error, not a crash."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.NEWSROOM = {**settings.NEWSROOM, "IMPORT_MAX_BYTES": 100}
    logged_in(client, editor)
    upload = SimpleUploadedFile("big.txt", b"Saltmere " * 50, content_type="text/plain")
    response = client.post(url("import"), {"file": upload, "format": "auto"})
    assert response.status_code == 200
    assert "the desk imports at most 100 bytes" in response.content.decode()
    pasted = client.post(url("import"), {"text": "Saltmere " * 50, "format": "auto"})
    assert "the desk imports at most 100 bytes" in pasted.content.decode()


def test_import_refuses_other_file_types(client, editor):
    """Only .txt and .html uploads are accepted."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("story.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = logged_in(client, editor).post(url("import"), {"file": upload, "format": "auto"})
    assert "Only .txt and .html files can be imported." in response.content.decode()


def test_editor_imports_a_story_and_publishes_it(client, editor):
    """Import lands on the review screen; deciding every finding lifts the gate; it publishes."""
    data = SAMPLE.read_bytes() if SAMPLE.exists() else "\n\n".join(PARAGRAPHS).encode()
    logged_in(client, editor)
    response = client.post(url("import"), {"text": data.decode(), "format": "auto"})
    assert response.status_code == 302
    article = Article.objects.get()
    assert response["Location"] == url("review", article)
    assert client.get(response["Location"]).status_code == 200
    decide_every_rule(client, article)
    if not article.bylines.exists():
        BylineFactory(article=article, author=AuthorFactory(name="Courier Desk"))
    article.refresh_from_db()
    if not article.headline.strip():
        article.headline = "Imported story"
        article.save()
    assert "Ready: nothing stands" in client.get(url("publish", article)).content.decode()
    assert client.post(url("publish", article), {"action": "publish"}).status_code == 302
    article.refresh_from_db()
    assert article.is_live


# Query counts


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_article_list_queries_do_not_grow_with_articles(client, editor):
    """The article list costs the same number of queries for 10 articles as for 200."""
    logged_in(client, editor)

    def grow_to(n):
        while Article.objects.count() < n:
            article = imported_story()
            BylineFactory(article=article)

    grow_to(10)
    small = _queries(client, reverse(CHANGELIST))
    grow_to(200)
    assert _queries(client, reverse(CHANGELIST)) == small


def test_review_screen_queries_do_not_grow_with_findings(client, editor):
    """The review screen costs the same number of queries for 10 findings as for 200."""
    logged_in(client, editor)
    article = imported_story()
    paragraphs = [{"text": f"Paragraph {i} about the Saltmere quay."} for i in range(200)]
    article.source_paragraphs = paragraphs
    article.save()

    def findings(n):
        article.findings.all().delete()
        Finding.objects.bulk_create(
            Finding(
                article=article,
                paragraph_index=i,
                rule=f"rule.r{i % 7}",
                action="remove",
                message="m",
                decision="accepted" if i % 2 else "open",
                decided_by=editor if i % 2 else None,
            )
            for i in range(n)
        )

    findings(10)
    small = _queries(client, url("review", article))
    findings(200)
    assert _queries(client, url("review", article)) == small


def test_reporter_writes_a_new_draft_of_their_own(client, reporter):
    """A reporter's new article is theirs, a draft, with its first revision kept."""
    blank = Article(headline="", comment_mode="default", version=1)
    data = change_data(
        blank,
        headline="Saltmere rowing club wins the harbour regatta",
        slug="",
        body="The club's four crossed the line first on Saturday.",
    )
    del data["loaded_version"]
    response = logged_in(client, reporter).post(url("add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.created_by == reporter
    assert article.status == Article.Status.DRAFT
    assert article.revisions.get().headline == article.headline


def test_list_filters_and_search(client, editor):
    """The list filters on scheduled and on undecided findings, and searches headline and body."""
    scheduled = ArticleFactory(
        headline="Lighthouse reopens next month",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + dt.timedelta(days=3),
    )
    undecided = imported_story(headline="Quay story with findings")
    plain = ArticleFactory(headline="Allotment prize list", body="Marrows and the Brannock leek.")
    logged_in(client, editor)

    def listed(query):
        page = client.get(reverse(CHANGELIST), query).content.decode()
        return {a.headline for a in (scheduled, undecided, plain) if a.headline in page}

    assert listed({"when": "scheduled"}) == {scheduled.headline}
    assert listed({"open_findings": "yes"}) == {undecided.headline}
    assert listed({"q": "Brannock leek"}) == {plain.headline}
    assert "Scheduled" in client.get(reverse(CHANGELIST)).content.decode()


def test_schedule_times_are_typed_and_shown_in_the_newsrooms_time_zone(client, editor, settings):
    """09:00 typed in Europe/London in July is 08:00 UTC stored, and 09:00 shown back."""
    settings.TIME_ZONE = "Europe/London"
    article = imported_story()
    article.findings.update(decision="rejected")
    logged_in(client, editor)
    page = client.get(url("publish", article)).content.decode()
    assert "Times are in Europe/London." in page
    response = client.post(
        url("publish", article), {"action": "schedule", "at": "2031-07-01T09:00"}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.published_at == dt.datetime(2031, 7, 1, 8, 0, tzinfo=dt.UTC)
    page = client.get(url("publish", article)).content.decode()
    assert 'value="2031-07-01T09:00"' in page
