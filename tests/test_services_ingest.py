"""The wire in, through the real database and the in-process Celery: batches to drafts."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Feed, IngestItem, RawCopy
from articles.services import ingest
from articles.services.imports import story_import
from tests.ingest_copy import (
    FERRY,
    HARBOUR,
    HARBOUR_REWORDED,
    LIFEBOAT,
    ninjs_bytes,
    ninjs_copy,
    text_copy,
    zip_of,
)
from tests.wire_server import MB, page, rss

pytestmark = pytest.mark.django_db
Status = IngestItem.Status

LEFTOVER = b"\n\nI hope this helps! Let me know if you would like me to shorten it."


def served(wire, path, story):
    headline, paragraphs = story
    return wire.route(path, page(headline, paragraphs))


def feed_of(wire, path, stories: dict[str, tuple]) -> str:
    """A feed at ``path`` whose entries (GUID -> story) link to pages on the same server."""
    entries = [(guid, served(wire, f"/story/{guid}", s), s[0]) for guid, s in stories.items()]
    return wire.route(path, rss(entries), content_type="application/rss+xml")


def test_a_folder_becomes_drafts_with_their_findings(run_tasks, tmp_path, editor):
    (tmp_path / "harbour.txt").write_bytes(text_copy(HARBOUR) + LEFTOVER)
    (tmp_path / "ferry.txt").write_bytes(text_copy(FERRY))
    batch = run_tasks(ingest.batch_from_path, path=tmp_path, user=editor)
    ferry, harbour = batch.items.order_by("name")
    assert (ferry.status, harbour.status) == (Status.DRAFTED, Status.DRAFTED)
    article = harbour.article
    assert article.headline == HARBOUR[0]
    assert article.findings.filter(rule__startswith="chatbot.").exists()
    assert bytes(article.raw_copy.data) == text_copy(HARBOUR) + LEFTOVER
    assert article.raw_copy.received_via == "ingest"
    assert article.created_by == editor
    assert harbour.data is None, "the bytes are kept once, in the draft's raw copy"
    assert set(harbour.timings) == {"fetch", "clean", "db", "total"}
    assert harbour.timings["clean"] > 0


def test_the_same_folder_twice_makes_no_new_drafts(run_tasks, tmp_path):
    (tmp_path / "harbour.txt").write_bytes(text_copy(HARBOUR))
    (tmp_path / "ferry.txt").write_bytes(text_copy(FERRY))
    first = run_tasks(ingest.batch_from_path, path=tmp_path)
    second = run_tasks(ingest.batch_from_path, path=tmp_path)
    assert Article.objects.count() == 2
    for again in second.items.all():
        assert again.status == Status.REPEAT
        assert again.repeat_reason == IngestItem.Reason.BYTES
        assert again.repeat_of.batch == first
        assert again.article == again.repeat_of.article


def test_copy_pasted_before_is_linked_to_that_draft(run_tasks, tmp_path):
    """The same bytes brought in by the import form are one story."""
    pasted, _ = story_import(data=text_copy(FERRY).replace(b"\n", b"\r\n"), via="admin")
    (tmp_path / "ferry.txt").write_bytes(text_copy(FERRY))
    batch = run_tasks(ingest.batch_from_path, path=tmp_path)
    [item] = batch.items.all()
    assert (item.status, item.repeat_reason, item.article) == (
        Status.REPEAT,
        IngestItem.Reason.BYTES,
        pasted,
    )
    assert Article.objects.count() == 1


def test_a_zip_drafts_its_good_files_and_parks_the_bad_ones_with_their_reasons(run_tasks, tmp_path):
    archive = tmp_path / "wire.zip"
    archive.write_bytes(
        zip_of(
            {
                "good.txt": text_copy(LIFEBOAT),
                "bomb.txt": b"\0" * 50 * MB,
                "photo.jpg": b"\xff\xd8\xff\xe0",
                "latin1.txt": "Café owner Jos\xe9 says the pier will reopen.".encode("latin-1"),
                "binary.html": b"\x00\x01\x02\x03" * 50,
            }
        )
    )
    batch = run_tasks(ingest.batch_from_path, path=archive)
    items = {item.name: item for item in batch.items.all()}
    assert items["good.txt"].status == Status.DRAFTED
    parked = {name: item.error for name, item in items.items() if item.status == Status.PARKED}
    assert "refused as a zip bomb" in parked["bomb.txt"]
    assert "not a text, HTML or ninjs file (.jpg)" in parked["photo.jpg"]
    assert "not valid UTF-8" in parked["latin1.txt"]
    assert "binary file" in parked["binary.html"]
    assert items["latin1.txt"].data, "a parked item keeps what arrived"


def test_a_broken_zip_and_an_unknown_file_are_refused_whole(tmp_path):
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(ingest.IngestRefused, match="Not a readable ZIP file"):
        ingest.batch_from_path(path=broken)
    odd = tmp_path / "story.docx"
    odd.write_bytes(b"PK")
    with pytest.raises(ingest.IngestRefused, match=r"not a text, HTML or ninjs file \(.docx\)"):
        ingest.batch_from_path(path=odd)
    with pytest.raises(ingest.IngestRefused, match="No such file or folder"):
        ingest.batch_from_path(path=tmp_path / "missing")


def test_ninjs_items_become_drafts_and_a_later_version_is_linked_keeping_its_json(
    run_tasks, tmp_path
):
    (tmp_path / "wire.json").write_bytes(
        ninjs_bytes(ninjs_copy(HARBOUR, "urn:wire:1"), ninjs_copy(FERRY, "urn:wire:2"))
    )
    first = run_tasks(ingest.batch_from_path, path=tmp_path / "wire.json")
    assert sorted(first.items.values_list("status", flat=True)) == [Status.DRAFTED] * 2
    harbour = first.items.get(name=HARBOUR[0])
    assert harbour.article.headline == HARBOUR[0]
    assert json.loads(bytes(harbour.data))["uri"] == "urn:wire:1", "the JSON is kept"

    newer = ninjs_copy(LIFEBOAT, "urn:wire:1")
    (tmp_path / "update.json").write_bytes(ninjs_bytes(newer))
    second = run_tasks(ingest.batch_from_path, path=tmp_path / "update.json")
    [again] = second.items.all()
    assert (again.status, again.repeat_reason, again.repeat_of) == (
        Status.REPEAT,
        IngestItem.Reason.KEY,
        harbour,
    )
    assert json.loads(bytes(again.data))["headlines"][0]["value"] == LIFEBOAT[0]
    assert Article.objects.count() == 2


def test_a_reworded_wire_repeat_is_linked_to_the_first(run_tasks, tmp_path):
    """Another wire's rewording of a story the desk has: linked, no second draft."""
    (tmp_path / "a.json").write_bytes(ninjs_bytes(ninjs_copy(HARBOUR, "urn:wire-a:7")))
    first = run_tasks(ingest.batch_from_path, path=tmp_path / "a.json").items.get()
    (tmp_path / "b.json").write_bytes(ninjs_bytes(ninjs_copy(HARBOUR_REWORDED, "urn:wire-b:3")))
    repeat = run_tasks(ingest.batch_from_path, path=tmp_path / "b.json").items.get()
    assert repeat.status == Status.REPEAT
    assert repeat.repeat_reason == IngestItem.Reason.REWORDED
    assert repeat.repeat_of == first
    assert repeat.article == first.article
    assert Article.objects.count() == 1
    (tmp_path / "c.json").write_bytes(ninjs_bytes(ninjs_copy(FERRY, "urn:wire-b:4")))
    other = run_tasks(ingest.batch_from_path, path=tmp_path / "c.json").items.get()
    assert other.status == Status.DRAFTED, "a different story is not a repeat"


