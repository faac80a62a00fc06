"""story_import: raw copy kept byte for byte, one draft per copy, everything the cleaner found stored."""

import codecs
import hashlib

import pytest

from articles.cleaning import clean
from articles.models import (
    Article,
    Author,
    Byline,
    Citation,
    Finding,
    RawCopy,
    RelatedLink,
    Revision,
    Source,
    Suggestion,
)
from articles.services import imports
from articles.services.imports import ImportRejected, story_import

pytestmark = pytest.mark.django_db

STORY = """Saltmere council votes to rebuild harbour wall breached by Storm Brannock

By Ada Penhallow

Saltmere's council voted 5-2 on Tuesday night to rebuild the harbour wall that Storm Brannock \
breached in January, according to the Saltmere Gazette.

The work will cost \u00a34.2 million and start in the spring, the council's engineer, Tomas \
Reddick, told Reuters.

I'm sorry, but I cannot rewrite this text as it appears to be incomplete. Could you please \
provide the full article?

Fishing crews, who have moored in Pellow Cove since the storm, welcomed the vote.

Saltmere's council voted 5-2 on Tuesday night to rebuild the harbour wall that Storm Brannock \
breached in January, according to the Saltmere Gazette.

He declined to comment.

Reference Article

Leave a Reply

Your email address will not be published. Required fields are marked *
"""

SECOND_STORY = """Lifeboat crew rescues two walkers cut off by the tide at Gull Point

By ADA PENHALLOW

Two walkers were lifted from the rocks below Gull Point on Sunday after the tide cut them off, \
the lifeboat station's coxswain, Morwenna Tregear, told Reuters.

Both were cold but unhurt, according to the Saltmere Gazette, and walked home from the quay.
"""

HTML_PAGE = """<!DOCTYPE html><html lang="en"><head>
<title>Quay market returns after two years</title>
<meta name="author" content="Jory Colenso">
<meta property="og:url" content="https://gazette.saltmere.example/2026/04/quay-market">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Quay market returns after two years</h1>
<p>The Saturday market returns to Saltmere quay this weekend after two years away during the \
harbour works, the town council said in a statement on Monday.</p>
<p>Stallholders will pay nothing for the first month, and the fish auction moves back to the old \
shed beside the lifeboat station, the harbour master told the Saltmere Gazette.</p>
<p>Read more: <a href="/2026/03/harbour-wall">Harbour wall to be rebuilt</a></p>
<p><a href="https://council.saltmere.example/news/market">Original article</a></p>
</article><footer><p>\u00a9 2026 Saltmere Gazette</p></footer></body></html>
"""


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            RawCopy,
            Article,
            Finding,
            Author,
            Byline,
            Source,
            Citation,
            RelatedLink,
            Revision,
            Suggestion,
        )
    }


def test_raw_copy_is_kept_byte_for_byte_with_its_digest(editor):
    """CRLF line ends and a BOM survive in the stored raw copy; its SHA-256 and size match."""
    data = codecs.BOM_UTF8 + STORY.replace("\n", "\r\n").encode()
    article, created = story_import(data=data, filename="wall.txt", user=editor, via="test")
    raw = article.raw_copy
    raw.refresh_from_db()
    assert created is True
    assert bytes(raw.data) == data
    assert raw.sha256 == hashlib.sha256(data).hexdigest()
    assert raw.size == len(data)
    assert raw.format == RawCopy.Format.TEXT
    assert raw.filename == "wall.txt"
    assert raw.received_by == editor
    assert raw.received_via == "test"
    assert raw.received_at is not None


