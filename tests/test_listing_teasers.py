"""Listings: hand-written teasers read as the template wrote them."""

import datetime as dt

import pytest
from django.db.models import Prefetch
from django.template import Context, Template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles import selectors
from articles.models import Article, Byline, Section
from articles.templatetags import public
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, SectionFactory

pytestmark = pytest.mark.django_db

# The teaser loop of templates/articles/includes/teaser_list.html before teasers were built in
# Python; ``article.byline_html`` stands for what {% byline %} gave.
TEMPLATE_TEASERS = Template(
    """{% load public %}{% for article in page %}
<article class="teaser">
  <h2><a href="{{ article|href }}">{{ article.headline }}</a></h2>
  {% if article.dek %}<p class="dek">{{ article.dek }}</p>{% endif %}
  <p class="meta">{{ article.byline_html }}{% if article.bylines.all %} · {% endif %}<time datetime="{{ article.published_at|iso }}">{{ article.published_at|when }}</time>{% if article.section and not section %} · <a href="{{ article.section|href }}">{{ article.section.name }}</a>{% endif %}</p>
</article>
{% endfor %}"""
)


def _format_html_byline(article) -> str:
    """The byline as format_html built it before it was written with html.escape."""
    groups: dict[str, list] = {}
    for line in article.bylines.all():
        groups.setdefault(line.role, []).append(line.author)
    phrases = []
    for role, authors in groups.items():
        links = [
            format_html('<a href="{}" rel="author">{}</a>', author.get_absolute_url(), author.name)
            for author in authors
        ]
        names = links[0] if len(links) == 1 else ", ".join(links[:-1]) + " and " + links[-1]
        label = Byline.Role(role).label
        phrases.append(format_html('<span class="byline">{} {}</span>', label, mark_safe(names)))
    return mark_safe(" · ".join(phrases))


def _awkward_stories() -> Section:
    """Stories whose every shown value needs escaping, in every byline shape."""
    arts = SectionFactory(name='Arts & "Culture" <Live>', description="Pics & <b>gigs</b>")
    now = timezone.now()
    crowded = ArticleFactory(
        published=True,
        published_at=now - dt.timedelta(hours=1),
        section=arts,
        headline="O'Brien's <b>harbour</b> & \"quay\"",
        dek="Fish & chips <i>tonight</i>",
    )
    people = ['Ann "Nan" Lee', "Bo & Co", "<Cy>", "D'Arcy", "Eve"]
    roles = [*[Byline.Role.BY] * 3, Byline.Role.WITH, Byline.Role.ADDITIONAL]
    for position, (name, role) in enumerate(zip(people, roles, strict=True)):
        BylineFactory(
            article=crowded, author=AuthorFactory(name=name), role=role, position=position
        )
    ArticleFactory(published=True, published_at=now - dt.timedelta(hours=2), dek="", section=None)
    single = ArticleFactory(published=True, published_at=now - dt.timedelta(days=40), section=arts)
    BylineFactory(article=single, author=AuthorFactory(name="Maren Holt"), position=0)
    return arts


def _template_teasers(section=None) -> str:
    bylines = Prefetch("bylines", Byline.objects.select_related("author").order_by("position"))
    articles = list(
        Article.objects.published()
        .filter(**({"section": section} if section else {}))
        .select_related("section")
        .prefetch_related(bylines)
        .order_by("-published_at", "-pk")
    )
    for article in articles:
        article.byline_html = _format_html_byline(article)
    return TEMPLATE_TEASERS.render(Context({"page": articles, "section": section}))


def _python_teasers(section=None) -> str:
    listing = selectors.article_list_published()
    if section is not None:
        listing = selectors.article_list_for_section(section=section)
    page = selectors.article_page(listing, number=1, per_page=20)
    context = Context({"articles": page.object_list, "section": section})
    return Template("{% load public %}{% teasers articles %}").render(context)


def test_teasers_match_the_template_they_replace():
    """Headline, dek, byline, time and section read exactly as the template loop wrote them."""
    _awkward_stories()
    html = _python_teasers()
    assert html == _template_teasers()
    assert "O&#x27;Brien&#x27;s &lt;b&gt;harbour&lt;/b&gt; &amp; &quot;quay&quot;" in html
    assert html.count('<article class="teaser">') == 3


def test_teasers_on_a_section_page_leave_the_section_out():
    """A section's own page names no section in its teasers, as the template did."""
    arts = _awkward_stories()
    html = _python_teasers(section=arts)
    assert html == _template_teasers(section=arts)
    assert "Arts &amp;" not in html


def test_byline_markup_is_pinned():
    """The byline groups roles in order, joins names with commas and "and", and escapes them."""
    _awkward_stories()
    page = selectors.article_page(selectors.article_list_published(), number=1, per_page=20)
    article = page.object_list[0]
    slugs = [line.author.slug for line in article.bylines.all()]
    expected = (
        f'<span class="byline">By <a href="/author/{slugs[0]}/" rel="author">Ann &quot;Nan&quot; Lee</a>, '
        f'<a href="/author/{slugs[1]}/" rel="author">Bo &amp; Co</a> and '
        f'<a href="/author/{slugs[2]}/" rel="author">&lt;Cy&gt;</a></span> · '
        f'<span class="byline">With <a href="/author/{slugs[3]}/" rel="author">D&#x27;Arcy</a></span> · '
        f'<span class="byline">Additional reporting by <a href="/author/{slugs[4]}/" rel="author">Eve</a></span>'
    )
    assert public.byline(article) == expected
    assert public.byline(selectors.article_page_for_reader(slug=article.slug).article) == expected
    assert _format_html_byline(Article.objects.get(pk=article.pk)) == expected
