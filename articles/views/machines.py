"""Pages for machines: robots.txt and the news sitemap."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles import selectors
from articles.caching import public_page


@require_safe
def robots_txt(request):
    site_url = settings.NEWSROOM["SITE_URL"].rstrip("/")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "",
        f"Sitemap: {site_url}/sitemap.xml",
        f"Sitemap: {site_url}/news-sitemap.xml",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@public_page
def news_sitemap(request):
    """Google News sitemap: the last two days' articles."""
    return render(
        request,
        "articles/news_sitemap.xml",
        {"articles": selectors.article_list_recent(days=2)},
        content_type="application/xml; charset=utf-8",
    )
