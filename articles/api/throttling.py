"""Per-token rate limits, counted in the shared cache so every worker and host counts together.

Each token may make ``requests_per_minute`` requests in each minute of the
clock; the next one gets 429 with ``Retry-After`` (the seconds to the next
minute). ``add`` and ``incr`` are atomic in Redis and in the local-memory
cache. The cache is an accelerator, never a dependency: when it cannot
count, the request is let through and the failure logged.
"""

import logging
import math
import time

from django.core.cache import caches
from ninja.throttling import BaseThrottle

from articles.models import ApiToken
from newsroom.cache import CacheUnavailable

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60


def _window_now() -> tuple[int, float]:
    now = time.time()
    return int(now // WINDOW_SECONDS), now


def api_request_count(token: ApiToken) -> int | None:
    """Count one request by ``token`` in this minute; None when the cache could not count."""
    window, _ = _window_now()
    key = f"api:rate:{token.pk}:{window}"
    counts = caches["strict"]
    try:
        counts.add(key, 0, timeout=WINDOW_SECONDS * 2)
        try:
            return counts.incr(key)
        except ValueError:  # expired between add and incr
            counts.add(key, 1, timeout=WINDOW_SECONDS * 2)
            return 1
    except CacheUnavailable:
        logger.warning("API request of token %s not counted: the cache is unavailable.", token.pk)
        return None


class TokenRateThrottle(BaseThrottle):
    """Runs after authentication, so ``request.auth`` is the token."""

    def allow_request(self, request) -> bool:
        token = request.auth
        count = api_request_count(token)
        return count is None or count <= token.requests_per_minute

    def wait(self) -> int:
        """Seconds until the window turns; the same for every token, so nothing is kept."""
        _, now = _window_now()
        return max(1, math.ceil(WINDOW_SECONDS - now % WINDOW_SECONDS))
