"""ZIPs, folders and ninjs files opened into items, and bad ones refused with a clear reason."""

import io
import json
import zipfile

import pytest

from articles.ingest.archive import ArchiveRefused, Limits, folder_members, zip_members
from articles.ingest.feeds import NotAFeed, feed_parse, looks_like_feed
from articles.ingest.ninjs import NinjsRefused, ninjs_items
from tests.wire_server import MB, rss

LIMITS = Limits(max_files=50, max_file_bytes=MB, max_total_bytes=10 * MB)


def make_zip(files: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def ninjs(uri="urn:saltmere:wire:1", **fields) -> dict:
    item = {
        "uri": uri,
        "type": "text",
        "headlines": [{"role": "main", "value": "Ferry fares to rise"}],
        "by": "Rosa Penhallow",
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": "<p>Fares to <b>Pellan</b> rise in May.</p><p>The operator blamed fuel.</p>",
            }
        ],
    }
    item.update(fields)
    return item


def test_a_zip_opens_into_its_text_html_and_ninjs_files_in_name_order():
    data = make_zip(
        {
            "b/story.html": b"<p>two</p>",
            "a.txt": b"one",
            "c.json": b"{}",
            "__MACOSX/._a.txt": b"junk",
            ".DS_Store": b"junk",
        }
    )
    members = list(zip_members(data, limits=LIMITS))
    assert [(m.name, m.kind) for m in members] == [
        ("a.txt", "text"),
        ("b/story.html", "html"),
        ("c.json", "ninjs"),
    ]
    assert members[0].data == b"one"


def test_a_broken_zip_is_refused_with_the_reason():
    with pytest.raises(ArchiveRefused, match="Not a readable ZIP file"):
        list(zip_members(b"PK\x03\x04 this is not really a zip", limits=LIMITS))


def test_a_zip_bomb_member_is_refused_before_it_is_inflated():
    """50 MB of zeros packed into a few kilobytes: named as a bomb, never read."""
    data = make_zip({"bomb.txt": b"\0" * 50 * MB, "fine.txt": b"A story."})
    bomb, fine = list(zip_members(data, limits=Limits(max_file_bytes=100 * MB)))
    assert "refused as a zip bomb: 50 MB packed into" in bomb.error
    assert bomb.data == b""
    assert fine.data == b"A story."


def test_a_zip_whose_files_add_up_past_the_limit_is_refused_whole():
    data = make_zip(
        {f"{i}.txt": b"x" * (MB // 2) for i in range(30)}, compression=zipfile.ZIP_STORED
    )
    with pytest.raises(ArchiveRefused, match="15 MB uncompressed; the limit is 10 MB"):
        list(zip_members(data, limits=LIMITS))


def test_a_zip_with_too_many_files_is_refused_whole():
    data = make_zip({f"{i}.txt": b"x" for i in range(51)})
    with pytest.raises(ArchiveRefused, match="51 files; at most 50"):
        list(zip_members(data, limits=LIMITS))


def test_a_member_too_large_or_of_an_unknown_type_says_so_by_name():
    data = make_zip(
        {"big.txt": b"word " * MB, "photo.jpg": b"\xff\xd8\xff"}, compression=zipfile.ZIP_STORED
    )
    big, photo = list(zip_members(data, limits=LIMITS))
    assert big.error == "big.txt: too large (5 MB); the limit for one file is 1 MB."
    assert photo.error.startswith("photo.jpg: not a text, HTML or ninjs file (.jpg)")


def test_a_folder_opens_into_its_files_leaving_out_hidden_ones_and_links(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "two.html").write_bytes(b"<p>two</p>")
    (tmp_path / "one.txt").write_bytes(b"one")
    (tmp_path / ".hidden.txt").write_bytes(b"secret")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "link.txt").symlink_to("/etc/hostname")
    members = list(folder_members(tmp_path, limits=LIMITS))
    assert [(m.name, bool(m.error)) for m in members] == [
        ("notes.pdf", True),
        ("one.txt", False),
        ("sub/two.html", False),
    ]


def test_a_ninjs_2_item_becomes_plain_copy_with_headline_byline_and_paragraphs():
    [item] = ninjs_items(json.dumps(ninjs()).encode())
    assert item.uri == "urn:saltmere:wire:1"
    assert item.copy().decode() == (
        "Ferry fares to rise\n\nBy Rosa Penhallow\n\nFares to Pellan rise in May.\n\n"
        "The operator blamed fuel."
    )


def test_a_ninjs_1_item_and_a_list_of_items_are_read_too():
    old = {"uri": "urn:old:1", "headline": "Old style", "body_text": "First.\n\nSecond."}
    found = ninjs_items(json.dumps([old, ninjs(uri="urn:new:2")]).encode())
    assert [item.uri for item in found] == ["urn:old:1", "urn:new:2"]
    assert found[0].paragraphs == ["First.", "Second."]


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"uri": ""}, "needs its uri"),
        ({"type": "picture"}, "a picture item, not a story"),
        ({"pubstatus": "canceled"}, "cancelled"),
        ({"bodies": []}, "no body text"),
    ],
)
def test_a_ninjs_item_that_is_not_a_story_says_why(fields, reason):
    [refused] = ninjs_items(json.dumps(ninjs(**fields)).encode())
    assert isinstance(refused, NinjsRefused)
    assert reason in str(refused)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"{not json", "Not valid JSON"),
        (b'{"uri": "urn:x", "headline": "\xe9t\xe9"}', "not valid UTF-8"),
        (b"[]", "no ninjs item"),
    ],
)
def test_a_file_that_is_not_ninjs_is_refused_whole(data, reason):
    with pytest.raises(NinjsRefused, match=reason):
        ninjs_items(data)


def test_a_feed_is_told_from_a_page_and_parsed_in_order():
    data = rss([("g1", "http://wire.example/1", "One"), ("g2", "", "Two")]).encode()
    assert looks_like_feed(data)
    assert not looks_like_feed(b"<!doctype html><html><body>page</body></html>")
    parsed = feed_parse(data)
    assert parsed.title == "Saltmere Wire"
    assert [(e.guid, e.link, e.title) for e in parsed.entries] == [
        ("g1", "http://wire.example/1", "One"),
        ("g2", "", "Two"),
    ]


def test_bytes_that_are_not_a_feed_are_refused():
    with pytest.raises(NotAFeed):
        feed_parse(b"<!doctype html><p>a page</p>")


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbourside partner wire</title>
  <id>tag:wire.example,2026:feed</id>
  <updated>2026-03-03T09:00:00Z</updated>
  <entry>
    <id>tag:wire.example,2026:ferry-fares</id>
    <title>Ferry fares to rise</title>
    <link rel="alternate" href="https://wire.example/ferry-fares"/>
    <updated>2026-03-03T09:00:00Z</updated>
  </entry>
  <entry>
    <id>tag:wire.example,2026:tide-note</id>
    <title>Tide note</title>
    <updated>2026-03-03T09:00:00Z</updated>
    <content type="html">&lt;p&gt;High water at 6.12pm.&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</content>
  </entry>
</feed>"""


def test_an_atom_feed_gives_each_entry_its_id_link_or_text():
    data = ATOM.encode()
    assert looks_like_feed(data)
    parsed = feed_parse(data)
    assert parsed.title == "Harbourside partner wire"
    linked, inline = parsed.entries
    assert (linked.guid, linked.link) == (
        "tag:wire.example,2026:ferry-fares",
        "https://wire.example/ferry-fares",
    )
    assert "High water at 6.12pm." in inline.content
    assert "<script" not in inline.content, "feedparser sanitises the entry's HTML"
