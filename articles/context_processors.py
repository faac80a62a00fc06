from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles import selectors
from articles.caching import request_versions
from articles.site import site_url


def site(request):
    """The site's name and address, the sections bar and the versions of what pages show.

    The sections are a query that runs only when the bar's fragment is not
    cached; ``versions`` (``articles.caching.versions``) are the ones the page
    read before its view ran, or, on a page that is not a ``public_page``,
    read when a template first asks.
    """
    return {
        "site_name": settings.NEWSROOM["SITE_NAME"],
        "site_url": site_url(),
        "nav_sections": selectors.section_list(),
        "versions": SimpleLazyObject(lambda: request_versions(request)),
    }
