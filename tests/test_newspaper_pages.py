"""The reader pages as a newspaper shows them: pictures, the front page's order, sources, comments."""

import datetime as dt
import re

import pytest
from django.core.cache import cache, caches
from django.template import loader
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticleImage
from articles.services.images import image_create
from tests.comments_support import moderation_settings, post_comment
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    CitationFactory,
    CommentFactory,
    RelatedLinkFactory,
    SectionFactory,
    SourceFactory,
)
from tests.image_files import photo
from tests.test_lineups import lineup_data

pytestmark = pytest.mark.django_db

PICTURE = re.compile(r"<picture>.*?</picture>", re.S)
IMG = re.compile(r"<img [^>]*>")


def picture(alt: str, *, caption: str = "", credit: str = ""):
    return image_create(
        upload=photo(900, 600), alt_text=alt, caption=caption, credit=credit, filename="p.jpg"
    )


def story(headline: str, *, hours_ago: float = 1, section=None, image=None, **kwargs):
    when = timezone.now() - dt.timedelta(hours=hours_ago)
    article = ArticleFactory(
        published=True,
        headline=headline,
        published_at=when,
        first_published_at=when,
        section=section,
        lead_image=image,
        **kwargs,
    )
    BylineFactory(article=article)
    return article


def img_of(html: str, alt: str) -> str:
    found = [tag for tag in IMG.findall(html) if f'alt="{alt}"' in tag]
    assert len(found) == 1, (alt, found)
    return found[0]


def test_the_article_lead_picture_has_srcset_sizes_dimensions_and_its_caption():
    """The lead image: WebP and JPEG renditions by srcset and sizes, width and height from the
    fallback, loaded at once (never lazy), captioned and credited in a figure."""
    image = picture("The harbour wall at dawn", caption="The eastern wall.", credit="Ann Lee")
    article = story("Wall to be rebuilt", image=image)
    html = _get(article.get_absolute_url())
    figure = html[html.index('<figure class="figure lead-figure">') :]
    figure = figure[: figure.index("</figure>")]
    webp = ", ".join(f"{r.url} {r.width}w" for r in image.rendition_list("webp"))
    assert f'<source type="image/webp" srcset="{webp}" sizes="' in figure
    tag = img_of(figure, "The harbour wall at dawn")
    fallback = image.fallback
    assert f'src="{fallback.url}"' in tag and f'srcset="{image.srcset_jpeg}"' in tag
    assert 'sizes="(min-width: 46rem) 44rem, calc(100vw - 2rem)"' in tag
    assert f'width="{fallback.width}" height="{fallback.height}"' in tag
    assert 'loading="lazy"' not in tag and 'fetchpriority="high"' in tag
    assert (
        '<figcaption><span class="caption">The eastern wall.</span> '
        '<span class="credit">Ann Lee</span></figcaption>'
    ) in figure
    assert [r.width for r in image.rendition_list("jpeg")] == [400, 800, 900]


def test_body_pictures_follow_their_paragraph_and_load_lazily():
    """A picture placed after paragraph 2 comes after it, lazy, with its caption; one placed
    past the end follows the last paragraph."""
    article = story("Quay closed", body="First para.\n\nSecond para.\n\nThird para.")
    inside = picture("Sandbags on the quay", caption="Sandbags.", credit="Bo Penhale")
    late = picture("The closed ferry office")
    ArticleImage.objects.create(article=article, image=inside, after_paragraph=2)
    ArticleImage.objects.create(article=article, image=late, after_paragraph=9)
    html = _get(article.get_absolute_url())
    body = html[html.index('<div class="body">') :]
    order = ["Second para.", 'alt="Sandbags on the quay"', "Third para.", 'alt="The closed ferry']
    assert [body.index(mark) for mark in order] == sorted(body.index(mark) for mark in order)
    assert 'loading="lazy"' in img_of(body, "Sandbags on the quay")
    assert '<span class="caption">Sandbags.</span>' in body


