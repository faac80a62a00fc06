"""The review screen as a queue of decisions: what it shows, what its buttons do, where it returns."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.admin.desk.review import decision_labels, word_diff
from articles.models import Article, Finding, Suggestion
from tests.desk_helpers import PARAGRAPHS, imported_story

pytestmark = pytest.mark.django_db


def review_url(article):
    return reverse("admin:articles_article_review", args=[article.pk])


def cards(page: str) -> list[str]:
    return re.findall(r'<article class="desk-card[^"]*" id="p(\d+)"', page)


def test_word_diff_marks_only_the_words_that_change():
    """A fix shows the changed words struck and inserted, the rest as it was."""
    runs = word_diff("On May 15th, Biden spoke.", "On May 15, Biden spoke.")
    assert ("del", "15th") in runs
    assert ("ins", "15") in runs
    assert "".join(text for kind, text in runs if kind != "ins") == "On May 15th, Biden spoke."
    assert "".join(text for kind, text in runs if kind != "del") == "On May 15, Biden spoke."


@pytest.mark.parametrize(
    ("rule", "action", "labels"),
    [
        ("chatbot.refusal", "remove", ("Remove paragraph", "Keep as is")),
        ("dup.reworded", "review", ("Remove paragraph", "Keep as is")),
        ("style.stock_phrase", "review", ("Keep, mark reviewed", "Keep as is")),
        ("style.date_form", "fix", ("Apply fix", "Keep as is")),
    ],
)
def test_buttons_are_named_for_what_they_do(rule, action, labels):
    """Accepting a reworded repeat removes it; accepting a stock phrase keeps it: the names say so."""
    finding = Finding(rule=rule, action=action)
    assert tuple(str(label) for label in decision_labels(finding)) == labels


def test_only_paragraphs_with_findings_by_default(client, editor):
    """The queue lists the flagged paragraphs in order; "show all" adds the others."""
    article = imported_story()
    client.force_login(editor)
    flagged = sorted({i + 1 for i in article.findings.values_list("paragraph_index", flat=True)})
    page = client.get(review_url(article)).content.decode()
    assert [int(n) for n in cards(page)] == flagged
    every = client.get(review_url(article) + "?show=all").content.decode()
    assert [int(n) for n in cards(every)] == list(range(1, len(PARAGRAPHS) + 1))


def test_queue_shows_progress_legend_and_diff(client, editor):
    """Progress, the keyboard legend, named buttons and a word-level diff of the fix."""
    article = imported_story()
    client.force_login(editor)
    page = client.get(review_url(article)).content.decode()
    assert "0 of 6 decided" in page
    assert "<kbd>j</kbd>" in page
    assert "<kbd>a</kbd>" in page
    assert ">Remove paragraph</button>" in page
    assert ">Apply fix</button>" in page
    assert ">Keep, mark reviewed</button>" in page
    # The fix removes one space before a comma: only that is struck.
    assert "<del> </del>" in page or "<del> ,</del>" in page
    first_open = article.findings.filter(decision="open").first()
    assert f'href="#f{first_open.pk}" data-next-undecided' in page


def test_decision_without_javascript_returns_to_the_next_undecided(client, editor):
    """A plain form post redirects back to the queue, anchored at the next undecided finding."""
    article = imported_story()
    client.force_login(editor)
    first, second = article.findings.order_by("paragraph_index", "pk")[:2]
    response = client.post(review_url(article), {"finding_decision": f"{first.pk}:accept"})
    assert response.status_code == 302
    assert response["Location"] == f"{review_url(article)}#f{second.pk}"
    first.refresh_from_db()
    assert first.decision == Finding.Decision.ACCEPTED
    page = client.get(response["Location"]).content.decode()
    assert "1 of 6 decided" in page
    assert "✓ Remove paragraph" in page


def test_last_decision_returns_to_the_same_finding(client, editor):
    """With nothing left undecided the anchor is the finding just decided."""
    article = imported_story()
    client.force_login(editor)
    last = article.findings.order_by("paragraph_index", "pk").last()
    article.findings.exclude(pk=last.pk).update(decision="rejected")
    response = client.post(review_url(article), {"finding": last.pk, "decision": "reject"})
    assert response["Location"].endswith(f"#f{last.pk}")


def test_decision_from_the_script_answers_with_the_queue_alone(client, editor):
    """The review script's post gets the updated queue, not a whole page or a redirect."""
    article = imported_story()
    client.force_login(editor)
    finding = article.findings.get(rule="chrome.share")
    response = client.post(
        review_url(article),
        {"finding": finding.pk, "decision": "reject"},
        headers={"X-Desk-Fragment": "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<section id="desk-queue"')
    assert "<html" not in html
    assert "1 of 6 decided" in html
    article.refresh_from_db()
    assert PARAGRAPHS[3] in article.body


def test_a_whole_rule_is_decided_at_once(client, editor):
    """One button decides every open finding of a rule."""
    article = imported_story()
    client.force_login(editor)
    response = client.post(review_url(article), {"rule_decision": "chrome.share:accept"})
    assert response.status_code == 302
    assert not article.findings.filter(rule="chrome.share", decision="open").exists()


def test_show_all_is_kept_after_a_decision(client, editor):
    """Deciding from the full view returns to the full view."""
    article = imported_story()
    client.force_login(editor)
    finding = article.findings.first()
    response = client.post(
        review_url(article), {"finding": finding.pk, "decision": "reject", "show": "all"}
    )
    assert "?show=all#f" in response["Location"]


def test_reporter_cannot_decide_on_anothers_story(client, reporter, editor):
    """Another reporter's story is not there for a reporter: posting a decision changes nothing."""
    article = imported_story(created_by=editor)
    client.force_login(reporter)
    finding = article.findings.first()
    response = client.post(review_url(article), {"finding": finding.pk, "decision": "accept"})
    assert response.status_code == 404
    finding.refresh_from_db()
    assert finding.decision == Finding.Decision.OPEN


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_review_screen_queries_do_not_grow_with_articles(client, editor):
    """The review screen, suggestions included, costs the same for 10 articles as for 1,000."""
    article = imported_story()
    Suggestion.objects.create(article=article, target="byline", name="Nessa Trevail", kind="person")
    Suggestion.objects.create(article=article, target="source", name="Reuters", kind="wire")
    client.force_login(editor)

    def grow(n):
        Article.objects.bulk_create(
            Article(headline=f"Story {i}", slug=f"story-{i}")
            for i in range(Article.objects.count(), n)
        )

    grow(10)
    small = _queries(client, review_url(article))
    grow(1000)
    assert _queries(client, review_url(article)) == small


@pytest.mark.parametrize(
    "data",
    [
        {"finding_decision": "12:explode"},
        {"finding_decision": "not-a-number:accept"},
        {"rule_decision": ":accept"},
        {"finding_decision": ""},
        {},
    ],
)
def test_malformed_decisions_change_nothing_and_say_so(client, editor, data):
    """A forged or empty decision is refused with a message, never a 500."""
    article = imported_story()
    client.force_login(editor)
    response = client.post(review_url(article), data, follow=True)
    assert response.status_code == 200
    assert not article.findings.exclude(decision="open").exists()
    assert response.context["messages"]
