"""The guarded fetcher against a server on 127.0.0.1: schemes, addresses, redirects, time, size."""

import gzip

import pytest

from articles.ingest.fetch import (
    FetchFailed,
    FetchPolicy,
    FetchRefused,
    address_allowed,
    check_url,
    fetch,
)
from tests.wire_server import MB

LOOPBACK = FetchPolicy.networks(["127.0.0.1/32"])


def allowed(**options) -> FetchPolicy:
    return FetchPolicy(**{"allowed_networks": LOOPBACK, "timeout": 1.0, **options})


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://wire.example/story.txt",
        "gopher://wire.example/",
        "javascript:alert(1)",
        "//wire.example/no-scheme",
        "wire.example/story",
    ],
)
def test_only_http_and_https_are_fetched(url):
    """file:, ftp: and the rest are refused before any connection, with the reason."""
    with pytest.raises(FetchRefused, match="Only http and https"):
        check_url(url)


def test_an_address_with_credentials_in_it_is_refused():
    """A user name and password in the address are never sent anywhere."""
    with pytest.raises(FetchRefused, match="user name or password"):
        check_url("https://editor:secret@wire.example/feed")


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",  # the cloud's metadata service
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "224.0.0.1",
    ],
)
def test_private_loopback_and_link_local_addresses_are_not_allowed(address):
    """Only public addresses may be fetched by default."""
    assert not address_allowed(address, ())


def test_public_addresses_are_allowed_and_configured_networks_too():
    assert address_allowed("93.184.216.34", ())
    assert address_allowed("2606:4700::1111", ())
    assert address_allowed("127.0.0.1", LOOPBACK)
    assert not address_allowed("127.0.0.2", LOOPBACK)


def test_127_0_0_1_is_refused_unless_allowed(wire):
    """The default policy refuses the local server; the configured one fetches it."""
    url = wire.route("/story", "<p>Harbour news</p>")
    with pytest.raises(FetchRefused, match="loopback"):
        fetch(url, policy=FetchPolicy(timeout=1.0))
    assert wire.hits("/story") == 0
    assert fetch(url, policy=allowed()).data == b"<p>Harbour news</p>"


def test_a_host_name_is_checked_on_the_address_it_resolves_to(wire):
    """A friendly name that resolves to a private address is refused before connecting."""

    def resolver(host, port):
        return ["10.0.0.7"]

    with pytest.raises(FetchRefused, match=r"wire\.example resolves to 10\.0\.0\.7"):
        fetch("http://wire.example/feed", policy=allowed(), resolver=resolver)


def test_one_private_answer_among_public_ones_is_refused():
    """A name resolving to a public and a private address could be rebound: refused."""

    def resolver(host, port):
        return ["93.184.216.34", "127.0.0.1"]

    with pytest.raises(FetchRefused, match=r"127\.0\.0\.1"):
        fetch("http://wire.example/", policy=FetchPolicy(timeout=1.0), resolver=resolver)


def test_the_connection_goes_to_the_checked_address_with_the_host_name_kept(wire):
    """The request is made to the address that was checked, not to a second resolution."""
    wire.route("/feed", "<rss/>", content_type="application/rss+xml")
    asked = []

    def resolver(host, port):
        asked.append(host)
        return ["127.0.0.1"]

    url = f"http://wire.example:{wire.port}/feed"
    assert fetch(url, policy=allowed(), resolver=resolver).data == b"<rss/>"
    assert asked == ["wire.example"]
    assert wire.requests[-1] == ("/feed", f"wire.example:{wire.port}")


def test_every_redirect_hop_is_checked(wire):
    """A redirect from an allowed server to a refused address is not followed."""
    wire.route("/moved", status=302, headers={"Location": "http://127.0.0.2:9/secret"})
    with pytest.raises(FetchRefused, match=r"127\.0\.0\.2"):
        fetch(wire.url("/moved"), policy=allowed())
    wire.route("/to-file", status=301, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchRefused, match="Only http and https"):
        fetch(wire.url("/to-file"), policy=allowed())


def test_a_redirect_within_the_rules_is_followed(wire):
    wire.route("/old", status=301, headers={"Location": "/new"})
    wire.route("/new", "<p>The story</p>")
    fetched = fetch(wire.url("/old"), policy=allowed())
    assert fetched.url == wire.url("/new")
    assert fetched.data == b"<p>The story</p>"


def test_a_redirect_loop_stops(wire):
    wire.route("/loop", status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchRefused, match="redirects"):
        fetch(wire.url("/loop"), policy=allowed())


def test_a_page_that_does_not_answer_in_time_fails_and_may_be_retried(wire):
    """A timeout is a failure worth another try, and says so."""
    url = wire.route("/slow", "<p>late</p>", delay=3)
    with pytest.raises(FetchFailed, match="Timed out after 1 s") as failure:
        fetch(url, policy=allowed())
    assert failure.value.retryable


def test_a_50_mb_page_with_its_length_declared_is_refused_unread(wire):
    """A declared Content-Length over the limit stops the fetch before the body."""
    url = wire.route("/huge", b"x" * 50 * MB)
    with pytest.raises(FetchRefused, match=r"too large: 50.0 MB; the limit is 5 MB") as refused:
        fetch(url, policy=allowed())
    assert not refused.value.retryable


def test_a_50_mb_page_sent_without_a_length_is_cut_at_the_limit(wire):
    """Counted as it arrives: the fetch stops once the limit is passed."""
    url = wire.route("/stream", stream_bytes=50 * MB)
    with pytest.raises(FetchRefused, match="too large: more than 5 MB"):
        fetch(url, policy=allowed(timeout=5.0))


def test_a_gzip_bomb_is_cut_at_the_limit_once_inflated(wire):
    """The limit counts the inflated bytes, not the few kilobytes on the wire."""
    url = wire.route("/bomb", b"\0" * 50 * MB, gzip_body=True)
    assert len(gzip.compress(b"\0" * 50 * MB)) < MB
    with pytest.raises(FetchRefused, match="too large"):
        fetch(url, policy=allowed(timeout=5.0))


@pytest.mark.parametrize(
    ("status", "error"), [(404, FetchRefused), (410, FetchRefused), (503, FetchFailed)]
)
def test_error_answers_say_whether_trying_again_can_help(wire, status, error):
    url = wire.route("/answer", "no", status=status)
    with pytest.raises(error, match=str(status)):
        fetch(url, policy=allowed())


def test_nothing_listening_is_a_failure_to_retry():
    with pytest.raises(FetchFailed, match="Could not connect"):
        fetch("http://127.0.0.1:9/", policy=allowed())