def test_a_feed_polled_twice_creates_no_duplicates(run_tasks, wire, wire_settings):
    url = feed_of(wire, "/feed.xml", {"h-1": HARBOUR, "f-2": FERRY, "l-3": LIFEBOAT})
    feed = Feed.objects.create(url=url)
    batch = run_tasks(ingest.feed_poll, feed=feed)
    assert sorted(batch.items.values_list("status", flat=True)) == [Status.DRAFTED] * 3
    assert {a.headline for a in Article.objects.all()} == {HARBOUR[0], FERRY[0], LIFEBOAT[0]}
    feed.refresh_from_db()
    assert feed.last_polled_at is not None and feed.last_error == ""

    assert run_tasks(ingest.feed_poll, feed=feed) is None, "nothing new: no batch"
    assert Article.objects.count() == 3
    assert IngestItem.objects.count() == 3
    assert wire.hits("/feed.xml") == 2
    assert all(wire.hits(f"/story/{guid}") == 1 for guid in ("h-1", "f-2", "l-3"))


def test_a_new_entry_in_the_feed_is_all_the_next_poll_takes(run_tasks, wire, wire_settings):
    url = feed_of(wire, "/feed.xml", {"h-1": HARBOUR})
    feed = Feed.objects.create(url=url)
    run_tasks(ingest.feed_poll, feed=feed)
    feed_of(wire, "/feed.xml", {"h-1": HARBOUR, "f-2": FERRY})
    batch = run_tasks(ingest.feed_poll, feed=feed)
    assert batch.seen_count == 1
    assert list(batch.items.values_list("name", flat=True)) == [FERRY[0]]


