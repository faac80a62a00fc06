"""Page lineups in the desk: editors order the top of the front page and of section pages."""

import pytest
from django.urls import reverse

from articles.models import Lineup, LineupEntry
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_lineup_add")


def lineup_data(section, articles):
    data = {
        "section": section.pk if section else "",
        "entries-TOTAL_FORMS": len(articles),
        "entries-INITIAL_FORMS": 0,
        "entries-MIN_NUM_FORMS": 0,
        "entries-MAX_NUM_FORMS": 10,
        "_save": "Save",
    }
    for i, article in enumerate(articles):
        data[f"entries-{i}-article"] = article.pk
        data[f"entries-{i}-position"] = i + 1
    return data


def test_editor_sets_the_front_page_lead_and_order(client, editor):
    """The front page's lineup keeps the stories in the order the editor gave."""
    client.force_login(editor)
    stories = [ArticleFactory(published=True) for _ in range(3)]
    ordered = [stories[2], stories[0], stories[1]]
    response = client.post(ADD, lineup_data(None, ordered))
    assert response.status_code == 302
    lineup = Lineup.objects.get(section=None)
    assert str(lineup) == "Front page"
    assert [e.article for e in lineup.entries.all()] == ordered


def test_the_front_page_has_one_lineup(client, editor):
    """A second front-page lineup is refused with a message."""
    client.force_login(editor)
    Lineup.objects.create()
    response = client.post(ADD, lineup_data(None, []))
    assert response.status_code == 200
    assert "This page already has a lineup." in response.content.decode()
    assert Lineup.objects.count() == 1


def test_a_section_lineup_takes_only_that_sections_stories(client, editor):
    """A story from another section cannot lead the Weather page."""
    client.force_login(editor)
    weather = SectionFactory(name="Weather")
    storm = ArticleFactory(published=True, section=weather)
    council = ArticleFactory(published=True, headline="Harbour wall vote")
    response = client.post(ADD, lineup_data(weather, [storm, council]))
    assert response.status_code == 200
    assert "“Harbour wall vote” is not in the section Weather." in response.content.decode()
    assert not LineupEntry.objects.exists()


def test_reporters_cannot_arrange_pages(client, reporter):
    """Placement is the editors' call."""
    client.force_login(reporter)
    assert client.get(ADD).status_code == 403