def test_front_page_lead_is_eager_and_every_picture_below_it_lazy():
    """The front page's lead has a large, eagerly loaded picture; the second tier's are lazy."""
    local = SectionFactory(name="Local")
    lead = story("Council backs the wall", image=picture("Lead picture"), section=local)
    story("Ferry late again", hours_ago=2, image=picture("Ferry picture"), section=local)
    story("Market hall shut", hours_ago=3, section=local)
    html = _get("/")
    top = html[html.index('<div class="front-top">') :]
    assert top.index(lead.headline) < top.index("Ferry late again") < top.index("Market hall")
    lead_img = img_of(html, "Lead picture")
    assert 'loading="lazy"' not in lead_img and 'fetchpriority="high"' in lead_img
    assert 'sizes="(min-width: 78rem) 48rem' in lead_img
    assert 'width="900" height="600"' in lead_img
    assert 'loading="lazy"' in img_of(html, "Ferry picture")
    assert '<article class="teaser teaser-lead has-picture">' in html


def _lineup(client, section, articles):
    response = client.post(reverse("admin:articles_lineup_add"), lineup_data(section, articles))
    assert response.status_code == 302


def _lead_headline(html: str) -> str:
    lead = html[html.index('<article class="teaser teaser-lead') :]
    return re.search(r'class="teaser-headline"><a [^>]*>([^<]*)</a>', lead).group(1)


def test_editors_choose_the_lead_in_the_desk_and_readers_see_it_at_once(
    client, editor, django_capture_on_commit_callbacks
):
    """A lineup saved in the desk leads the front page and the section page, even right after
    both were served from the page cache; the front page then gives each section a block."""
    local, weather = SectionFactory(name="Local"), SectionFactory(name="Weather")
    old = story("Old harbour note", hours_ago=30, section=local)
    for n in range(6):
        story(f"Weather note {n}", hours_ago=n + 1, section=weather)
    story("Newest local", hours_ago=0.5, section=local)
    reader = client.__class__()
    assert _lead_headline(reader.get("/").content.decode()) == "Newest local"
    assert _lead_headline(reader.get(local.get_absolute_url()).content.decode()) == "Newest local"
    assert reader.get("/")["X-Page-Cache"] == "hit"

    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        _lineup(client, None, [old])
        _lineup(client, local, [old])
    front = reader.get("/")
    assert _lead_headline(front.content.decode()) == old.headline
    assert _lead_headline(reader.get(local.get_absolute_url()).content.decode()) == old.headline
    html = front.content.decode()
    block = html[html.index('aria-labelledby="block-weather"') :]
    assert "Weather note 4" in block and "Weather note 5" in block


def test_section_page_pages_two_and_on_are_the_plain_list(client):
    """Past page one, a section's page is its stories newest first, with their pictures lazy."""
    local = SectionFactory(name="Local")
    for n in range(25):
        story(f"Local note {n:02d}", hours_ago=n + 1, section=local, image=None)
    html = _get(local.get_absolute_url() + "?page=2")
    assert "front-top" not in html and "Local note 20" in html
    assert '<article class="teaser teaser-list">' in html


def _forget_pages():
    """Stories made by the factory skip the publishing service, which renews cache versions."""
    cache.clear()
    caches["template_fragments"].clear()


def test_the_latest_list_appears_only_when_it_adds_stories_to_those_above_it():
    """Page one lists the latest headlines only when the top (and the front page's blocks)
    leave stories out; a paper with four stories shows each of them once."""
    local = SectionFactory(name="Local")
    for n in range(4):
        story(f"Local note {n}", hours_ago=n + 1, section=local)
    for path in ("/", local.get_absolute_url()):
        html = _get(path)
        assert "Latest" not in html, path
        assert html.count("Local note 3") == 1, path

    # Seven: the section's top shows five, so its latest list comes back; the front page
    # shows all seven (five on top, two in the section's block).
    for n in range(4, 7):
        story(f"Local note {n}", hours_ago=n + 1, section=local)
    _forget_pages()
    section = _get(local.get_absolute_url())
    assert "Local note 6" in section[section.index('id="latest-title"') :]
    assert "Latest" not in _get("/")

    # Ten: more than the front page's top and blocks show.
    for n in range(7, 10):
        story(f"Local note {n}", hours_ago=n + 1, section=local)
    _forget_pages()
    front = _get("/")
    assert "Local note 9" in front[front.index('id="latest-title"') :]


