"""Fetching as a good guest: robots.txt read once and obeyed, one host asked at a time."""

import pytest
from django.core.cache import caches

from articles.ingest.fetch import FetchFailed, FetchRefused
from articles.services.ingest import fetching


def test_robots_txt_is_read_once_and_obeyed(wire, wire_settings):
    wire.route(
        "/robots.txt", "User-agent: NewsroomBot\nDisallow: /wire/\n", content_type="text/plain"
    )
    open_page = wire.route("/news/1", "<p>open</p>")
    closed = wire.route("/wire/1", "<p>closed</p>")
    assert fetching.page_fetch(open_page).data == b"<p>open</p>"
    with pytest.raises(FetchRefused, match=r"robots\.txt does not allow"):
        fetching.page_fetch(closed)
    assert wire.hits("/robots.txt") == 1, "cached for the next fetches"
    assert wire.hits("/wire/1") == 0


def test_a_site_without_robots_txt_may_be_fetched(wire, wire_settings):
    url = wire.route("/news/1", "<p>open</p>")
    assert fetching.page_fetch(url).status == 200
    assert wire.hits("/robots.txt") == 1


def test_a_robots_txt_that_cannot_be_read_means_try_later(wire, wire_settings):
    wire.route("/robots.txt", "down", status=503)
    url = wire.route("/news/1", "<p>open</p>")
    with pytest.raises(FetchFailed, match=r"robots\.txt could not be read"):
        fetching.page_fetch(url)
    assert wire.hits("/news/1") == 0


def test_a_host_is_asked_again_only_after_its_interval(settings, monkeypatch):
    """A second request to the same host waits its turn; another host does not."""
    settings.INGEST = {**settings.INGEST, "HOST_INTERVAL": 1}
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        if len(waits) == 3:  # the interval runs out
            caches["strict"].clear()

    monkeypatch.setattr(fetching.time, "sleep", sleep)
    fetching.host_turn("gazette.example")
    assert waits == []
    fetching.host_turn("courier.example")
    assert waits == []
    fetching.host_turn("gazette.example")
    assert len(waits) == 3


def test_a_host_busy_for_too_long_is_tried_later(settings, monkeypatch):
    settings.INGEST = {**settings.INGEST, "HOST_INTERVAL": 60}
    clock = iter(range(0, 1000, 10))
    monkeypatch.setattr(fetching.time, "monotonic", lambda: next(clock))
    monkeypatch.setattr(fetching.time, "sleep", lambda seconds: None)
    fetching.host_turn("gazette.example")
    with pytest.raises(FetchFailed, match=r"gazette\.example was busy"):
        fetching.host_turn("gazette.example")
