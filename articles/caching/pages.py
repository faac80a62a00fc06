"""The anonymous page cache and the HTTP caching headers of reader pages.

A cached page's key carries the versions of what it shows
(``articles.caching.versions``): the page names them with ``public_page``,
in terms of its address, so they are read before the view reads the
database, and a change that commits meanwhile only costs a second rendering.

Only anonymous GET/HEAD requests are served from or stored in the cache. On
a page that shows a reader's own notices (the article page), a reader who
has one (a comment awaiting moderation, a message) bypasses it, so they see
it; a cookie that does not check out counts for nothing, so a made-up cookie
cannot be used to get past the cache. A public page is the same bytes
for every visitor and sets no cookie (the reader forms carry no CSRF token),
so a CDN may keep it too: ``Cache-Control: public`` for a minute, an ETag
for 304s, ``Vary: Cookie`` (from the session middleware) so that a signed-in
browser never gets the public copy. The one thing renewed on every serve is
each comment form's signed timestamp (``articles.caching.stamps``).
"""

import hashlib
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import get_language

from articles.caching.stamps import stamps_cut, stamps_fill
from articles.caching.versions import EVERY_PAGE, versions_read
from articles.forms import pending_ids

# How long a CDN or browser may keep a public page without asking again.
BROWSER_MAX_AGE = 60
# Names the shape of a cached entry, so that while a release rolls out,
# workers of the old and new release never read each other's entries.
_KEY_PREFIX = "page.stamped"
# The only query parameters a reader page reads. Any other changes nothing on
# any page, so it is left out of the key: a stranger cannot fill the cache
# with made-up parameters.
QUERY_PARAMETERS = ("cpage", "p", "page", "q", "replyto")
# Longer than any page number or search (200 characters) a page accepts.
QUERY_VALUE_MAX = 200


def page_cache_seconds() -> int:
    return settings.NEWSROOM.get("PAGE_CACHE_SECONDS", 60)


def _has_own_notice(request) -> bool:
    """A comment of this reader's awaiting moderation, or a message for them.

    Each is read through its signature (``nr_pending`` also expires after
    half an hour): a forged, stale or empty cookie is no notice. Counting the
    messages does not mark them shown, so they wait for the page that shows them.
    """
    return bool(pending_ids(request)) or len(messages.get_messages(request)) > 0


def _is_cacheable(request, *, notices: bool) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.user.is_authenticated:
        return False
    return not (notices and _has_own_notice(request))


def _query(request) -> str | None:
    """The known parameters in a fixed order, or None when one is too long to be a reader's."""
    if not request.META.get("QUERY_STRING"):
        return ""
    pairs = []
    for name in QUERY_PARAMETERS:
        for value in request.GET.getlist(name):
            if len(value) > QUERY_VALUE_MAX:
                return None
            pairs.append((name, value))
    return urlencode(pairs)


def _page_key(request, query: str, versions: dict[str, str]) -> str:
    parts = [get_language() or "", request.path, query, *versions.values()]
    digest = hashlib.md5("\n".join(parts).encode(), usedforsecurity=False).hexdigest()
    return f"{_KEY_PREFIX}:{digest}"


def _etag(content: bytes) -> str:
    # The stored bytes hold placeholders where timestamps go: unchanged page, same ETag.
    # SHA-1 rather than MD5 only for speed: CPUs hash it in hardware.
    return f'"{hashlib.sha1(content, usedforsecurity=False).hexdigest()[:32]}"'


def _public_headers(response, etag: str) -> None:
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={BROWSER_MAX_AGE}"


def _stamped(response):
    """The response with each comment form's timestamp signed now."""
    if not response.streaming:
        response.content = stamps_fill(*stamps_cut(response.content))
    return response


def _from_cache(entry) -> HttpResponse:
    pieces, article_ids, content_type, last_modified, etag = entry
    response = HttpResponse(stamps_fill(pieces, article_ids), content_type=content_type)
    if last_modified:
        response["Last-Modified"] = last_modified
    response["X-Page-Cache"] = "hit"
    _public_headers(response, etag)
    return response


def public_page(*shows: str, notices: bool = False):
    """A reader page: served from the page cache when the visitor allows it, with HTTP caching headers.

    ``shows`` names the versions of what the page shows besides every page's
    (``site``, ``nav``), formatted with the address's arguments:
    ``@public_page("story:{slug}", "comments:{slug}")``. They are read
    before the view runs and kept as ``request.cache_versions`` (by kind:
    ``story``, ``comments``...) for the page's fragments.

    ``notices``: the page shows a reader's own notices (their pending
    comments, messages), so a reader who has one gets it fresh.

    Logged-in users and readers with a notice of their own get ``private,
    no-cache`` and never touch the page cache; only complete 200 answers are
    stored, for ``PAGE_CACHE_SECONDS`` (0 turns the page cache off).
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            names = [*EVERY_PAGE, *(name.format(**kwargs) for name in shows)]
            versions = versions_read(names)
            request.cache_versions = {name.split(":")[0]: token for name, token in versions.items()}
            if not _is_cacheable(request, notices=notices):
                # A logged-in user's page, or a reader's own pending comment: for them only.
                return never_cache_page(_stamped(_rendered(view(request, *args, **kwargs))))
            seconds, query = page_cache_seconds(), _query(request)
            key = _page_key(request, query, versions) if seconds > 0 and query is not None else None
            if key is not None and (entry := cache.get(key)) is not None:
                return _from_cache(entry)
            response = _rendered(view(request, *args, **kwargs))
            if response.status_code != 200 or response.streaming:
                return _stamped(response)
            if response.has_header("Cache-Control"):
                return _stamped(response)  # the view decided for itself (a preview)
            pieces, article_ids = stamps_cut(response.content)
            etag = _etag(response.content)
            if key is not None:
                content_type, last_modified = (
                    response["Content-Type"],
                    response.get("Last-Modified"),
                )
                cache.set(key, (pieces, article_ids, content_type, last_modified, etag), seconds)
            response.content = stamps_fill(pieces, article_ids)
            _public_headers(response, etag)
            return response

        return wrapper

    return decorator


def _rendered(response):
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    return response


def never_cache_page(response):
    """Mark an answer no shared or browser cache may keep (error pages, previews, form errors)."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response