def test_sources_by_name_and_kind_with_the_evidence_in_a_disclosure():
    """Each source: its name (linked to the outlet when known) and kind; the sentence the
    story cites it in stays folded in a <details>; related links are a short list."""
    article = story("Coastguard shuts the quay")
    gazette = SourceFactory(name="Saltmere Gazette", home_url="https://gazette.example/")
    CitationFactory(article=article, source=gazette, url="", evidence="The Gazette said so.")
    rumour = SourceFactory(name="A harbour worker", home_url="", kind="person")
    CitationFactory(article=article, source=rumour, url="", evidence="")
    RelatedLinkFactory(article=article, title="Tide tables", url="https://tides.example/")
    html = _get(article.get_absolute_url())
    sources = html[html.index('<section class="sources"') : html.index("</section>")]
    assert (
        '<a href="https://gazette.example/" rel="nofollow noopener">Saltmere Gazette</a>' in sources
    )
    assert '<span class="source-kind">News outlet</span>' in sources
    assert '<span class="source-name">A harbour worker</span>' in sources
    assert sources.count("<details") == 1
    disclosure = sources[sources.index('<details class="evidence">') :]
    assert disclosure.index("<summary>") < disclosure.index("The Gazette said so.")
    assert '<ul class="related-list">' in html and "Tide tables" in html


def test_a_readers_own_pending_comment_shows_without_no_comments_yet(client):
    """The reader who just commented sees it as awaiting moderation, and no "No comments yet."
    under it; another reader still sees "No comments yet." and not the comment."""
    moderation_settings()
    article = story("Ferry timetable changes")
    response = post_comment(client, article, body="Held note about the ferry.", follow=True)
    mine = response.content.decode()
    assert "Held note about the ferry." in mine and "awaiting moderation" in mine
    assert "No comments yet." not in mine
    other = client.__class__().get(article.get_absolute_url()).content.decode()
    assert "No comments yet." in other and "Held note" not in other


def test_comments_come_fifty_threads_a_page_with_links_to_each_page(client):
    """With 101 threads: three pages of 50, 50 and 1, each page linking the others."""
    article = story("Harbour dues rise")
    for n in range(101):
        CommentFactory(article=article, body=f"Thread {n:03d}.")
    first = _get(article.get_absolute_url())
    assert first.count('<article class="comment"') == 50
    nav = first[first.index('<nav class="pagination comment-pages"') :]
    nav = nav[: nav.index("</nav>")]
    assert '<span aria-current="page">1</span>' in nav
    assert '<a href="?cpage=2#comments">2</a>' in nav and '<a href="?cpage=3#comments">3</a>' in nav
    third = _get(article.get_absolute_url() + "?cpage=3")
    assert third.count('<article class="comment"') == 1 and "Thread 100." in third
    assert '<a href="?cpage=1#comments">1</a>' in third


def test_a_failed_post_leads_with_a_focusable_summary_of_its_errors(client):
    """The page that sends a post back opens with an error summary the script focuses, each
    error linking to its field; everything typed is still in the form."""
    moderation_settings()
    article = story("Slipway closed")
    response = post_comment(client, article, name="", body="My words stay here.")
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[html.index('<div class="error-summary"') :]
    summary = summary[: summary.index("</div>")]
    assert 'id="error-summary" tabindex="-1"' in summary
    assert re.search(r'<a href="#id_name">Name: [^<]+</a>', summary)
    assert "My words stay here." in html
    assert html.index("error-summary") < html.index('<form class="comment-form"')
    assert "js/comment-form.js" in html


def test_the_500_page_is_in_the_sites_design_without_a_database(settings):
    """The 500 page links the stylesheet and icons and names the site, with no request at all."""
    settings.NEWSROOM = {**settings.NEWSROOM, "SITE_NAME": "The Harbourside Courier"}
    html = loader.get_template("500.html").render({"site_name": "The Harbourside Courier"})
    assert '<p class="site-name"><a href="/">The Harbourside Courier</a></p>' in html
    assert "css/site.css" in html and 'rel="manifest"' in html
    assert "Front page" in loader.get_template("500.html").render()


def test_every_page_links_its_icons_and_manifest():
    """Favicon, touch icon and manifest are named in the head of reader pages."""
    html = _get("/")
    head = html[: html.index("</head>")]
    for piece in ('rel="icon"', 'rel="apple-touch-icon"', 'rel="manifest"', 'name="theme-color"'):
        assert piece in head


def _get(url: str) -> str:
    from django.test import Client

    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()
