"""The wire in on the desk: batches with their progress, items, feeds, and starting a batch."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Feed, IngestBatch, IngestItem
from articles.services import ingest
from tests.ingest_copy import FERRY, HARBOUR, LIFEBOAT, text_copy, zip_of
from tests.wire_server import page, rss

pytestmark = pytest.mark.django_db
Status = IngestItem.Status


@pytest.fixture
def half_done(run_tasks, tmp_path):
    """A batch of two: one drafted, one still queued (its message not yet taken)."""
    (tmp_path / "ferry.txt").write_bytes(text_copy(FERRY))
    (tmp_path / "harbour.txt").write_bytes(text_copy(HARBOUR))
    batch = ingest.batch_from_path(path=tmp_path)
    first = batch.items.order_by("pk").first()
    ingest.item_process(item_id=first.pk)
    return batch


def test_the_batch_list_shows_each_batch_with_its_progress_bar(client, editor, half_done):
    client.force_login(editor)
    answer = client.get(reverse("admin:articles_ingestbatch_changelist"))
    assert answer.status_code == 200
    assert '<progress max="100" value="50" aria-label="Progress">50%</progress> 1 / 2' in (
        answer.content.decode()
    )


def test_the_batch_page_shows_its_items_counts_and_a_bar_that_follows_it(client, editor, half_done):
    client.force_login(editor)
    answer = client.get(reverse("admin:articles_ingestbatch_change", args=[half_done.pk]))
    html = answer.content.decode()
    progress_url = reverse("admin:articles_ingestbatch_progress", args=[half_done.pk])
    assert f'data-url="{progress_url}"' in html
    assert 'data-finished="false"' in html
    assert '<progress max="100" value="50"' in html
    assert '<td data-status="drafted">1</td>' in html
    assert '<td data-status="queued">1</td>' in html
    drafted = half_done.items.get(status=Status.DRAFTED)
    assert reverse("admin:articles_article_review", args=[drafted.article_id]) in html
    # The page follows the batch with a static script (the CSP allows no inline one)
    # and, without JavaScript, offers a plain reload link.
    assert '<script src="/static/admin/js/ingest-progress.js" defer></script>' in html
    assert "<script>" not in html
    assert "Reload to see the items as they stand</a>" in html


def test_the_batch_links_to_its_items_by_state(client, editor, half_done):
    client.force_login(editor)
    url = reverse("admin:articles_ingestitem_changelist")
    answer = client.get(f"{url}?batch__id__exact={half_done.pk}&status__exact=queued")
    assert answer.status_code == 200
    queued = half_done.items.get(status=Status.QUEUED)
    assert reverse("admin:articles_ingestitem_change", args=[queued.pk]) in answer.content.decode()
    assert answer.context["cl"].result_count == 1


def test_the_progress_view_answers_json_as_the_batch_moves(client, editor, half_done):
    client.force_login(editor)
    url = reverse("admin:articles_ingestbatch_progress", args=[half_done.pk])
    before = client.get(url).json()
    assert (before["done"], before["total"], before["percent"], before["finished"]) == (
        1,
        2,
        50,
        False,
    )
    for item in half_done.items.filter(status=Status.QUEUED):
        ingest.item_process(item_id=item.pk)
    after = client.get(url).json()
    assert (after["done"], after["finished"], after["counts"]["drafted"]) == (2, True, 2)


def test_reporters_and_strangers_see_no_batch(client, reporter, half_done):
    url = reverse("admin:articles_ingestbatch_progress", args=[half_done.pk])
    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(reporter)
    assert client.get(url).status_code == 403
    page_url = reverse("admin:articles_ingestbatch_change", args=[half_done.pk])
    assert client.get(page_url).status_code == 403


def test_a_missing_batch_is_a_404(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:articles_ingestbatch_progress", args=[999])).status_code == 404


def test_a_parked_item_shows_its_error_and_bytes_escaped(client, editor, tmp_path):
    (tmp_path / "odd.txt").write_bytes(b"<script>alert(1)</script>\xff\xfe not utf-8")
    item = ingest.batch_from_path(path=tmp_path).items.get()
    ingest.item_process(item_id=item.pk)
    item.refresh_from_db()
    assert item.status == Status.PARKED
    client.force_login(editor)
    html = client.get(reverse("admin:articles_ingestitem_change", args=[item.pk])).content.decode()
    assert "not valid UTF-8" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_an_editor_sends_parked_items_back_from_the_list(
    client, editor, run_tasks, wire, wire_settings
):
    url = wire.route("/story", page(*LIFEBOAT), delay=3)
    item = run_tasks(ingest.batch_from_url, url=url).items.get()
    assert item.status == Status.PARKED, "timed out three times"
    wire.route("/story", page(*LIFEBOAT))
    client.force_login(editor)
    with_tasks = {"action": "try_again", "_selected_action": [item.pk]}
    answer = run_tasks(client.post, reverse("admin:articles_ingestitem_changelist"), with_tasks)
    assert answer.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.DRAFTED


def test_editors_add_feeds_with_http_addresses_only(client, editor):
    client.force_login(editor)
    add = reverse("admin:articles_feed_add")
    refused = client.post(add, {"url": "ftp://wire.example/feed", "poll_minutes": 15})
    assert refused.status_code == 200
    assert not Feed.objects.exists()
    client.post(
        add, {"url": "https://wire.example/feed.xml", "poll_minutes": 15, "is_active": "on"}
    )
    feed = Feed.objects.get()
    assert (feed.created_by, feed.is_active) == (editor, True)


def test_poll_now_queues_the_feed_and_its_entries_become_drafts(
    client, editor, run_tasks, wire, wire_settings
):
    story = wire.route("/s/1", page(*HARBOUR))
    feed = Feed.objects.create(url=wire.route("/feed.xml", rss([("h-1", story, HARBOUR[0])])))
    client.force_login(editor)
    changelist = reverse("admin:articles_feed_changelist")
    run_tasks(client.post, changelist, {"action": "poll_now", "_selected_action": [feed.pk]})
    assert IngestBatch.objects.get().feed == feed
    assert Article.objects.get().headline == HARBOUR[0]


def test_an_editor_starts_a_batch_from_an_address(client, editor, run_tasks, wire, wire_settings):
    url = wire.route("/story", page(*FERRY))
    client.force_login(editor)
    answer = run_tasks(client.post, reverse("admin:articles_ingestbatch_add"), {"url": url})
    batch = IngestBatch.objects.get()
    assert answer.url == reverse("admin:articles_ingestbatch_change", args=[batch.pk])
    assert batch.items.get().status == Status.DRAFTED


def test_an_editor_starts_a_batch_from_a_zip(client, editor, run_tasks):
    upload = SimpleUploadedFile("wire.zip", zip_of({"a.txt": text_copy(HARBOUR)}))
    client.force_login(editor)
    run_tasks(client.post, reverse("admin:articles_ingestbatch_add"), {"archive": upload})
    assert IngestItem.objects.get().status == Status.DRAFTED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Give either an address or a ZIP."),
        ({"url": "http://127.0.0.1:9/feed"}, "127.0.0.1 is a private, loopback or link-local"),
    ],
)
def test_the_start_form_says_what_is_wrong(client, editor, data, message):
    client.force_login(editor)
    answer = client.post(reverse("admin:articles_ingestbatch_add"), data)
    assert answer.status_code == 200
    assert message in answer.content.decode()
    assert not IngestBatch.objects.exists()


def test_the_desk_home_links_the_wire_for_editors_only(client, editor, reporter):
    link = reverse("admin:articles_ingestbatch_changelist")
    client.force_login(editor)
    assert link in client.get("/admin/").content.decode()
    client.force_login(reporter)
    assert link not in client.get("/admin/").content.decode()


def test_the_progress_json_is_valid_for_an_empty_batch(
    client, editor, run_tasks, wire, wire_settings
):
    url = wire.route("/feed.xml", rss([]))
    batch = run_tasks(ingest.batch_from_url, url=url)
    client.force_login(editor)
    answer = client.get(reverse("admin:articles_ingestbatch_progress", args=[batch.pk]))
    assert json.loads(answer.content) == {
        "total": 0,
        "done": 0,
        "percent": 100,
        "finished": True,
        "counts": dict.fromkeys(Status.values, 0),
    }
