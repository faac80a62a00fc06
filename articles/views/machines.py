"""Pages for machines: robots.txt, the news sitemap, the web app manifest and the favicon."""

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from articles import selectors
from articles.caching import public_page
from articles.sitemaps import sitemap_index_items


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


@public_page("front")
def sitemap_index(request):
    """sitemap.xml: the address of each sitemap (Django's index names the request's host)."""
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": sitemap_index_items()},
        content_type="application/xml",
    )


@public_page("front")
def news_sitemap(request):
    """Google News sitemap: the last two days' articles."""
    return render(
        request,
        "articles/news_sitemap.xml",
        {"articles": selectors.article_list_recent(days=2)},
        content_type="application/xml; charset=utf-8",
    )


# The masthead's navy and the paper's white, as the stylesheet has them.
THEME_COLOUR = "#16324f"
BACKGROUND_COLOUR = "#fbfaf7"


@require_safe
def web_manifest(request):
    """What a phone needs to put the site on its home screen: name, colours, icons."""
    name = settings.NEWSROOM["SITE_NAME"]
    manifest = {
        "name": name,
        # A home screen shows about twelve letters: "The Harbourside Courier" is "Courier" there.
        "short_name": name.split()[-1] if name.split() else name,
        "start_url": "/",
        "scope": "/",
        "display": "minimal-ui",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("icons/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    response = JsonResponse(manifest, content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page says."""
    response = HttpResponsePermanentRedirect(static("icons/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response
