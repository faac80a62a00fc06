"""The public page cache's generation counter.

Every cached public page's key carries the current generation. Bumping it
makes every cached page stale at once, in every worker and host that shares
the configured cache, which is what "invalidated the moment an article
changes" needs without tracking which listing shows which article.
"""

from django.core.cache import cache

GENERATION_KEY = "public:generation"


def public_cache_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def public_cache_invalidate() -> None:
    """Make every cached public page stale. Call it on commit of any change readers see."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 2, timeout=None)