def test_a_feed_that_did_not_change_is_asked_with_its_etag(run_tasks, wire, wire_settings):
    entries = [("h-1", served(wire, "/story/h-1", HARBOUR), HARBOUR[0])]
    url = wire.route("/feed.xml", rss(entries), headers={"ETag": '"v1"'})
    feed = Feed.objects.create(url=url)
    run_tasks(ingest.feed_poll, feed=feed)
    feed.refresh_from_db()
    assert feed.etag == '"v1"'
    assert run_tasks(ingest.feed_poll, feed=feed) is None
    assert wire.hits("/feed.xml") == 2


def test_a_reworded_repeat_from_another_feed_is_linked(run_tasks, wire, wire_settings):
    first_feed = Feed.objects.create(url=feed_of(wire, "/a.xml", {"a-1": HARBOUR}))
    other_feed = Feed.objects.create(url=feed_of(wire, "/b.xml", {"b-9": HARBOUR_REWORDED}))
    first = run_tasks(ingest.feed_poll, feed=first_feed).items.get()
    repeat = run_tasks(ingest.feed_poll, feed=other_feed).items.get()
    assert (repeat.status, repeat.repeat_reason) == (Status.REPEAT, IngestItem.Reason.REWORDED)
    assert repeat.repeat_of == first
    assert repeat.data, "the reworded copy is kept on the item for the editor"
    assert Article.objects.count() == 1


def test_a_page_that_times_out_is_parked_after_three_attempts(run_tasks, wire, wire_settings):
    slow = wire.route("/slow", page(*FERRY), delay=3)
    feed = Feed.objects.create(
        url=wire.route("/feed.xml", rss([("s-1", slow, "Slow")]), content_type="text/xml")
    )
    item = run_tasks(ingest.feed_poll, feed=feed).items.get()
    assert item.status == Status.PARKED
    assert item.attempts == 3
    assert item.error == (f"Timed out after 1 s fetching {slow}. (gave up after 3 attempts)")
    assert wire.hits("/slow") == 3
    assert not Article.objects.exists()


def test_a_50_mb_page_is_parked_at_once_with_its_size(run_tasks, wire, wire_settings):
    huge = wire.route("/huge", stream_bytes=50 * MB)
    feed = Feed.objects.create(url=wire.route("/feed.xml", rss([("h-1", huge, "Huge")])))
    item = run_tasks(ingest.feed_poll, feed=feed).items.get()
    assert item.status == Status.PARKED
    assert item.attempts == 1, "trying again cannot make it smaller"
    assert item.error == f"The page is too large: more than 5 MB; the limit is 5 MB ({huge})."


