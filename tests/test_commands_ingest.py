"""``manage.py ingest PATH|URL``: what it makes, what it refuses, and its progress bar."""

import fcntl
import io
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Feed, IngestBatch
from tests.ingest_copy import FERRY, HARBOUR, LIFEBOAT, text_copy, zip_of
from tests.wire_server import page, rss

# Transactions commit as in production, so the queued items run before the report.
pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[1]


def ingest(*args) -> str:
    out = io.StringIO()
    call_command("ingest", *args, "--no-progress", stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "ferry.txt").write_bytes(text_copy(FERRY))
    (tmp_path / "harbour.txt").write_bytes(text_copy(HARBOUR))
    return tmp_path


def test_a_folder_becomes_drafts_and_the_command_says_which(folder):
    out = ingest(str(folder))
    batch = IngestBatch.objects.get()
    ferry = Article.objects.get(headline=FERRY[0])
    assert f"Batch {batch.pk} (Folder: {folder}): 2 items: 2 drafted." in out
    assert f"  drafted  article {ferry.pk}: {FERRY[0]} (ferry.txt)" in out
    assert f"In the desk: /admin/articles/ingestbatch/{batch.pk}/change/" in out


def test_running_it_twice_makes_no_new_drafts(folder):
    ingest(str(folder))
    out = ingest(str(folder))
    assert Article.objects.count() == 2
    assert "2 items: 2 linked to earlier items." in out
    assert "  linked   ferry.txt: the same copy as article" in out


def test_a_zip_with_a_bad_file_drafts_the_rest_and_names_the_bad_one(tmp_path):
    archive = tmp_path / "wire.zip"
    archive.write_bytes(zip_of({"good.txt": text_copy(LIFEBOAT), "notes.pdf": b"%PDF-1.7"}))
    out = ingest(str(archive))
    assert "2 items: 1 drafted, 1 parked." in out
    assert "  parked   notes.pdf: notes.pdf: not a text, HTML or ninjs file (.pdf)" in out


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("story.docx", b"PK", "story.docx: not a text, HTML or ninjs file (.docx)"),
        ("broken.zip", b"PK\x03\x04 not a zip", "Not a readable ZIP file"),
        ("empty", None, "No such file or folder"),
    ],
)
def test_bad_inputs_are_refused_with_a_clear_error(tmp_path, name, data, message):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(CommandError, match=re.escape(message)) as refused:
        call_command("ingest", str(path), stdout=io.StringIO())
    assert refused.value.returncode == 2
    assert not IngestBatch.objects.exists()


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("file:///etc/passwd", "Only http and https addresses"),
        ("ftp://wire.example/feed", "Only http and https addresses"),
        ("http://127.0.0.1:9/feed.xml", r"127\.0\.0\.1 is a private, loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ],
)
def test_addresses_it_must_not_fetch_are_refused(source, message):
    with pytest.raises(CommandError, match=message):
        call_command("ingest", source, stdout=io.StringIO())


def test_a_feed_address_with_follow_is_polled_from_now_on(wire, wire_settings):
    story = wire.route("/s/1", page(*FERRY))
    url = wire.route("/feed.xml", rss([("f-1", story, FERRY[0])]), content_type="text/xml")
    out = ingest(url, "--follow")
    assert "1 item: 1 drafted." in out
    assert Feed.objects.get(url=url).is_active
    again = ingest(url)
    assert "0 items" in again
    assert "1 feed entries were taken before: skipped." in again


def test_an_unknown_user_is_refused(folder):
    with pytest.raises(CommandError, match="No user named nobody"):
        call_command("ingest", str(folder), "--user", "nobody", stdout=io.StringIO())


def test_in_a_terminal_it_shows_a_progress_bar(tmp_path_factory, folder):
    """The bar (tqdm) draws on a terminal's standard error; the report stays on standard out."""
    tmp_path = tmp_path_factory.mktemp("terminal")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'terminal.sqlite3'}",
        "CACHE_URL": "locmemcache://terminal",
        "SECRET_KEY": "terminal-test-key",
        "DEBUG": "0",
        "CELERY_BROKER_URL": "",
        "ENV_FILE": str(tmp_path / "none.env"),
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    main, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    try:
        done = subprocess.run(
            [sys.executable, "manage.py", "ingest", str(folder)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=terminal,
            timeout=120,
            check=True,
        )
        os.close(terminal)
        drawn = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(main)
    assert b"ingest: 100%" in drawn
    assert b"2/2" in drawn
    assert "2 items: 2 drafted." in done.stdout.decode()
