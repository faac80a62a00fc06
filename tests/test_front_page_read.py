"""The front page's and section pages' hierarchy: lineup first, then the newest, then sections."""

import datetime as dt

import pytest
from django.utils import timezone

from articles import selectors
from articles.models import Article, Lineup, LineupEntry
from tests.factories import ArticleFactory, BylineFactory, SectionFactory

pytestmark = pytest.mark.django_db


def story(section, hours_ago: float, **kwargs):
    when = timezone.now() - dt.timedelta(hours=hours_ago)
    article = ArticleFactory(
        published=True, section=section, published_at=when, first_published_at=when, **kwargs
    )
    BylineFactory(article=article)
    return article


def lineup(section, articles):
    page = Lineup.objects.create(section=section)
    for position, article in enumerate(articles, start=1):
        LineupEntry.objects.create(lineup=page, article=article, position=position)


def headlines(articles):
    return [a.headline for a in articles]


@pytest.fixture
def newsroom():
    local, weather, courts = (SectionFactory(name=n) for n in ("Local", "Weather", "Courts"))
    stories = {
        f"{section.name} {i}": story(section, hours, headline=f"{section.name} {i}")
        for section, offset in ((local, 0), (weather, 0.5), (courts, 0.25))
        for i, hours in enumerate([offset + h for h in (1, 3, 5, 7, 9, 11)], start=1)
    }
    return {"local": local, "weather": weather, "courts": courts, **stories}


def test_without_a_lineup_the_newest_lead_and_each_section_gets_a_block(newsroom):
    """Lead and second tier are the five newest; blocks hold each section's next four, by name."""
    front = selectors.front_page_read()
    assert front.lead.headline == "Local 1"
    assert headlines(front.second_tier) == ["Courts 1", "Weather 1", "Local 2", "Courts 2"]
    assert [(s.name, headlines(a)) for s, a in front.blocks] == [
        ("Courts", ["Courts 3", "Courts 4", "Courts 5", "Courts 6"]),
        ("Local", ["Local 3", "Local 4", "Local 5", "Local 6"]),
        ("Weather", ["Weather 2", "Weather 3", "Weather 4", "Weather 5"]),
    ]


def test_the_editors_lineup_leads_and_stories_not_live_are_skipped(newsroom):
    """The lineup's order wins; a draft or scheduled story in it is skipped and the next moves up."""
    draft = ArticleFactory(section=newsroom["local"], headline="Draft")
    later = story(newsroom["local"], -5, headline="Scheduled")
    assert later.status == Article.Status.PUBLISHED and not later.is_live
    lineup(None, [newsroom["Weather 6"], draft, later, newsroom["Courts 5"]])
    front = selectors.front_page_read()
    assert front.lead.headline == "Weather 6"
    assert headlines(front.second_tier) == ["Courts 5", "Local 1", "Courts 1", "Weather 1"]
    shown = {a.headline for a in [front.lead, *front.second_tier]}
    in_blocks = {a.headline for _, articles in front.blocks for a in articles}
    assert not shown & in_blocks
    assert "Draft" not in in_blocks and "Scheduled" not in in_blocks


def test_a_section_page_has_its_own_lead_and_no_blocks(newsroom):
    """The Weather page leads with its lineup, fills from Weather only and has no section blocks."""
    lineup(newsroom["weather"], [newsroom["Weather 4"]])
    lineup(None, [newsroom["Local 6"]])
    page = selectors.front_page_read(section=newsroom["weather"])
    assert page.lead.headline == "Weather 4"
    assert headlines(page.second_tier) == ["Weather 1", "Weather 2", "Weather 3", "Weather 5"]
    assert page.blocks == []


def test_teasers_carry_bylines_section_and_image_without_more_queries(
    newsroom, django_assert_num_queries
):
    """Four statements build the page's top whatever the number of sections; teasers need no more."""
    lineup(None, [newsroom["Courts 2"]])
    with django_assert_num_queries(4):
        front = selectors.front_page_read()
    with django_assert_num_queries(0):
        for article in [front.lead, *front.second_tier, *(a for _, b in front.blocks for a in b)]:
            assert article.section.name
            assert [b.author.name for b in article.bylines.all()]
            assert article.lead_image is None
    SectionFactory(name="Arts")
    story(SectionFactory(name="Arts"), 2, headline="Arts 1")
    with django_assert_num_queries(4):
        selectors.front_page_read()


def test_an_empty_site_has_no_lead():
    """No published story: nothing to lead with, and no error."""
    front = selectors.front_page_read()
    assert (front.lead, front.second_tier, front.blocks) == (None, [], [])
