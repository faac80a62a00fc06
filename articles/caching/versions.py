"""Versions: what cached pages and fragments are keyed by, renewed when what they show changes.

A version is a short random token kept in the shared cache under a name. A
cached page or fragment carries the tokens of everything it shows in its
key; a change renews the tokens it affects (``versions_bump``, on commit),
so in every worker and host that share the cache the next request looks for
a key nobody has stored yet. Nothing is ever deleted. As Wagtail purges
one page and its listings on publish rather than the whole site, each
change renews only what shows it (``articles.signals`` says who renews what):

======================  ==========================================================
name                    what shows it
======================  ==========================================================
``site``                every page: authors', sources' and tags' names, pictures,
                        the comment rules (rare changes, shown everywhere)
``nav``                 every page: the sections bar
``front``               the front page, search, the site's feeds and sitemaps
``section:<slug>``      that section's page and feeds (``author:``, ``tag:`` alike)
``story:<slug>``        the article's page and its story fragments
``comments:<slug>``     the article's page and its comment thread
======================  ==========================================================

A name the cache does not hold (never set, evicted, flushed) gets a fresh
token, so an entry stored under an older one is never read again.

The cache is an accelerator: when it cannot be reached, readers get pages
rendered afresh, and a renewal that failed is logged and owed, made by this
process before it next reads a version.
"""

import logging
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import InvalidCacheBackendError, cache, caches
from django.db import transaction

from newsroom.cache import CacheUnavailable

logger = logging.getLogger(__name__)

_PREFIX = "version:"
# Every page shows these two; a page names what else it shows (``public_page``).
EVERY_PAGE = ("site", "nav")

_owed: set[str] = set()


def _token() -> str:
    return secrets.token_hex(6)


def versions_read(names: Iterable[str]) -> dict[str, str]:
    """The current token of each name; a name the cache does not hold gets a fresh one."""
    if _owed:
        versions_bump(set(_owed))
    names = list(names)
    found = cache.get_many([_PREFIX + name for name in names])
    versions = {}
    for name in names:
        token = found.get(_PREFIX + name)
        if token is None:
            token = _token()
            if not cache.add(_PREFIX + name, token, timeout=None):
                # Another request set it first, or the cache is away (then nothing matches).
                token = cache.get(_PREFIX + name, token)
        versions[name] = token
    return versions


def request_versions(request) -> dict[str, str]:
    """The versions a page read before its view ran, by kind (``story``, ``nav``...).

    ``public_page`` reads them; any other page reads those of every page.
    """
    found = getattr(request, "cache_versions", None)
    if found is None:
        found = request.cache_versions = versions_read(EVERY_PAGE)
    return found


def versions_bump(names: Iterable[str]) -> None:
    """Renew these versions now. Call it once the change they stand for has committed.

    A change that committed is never undone by the cache being away: the
    failure is logged and the renewal owed (made before this process next
    reads a version); pages cached before it live ``PAGE_CACHE_SECONDS`` at most.
    """
    names = set(names)
    if not names:
        return
    try:
        caches["strict"].set_many({_PREFIX + name: _token() for name in names}, timeout=None)
    except CacheUnavailable:
        if not _owed:
            logger.error("Public cache not invalidated (cache unavailable); retrying later.")
        _owed.update(names)
        return
    _owed.difference_update(names)


def versions_bump_on_commit(names: Iterable[str]) -> None:
    """Renew these versions once the current transaction commits; never if it rolls back."""
    names = frozenset(names)
    transaction.on_commit(lambda: versions_bump(names))


def fragment_cache_seconds() -> int:
    return settings.NEWSROOM.get("FRAGMENT_CACHE_SECONDS", 3600)


def fragment_cache():
    """Where fragments are kept: the "template_fragments" cache, as Django's {% cache %} tag has it."""
    try:
        return caches["template_fragments"]
    except InvalidCacheBackendError:
        return caches["default"]


def versioned_value(name: str, tokens: Iterable[str], compute):
    """``compute()``, kept with the fragments under ``name`` and these version tokens.

    For what a page needs before its fragments (an article's comment count,
    the comment rules): read once per version rather than on every request.
    A value is pickled, so ``compute`` returns plain data or model instances.
    """
    key = ":".join(["value", name, *tokens])
    found = fragment_cache().get(key)
    if found is None:
        found = compute()
        fragment_cache().set(key, found, fragment_cache_seconds())
    return found