def test_an_address_on_127_0_0_1_is_refused_unless_allowed(run_tasks, wire, settings):
    story = served(wire, "/story/h-1", HARBOUR)
    feed_bytes = rss([("h-1", story, HARBOUR[0])]).encode()
    with pytest.raises(ingest.IngestRefused, match=r"127\.0\.0\.1 is a private, loopback"):
        ingest.batch_from_url(url=story)
    batch = run_tasks(ingest.batch_from_feed, feed_url="http://wire.example/feed", data=feed_bytes)
    item = batch.items.get()
    assert item.status == Status.PARKED
    assert "only public addresses are fetched unless INGEST_ALLOW_ADDRESSES" in item.error
    assert wire.hits("/story/h-1") == 0

    settings.INGEST = {**settings.INGEST, "ALLOW_ADDRESSES": ["127.0.0.1/32"], "HOST_INTERVAL": 0}
    page_batch = run_tasks(ingest.batch_from_url, url=story)
    assert page_batch.items.get().status == Status.DRAFTED


def test_a_page_robots_txt_disallows_is_parked(run_tasks, wire, wire_settings):
    wire.route("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    hidden = served(wire, "/private/story", FERRY)
    feed = Feed.objects.create(url=wire.route("/feed.xml", rss([("p-1", hidden, "Hidden")])))
    item = run_tasks(ingest.feed_poll, feed=feed).items.get()
    assert item.status == Status.PARKED
    assert "robots.txt does not allow" in item.error
    assert wire.hits("/private/story") == 0


def test_a_poison_item_is_retried_then_parked_with_its_error(run_tasks, tmp_path, monkeypatch):
    """An item that fails every time is tried three times, never more, and kept."""
    calls = []

    def broken(**kwargs):
        calls.append(1)
        raise RuntimeError("the cleaner fell over")

    monkeypatch.setattr("articles.services.ingest.items.copy_clean", broken)
    (tmp_path / "ferry.txt").write_bytes(text_copy(FERRY))
    item = run_tasks(ingest.batch_from_path, path=tmp_path).items.get()
    assert len(calls) == 3
    assert item.status == Status.PARKED
    assert item.error == (
        "Unexpected error: RuntimeError: the cleaner fell over (gave up after 3 attempts)"
    )
    assert item.data == text_copy(FERRY)


def test_an_item_whose_worker_died_three_times_is_parked_not_tried_forever(tmp_path):
    (tmp_path / "ferry.txt").write_bytes(text_copy(FERRY))
    item = ingest.batch_from_path(path=tmp_path).items.get()
    IngestItem.objects.filter(pk=item.pk).update(attempts=3, status=Status.CLEANED)
    assert ingest.item_process(item_id=item.pk).status == "done"
    item.refresh_from_db()
    assert item.status == Status.PARKED
    assert item.error.startswith("Attempt 3 of 3 ended without a word")


def test_an_item_delivered_again_makes_one_draft(tmp_path):
    """A worker killed after cleaning, its message delivered again, and then once more."""
    (tmp_path / "ferry.txt").write_bytes(text_copy(FERRY))
    item = ingest.batch_from_path(path=tmp_path).items.get()
    IngestItem.objects.filter(pk=item.pk).update(attempts=1, status=Status.CLEANED)
    assert ingest.item_process(item_id=item.pk).status == Status.DRAFTED
    assert ingest.item_process(item_id=item.pk).status == "done"
    item.refresh_from_db()
    assert item.attempts == 2
    assert Article.objects.count() == 1
    assert RawCopy.objects.count() == 1


def test_an_editor_sends_a_parked_item_back_and_it_is_drafted(
    run_tasks, wire, wire_settings, editor
):
    slow = wire.route("/slow", page(*LIFEBOAT), delay=3)
    feed = Feed.objects.create(url=wire.route("/feed.xml", rss([("s-1", slow, "Slow")])))
    item = run_tasks(ingest.feed_poll, feed=feed).items.get()
    assert item.status == Status.PARKED
    wire.route("/slow", page(*LIFEBOAT))
    run_tasks(ingest.item_retry, item=item, user=editor)
    item.refresh_from_db()
    assert item.status == Status.DRAFTED
    assert item.article.headline == LIFEBOAT[0]
    with pytest.raises(ingest.ItemRefused, match="only a parked item"):
        ingest.item_retry(item=item, user=editor)


def test_a_reporter_may_not_send_items_back(reporter, tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    (tmp_path / "ferry.txt").write_bytes(text_copy(FERRY))
    item = ingest.batch_from_path(path=tmp_path).items.get(name="x.pdf")
    with pytest.raises(ingest.ItemRefused, match="permission"):
        ingest.item_retry(item=item, user=reporter)


def test_items_whose_message_was_lost_are_sent_again(run_tasks, tmp_path):
    (tmp_path / "ferry.txt").write_bytes(text_copy(FERRY))
    item = ingest.batch_from_path(path=tmp_path).items.get()  # the commit's message never ran
    assert item.status == Status.QUEUED
    assert run_tasks(ingest.items_requeue_stale) == 0, "not stale yet"
    IngestItem.objects.filter(pk=item.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    assert run_tasks(ingest.items_requeue_stale) == 1
    item.refresh_from_db()
    assert item.status == Status.DRAFTED


def test_the_back_off_grows_fourfold(settings):
    settings.INGEST = {**settings.INGEST, "RETRY_SECONDS": 30}
    assert [ingest.retry_delay(n) for n in (1, 2, 3)] == [30, 120, 480]


def test_due_feeds_are_claimed_once(run_tasks):
    now = timezone.now()
    due = Feed.objects.create(url="https://wire.example/a.xml")
    late = Feed.objects.create(url="https://wire.example/b.xml", next_poll_at=now)
    Feed.objects.create(url="https://wire.example/c.xml", next_poll_at=now + timedelta(hours=1))
    Feed.objects.create(url="https://wire.example/d.xml", is_active=False)
    assert sorted(ingest.feeds_due(now=now)) == [due.pk, late.pk]
    assert ingest.feeds_due(now=now) == []
    due.refresh_from_db()
    assert due.next_poll_at == now + timedelta(minutes=15)


def test_a_feed_that_cannot_be_read_keeps_its_error(run_tasks, wire, wire_settings):
    feed = Feed.objects.create(url=wire.route("/feed.xml", "<!doctype html><p>not a feed</p>"))
    assert run_tasks(ingest.feed_poll, feed=feed) is None
    feed.refresh_from_db()
    assert feed.last_error.startswith("Not an RSS or Atom feed")
    assert feed.next_poll_at > timezone.now()


def test_a_broker_that_is_down_leaves_the_items_queued_for_the_sweep(
    run_tasks, tmp_path, monkeypatch
):
    """Nothing is lost when the message cannot be sent: the row is the record."""
    from kombu.exceptions import OperationalError

    sent = []

    def refuse(pk):
        sent.append(pk)
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr("articles.tasks.ingest_item.delay", refuse)
    (tmp_path / "ferry.txt").write_bytes(text_copy(FERRY))
    (tmp_path / "harbour.txt").write_bytes(text_copy(HARBOUR))
    batch = run_tasks(ingest.batch_from_path, path=tmp_path)
    assert len(sent) == 1, "the first refusal stops the sending"
    assert set(batch.items.values_list("status", flat=True)) == {Status.QUEUED}


def test_an_atom_entry_without_a_page_is_cleaned_from_the_text_the_feed_carries(run_tasks):
    from tests.test_ingest_inputs import ATOM

    data = ATOM.replace("https://wire.example/ferry-fares", "http://127.0.0.1:9/ferry-fares")
    batch = run_tasks(
        ingest.batch_from_feed, feed_url="https://wire.example/atom.xml", data=data.encode()
    )
    inline = batch.items.get(name="Tide note")
    assert (inline.kind, inline.status) == (IngestItem.Kind.COPY, Status.DRAFTED)
    assert "High water at 6.12pm." in inline.article.body
    linked = batch.items.get(name="Ferry fares to rise")
    assert (linked.kind, linked.url) == (IngestItem.Kind.PAGE, "http://127.0.0.1:9/ferry-fares")
    assert linked.status == Status.PARKED, "a loopback address is refused"