def test_import_opens_a_draft_with_the_cleaners_proposal(editor):
    """The draft carries the headline, the proposed body and every paragraph as imported."""
    result = clean(STORY.encode())
    article, _ = story_import(data=STORY.encode(), user=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.headline == (
        "Saltmere council votes to rebuild harbour wall breached by Storm Brannock"
    )
    assert article.body == result.body
    assert "I'm sorry" not in article.body
    assert "Leave a Reply" not in article.body
    assert "He declined to comment." in article.body
    assert article.source_paragraphs == [p.text for p in result.paragraphs]
    assert article.created_by == editor
    assert article.slug


def test_every_finding_is_stored_undecided_with_its_paragraph():
    """Each finding of each paragraph becomes a Finding row, open, pointing at its paragraph."""
    result = clean(STORY.encode())
    article, _ = story_import(data=STORY.encode())
    expected = [
        (i, f.rule, f.action, f.evidence, f.message)
        for i, p in enumerate(result.paragraphs)
        for f in p.findings
    ]
    stored = [
        (f.paragraph_index, f.rule, f.action, f.evidence, f.message)
        for f in article.findings.order_by("paragraph_index", "pk")
    ]
    assert stored == expected
    assert {f.decision for f in article.findings.all()} == {Finding.Decision.OPEN}
    refusal = article.findings.get(rule="chatbot.refusal")
    assert article.source_paragraphs[refusal.paragraph_index].startswith("I'm sorry")


def test_byline_and_sources_are_proposed_not_created():
    """The byline and cited sources arrive as suggestions; no author or source row is made."""
    article, _ = story_import(data=STORY.encode())
    assert Author.objects.count() == 0
    assert Source.objects.count() == 0
    assert not article.bylines.exists()
    assert not article.citations.exists()
    proposed = [
        (s.target, s.name, s.kind, s.position, s.decision) for s in article.suggestions.all()
    ]
    assert proposed == [
        ("byline", "Ada Penhallow", "person", 0, "open"),
        ("source", "The Saltmere Gazette", "outlet", 0, "open"),
        ("source", "Reuters", "wire", 1, "open"),
    ]
    assert "told Reuters" in article.suggestions.get(name="Reuters").evidence
    link = article.related_links.get()
    assert (link.title, link.url, link.relation) == (
        "Reference Article",
        "",
        RelatedLink.Relation.ORIGINAL,
    )


def test_the_import_is_the_first_revision(editor):
    """The imported words are kept as revision 1."""
    article, _ = story_import(data=STORY.encode(), user=editor)
    revision = article.revisions.get()
    assert (revision.number, revision.body, revision.created_by) == (1, article.body, editor)


def test_same_copy_twice_points_to_the_first_draft():
    """Importing the same bytes again creates nothing and returns the existing draft."""
    first, created = story_import(data=STORY.encode(), filename="a.txt")
    before = _counts()
    again, created_again = story_import(data=STORY.encode(), filename="b.txt")
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert _counts() == before


def test_pasted_copy_with_crlf_matches_the_uploaded_file_and_keeps_its_bytes():
    """The browser's CRLF and a file's final newline do not make a second draft; each byte is kept."""
    pasted = STORY.strip().replace("\n", "\r\n").encode()
    first, created = story_import(data=pasted)
    again, created_again = story_import(data=(STORY.strip() + "\n").encode())
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    raw = RawCopy.objects.get()
    assert bytes(raw.data) == pasted
    assert raw.sha256 == hashlib.sha256(pasted).hexdigest()


def test_other_words_are_another_copy():
    """Copy that differs by more than line endings and surrounding space is a second draft."""
    first, _ = story_import(data=STORY.encode())
    second, created = story_import(data=STORY.replace("harbour", "Harbour").encode())
    assert created is True
    assert second.pk != first.pk
    assert RawCopy.objects.count() == 2


def test_copy_whose_draft_was_deleted_makes_a_new_draft():
    """Re-importing copy after its draft was deleted opens a new draft on the kept raw copy."""
    first, _ = story_import(data=STORY.encode())
    raw_pk = first.raw_copy_id
    first.delete()
    again, created = story_import(data=STORY.encode())
    assert created is True
    assert again.raw_copy_id == raw_pk
    assert RawCopy.objects.count() == 1
    assert again.body == clean(STORY.encode(), format="auto").body


def test_html_page_import_keeps_title_author_and_link_urls():
    """An HTML page imports with its title as headline, its author and its source link's URL."""
    article, created = story_import(data=HTML_PAGE.encode(), filename="market.html")
    assert created
    assert article.raw_copy.format == RawCopy.Format.HTML
    assert article.headline == "Quay market returns after two years"
    assert "Stallholders will pay nothing" in article.body
    assert "Home" not in article.source_paragraphs
    assert [s.name for s in article.suggestions.filter(target="byline")] == ["Jory Colenso"]
    links = {(link.title, link.url, link.relation) for link in article.related_links.all()}
    assert (
        "Harbour wall to be rebuilt",
        "https://gazette.saltmere.example/2026/03/harbour-wall",
        RelatedLink.Relation.RELATED,
    ) in links
    assert (
        "Original article",
        "https://council.saltmere.example/news/market",
        RelatedLink.Relation.ORIGINAL,
    ) in links


WIRE_PAGE = """<!DOCTYPE html><html lang="en"><head>
<title>Saltmere ferry orders two electric boats</title>
<meta name="author" content="Nessa Trevail; Ap Business Writer">
<meta property="og:site_name" content="Harbourside Courier">
<link rel="canonical" href="https://courier.saltmere.example/business/ferry-electric-boats">
</head><body><article><h1>Saltmere ferry orders two electric boats</h1>
<p>The Saltmere ferry company has ordered two electric boats from a yard in Falmouth to replace \
its diesel pair by the summer of 2028, its chief executive said on Wednesday.</p>
<p>The boats will each carry 120 passengers and charge at the quay in Saltmere during the \
twenty-minute turnaround, the company said, cutting its fuel bill by half.</p>
</article></body></html>
"""


def test_page_byline_splits_person_and_wire_and_keeps_the_original_address():
    """ "Name; AP Business Writer" is one person and the AP; the canonical URL is the original."""
    article, _ = story_import(data=WIRE_PAGE.encode())
    bylines = [(s.name, s.kind) for s in article.suggestions.filter(target="byline")]
    assert bylines == [("Nessa Trevail", "person")]
    sources = [(s.name, s.kind) for s in article.suggestions.filter(target="source")]
    assert ("The Associated Press", "wire") in sources
    original = article.related_links.get(relation=RelatedLink.Relation.ORIGINAL)
    assert (original.title, original.url, original.position) == (
        "Harbourside Courier",
        "https://courier.saltmere.example/business/ferry-electric-boats",
        0,
    )
    assert Author.objects.count() == 0


def test_copy_without_a_headline_gets_a_dated_placeholder():
    """When the cleaner finds no headline the draft is called 'Untitled import <date>'."""
    data = b"The harbour wall will be rebuilt in the spring, the council said on Tuesday night."
    article, _ = story_import(data=data)
    assert article.headline.startswith("Untitled import 20")
    assert article.body == data.decode()


@pytest.mark.parametrize(
    ("data", "fmt", "words"),
    [
        (b"", "auto", "empty"),
        (b"   \r\n\t", "auto", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "auto", "binary"),
        (b"The caf\xe9 reopened.", "auto", "UTF-8"),
        (b"<html><head><title>Saltmere Gazette</title></head></html>", "auto", "No article text"),
        (b"Harbour news.", "pdf", "format"),
    ],
)
def test_unreadable_copy_is_rejected_and_nothing_is_written(data, fmt, words):
    """Empty, binary, mis-encoded or bodiless copy raises ImportRejected and stores nothing."""
    before = _counts()
    with pytest.raises(ImportRejected, match=words):
        story_import(data=data, format=fmt)
    assert _counts() == before


def test_too_large_copy_is_rejected_and_nothing_is_written():
    """Copy over the 10 MB limit is rejected with the limit named."""
    with pytest.raises(ImportRejected, match="the limit is 10 MB"):
        story_import(data=b"Saltmere. " * (1024 * 1024 + 1))
    assert _counts() == dict.fromkeys(_counts(), 0)


def test_a_failure_late_in_the_import_rolls_everything_back(monkeypatch):
    """The import is one transaction: a failure while storing links leaves no raw copy, author or draft."""

    def broken(article, links):
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "_links_create", broken)
    with pytest.raises(RuntimeError):
        story_import(data=STORY.encode())
    assert _counts() == dict.fromkeys(_counts(), 0)
    monkeypatch.undo()
    story_import(data=STORY.encode())
    assert Article.objects.count() == 1


def test_a_republication_note_becomes_a_source_suggestion():
    """ "This article was originally published by ..." leaves the body as a finding an editor
    can undo, and proposes where the story first ran as a source."""
    copy = (
        "Ferry fares to rise in spring\n\n"
        "Pellan Ferries will raise its fares by a tenth in April, the company said on Monday.\n\n"
        "This article was originally published by the Coastline Courier. "
        "Read the original article."
    )
    article, _ = story_import(data=copy.encode())
    finding = article.findings.get(rule="extract.republished")
    assert "Coastline Courier" in finding.message
    assert "Coastline Courier" not in article.body
    sources = [(s.name, s.kind) for s in article.suggestions.filter(target="source")]
    assert ("Coastline Courier", "outlet") in sources
