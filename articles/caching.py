"""The public page cache and the HTTP caching headers of reader pages.

Every cached public page's key carries the current generation. Bumping it
makes every cached page stale at once, in every worker and host that shares
the configured cache, which is what "invalidated the moment an article
changes" needs without tracking which listing shows which article.

Only anonymous GET/HEAD requests are served from or stored in the cache. A
reader who just commented (the ``nr_pending`` cookie or a Django message)
bypasses it, so they see their own notice. A public page is the same bytes
for every visitor and sets no cookie (the reader forms carry no CSRF token),
so a CDN may keep it too. The one thing renewed on every serve is each comment
form's signed timestamp: the page is stored cut where those go, and a hit
joins the pieces around a fresh signature.
"""

import hashlib
import logging
import re
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from articles.forms import comment_form_cut, comment_form_fill
from newsroom.cache import CacheUnavailable

logger = logging.getLogger(__name__)

GENERATION_KEY = "public:generation"
BYPASS_COOKIES = ("messages", "nr_pending")
# How long a CDN or browser may keep a public page without asking again.
BROWSER_MAX_AGE = 60
# Names the shape of a cached entry, so that while a release rolls out,
# workers of the old and new release never read each other's entries.
_KEY_PREFIX = "page.cut"
# Hidden fields hold per-visit tokens; they are not content, so the ETag skips them.
_HIDDEN_VALUE = re.compile(rb'(<input type="hidden"[^>]*? value=")[^"]*(")')


# Set when an invalidation could not reach the cache: this process bumps the
# generation before it serves its next cached page, once the cache answers.
_owed = False


def public_cache_generation() -> int:
    if _owed:
        public_cache_invalidate()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def public_cache_invalidate() -> None:
    """Make every cached public page stale. Call it on commit of any change readers see.

    A change that committed is never undone by the cache being away: the
    failure is logged and the bump retried (``_owed``); pages cached before
    it live ``PAGE_CACHE_SECONDS`` at most.
    """
    global _owed
    strict = caches["strict"]
    try:
        try:
            strict.incr(GENERATION_KEY)
        except ValueError:
            strict.add(GENERATION_KEY, 2, timeout=None)
    except CacheUnavailable:
        if not _owed:
            logger.error("Public cache not invalidated (cache unavailable); retrying later.")
        _owed = True
        return
    _owed = False


def page_cache_seconds() -> int:
    return settings.NEWSROOM.get("PAGE_CACHE_SECONDS", 60)


def _is_cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if any(name in request.COOKIES for name in BYPASS_COOKIES):
        return False
    return not request.user.is_authenticated


def _etag(content: bytes) -> str:
    # SHA-1 rather than MD5 only for speed: CPUs hash it in hardware, twice as fast on a 40 KB page.
    digest = hashlib.sha1(_HIDDEN_VALUE.sub(rb"\1\2", content), usedforsecurity=False)
    return f'"{digest.hexdigest()[:32]}"'


def _public_headers(response, etag: str) -> None:
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={BROWSER_MAX_AGE}"


def _cache_entry(response, etag: str) -> tuple:
    """What the cache keeps: the page cut where each comment form's timestamp goes."""
    pieces, article_ids = comment_form_cut(response.content)
    return (pieces, article_ids, response["Content-Type"], response.get("Last-Modified"), etag)


def _from_cache(entry) -> HttpResponse:
    pieces, article_ids, content_type, last_modified, etag = entry
    response = HttpResponse(comment_form_fill(pieces, article_ids), content_type=content_type)
    if last_modified:
        response["Last-Modified"] = last_modified
    response["X-Page-Cache"] = "hit"
    _public_headers(response, etag)
    return response


def public_page(view):
    """Serve a reader page from the page cache when the visitor allows it; set HTTP caching headers.

    Logged-in users and readers with a pending notice get ``private,
    no-cache`` and never touch the cache; only complete 200 answers are stored.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _is_cacheable(request):
            # A logged-in user's page, or a reader's own pending comment: for them only.
            return never_cache_page(view(request, *args, **kwargs))
        seconds = page_cache_seconds()
        key = None
        if seconds > 0:
            path = f"{request.path}?{request.META.get('QUERY_STRING', '')}"
            digest = hashlib.md5(path.encode(), usedforsecurity=False).hexdigest()
            key = f"{_KEY_PREFIX}:{public_cache_generation()}:{digest}"
            entry = cache.get(key)
            if entry is not None:
                return _from_cache(entry)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if response.status_code != 200 or response.streaming:
            return response
        if response.has_header("Cache-Control"):
            return response  # the view decided for itself (a form error, a preview)
        etag = _etag(response.content)
        _public_headers(response, etag)
        if key is not None:
            cache.set(key, _cache_entry(response, etag), seconds)
        return response

    return wrapper


def never_cache_page(response):
    """Mark an answer no shared or browser cache may keep (error pages, previews, form errors)."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response
