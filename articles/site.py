"""The publication's own address, from ``SITE_URL``.

Feeds, sitemaps and shared metadata carry absolute links. They are built
from the configured address, never from the request's ``Host`` or
``X-Forwarded-Proto``: a cached feed is served to every reader, so a link
taken from one request's headers would be served to all of them.
"""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone


def site_url() -> str:
    """``SITE_URL`` without a trailing slash, e.g. ``https://news.example.org``."""
    return settings.NEWSROOM["SITE_URL"].rstrip("/")


def absolute_url(path: str) -> str:
    """The public address of a site path such as ``/2026/11/25/quay-reopens/``.

    An address that is absolute already (a picture in S3-compatible storage)
    is returned as it is.
    """
    if urlsplit(path).scheme:
        return path
    return site_url() + path


# The site's icon (static/icons), which sharing and JSON-LD show for the publisher.
SITE_ICON = "icons/icon-512.png"
SITE_ICON_SIZE = 512


def site_icon_url() -> str:
    """The absolute address of the site's largest icon, as the static files storage names it."""
    return absolute_url(static(SITE_ICON))


def tag_uri(*, kind: str, pk: int, created_at: dt.datetime) -> str:
    """A ``tag:`` URI (RFC 4151) naming one thing for good, whatever its headline or address.

    Feed readers key entries by it (Atom ``id``, RSS ``guid``), so it must
    not change when a story is edited, re-slugged or republished.
    """
    host = urlsplit(site_url()).hostname or "localhost"
    day = timezone.localtime(created_at, dt.UTC).date()
    return f"tag:{host},{day.isoformat()}:{kind}-{pk}"
