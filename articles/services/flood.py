"""Flood control for comments, counted in the configured cache.

``cache.add`` and ``cache.incr`` are atomic in Redis and in the local-memory
cache, so every worker and host sharing the cache shares the limits.
"""

import hashlib

from django.core.cache import cache

from articles.models import ModerationSettings

HOUR = 3600


def _key(kind: str, value: str, window: str) -> str:
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"comments:flood:{window}:{kind}:{digest}"


def flood_hit(*, ip: str | None, email: str, settings: ModerationSettings) -> tuple[str, int]:
    """Count one comment from ``ip`` and ``email``.

    Returns why it is over a limit and how many seconds to wait, or ``("", 0)``.
    """
    senders = [("email", email)] + ([("ip", ip)] if ip else [])
    interval = settings.flood_interval_seconds
    if interval:
        # Every key is set, even after a refusal, so a sender cannot probe one limit at a time.
        fresh = [
            cache.add(_key(kind, value, "gap"), 1, timeout=interval) for kind, value in senders
        ]
        if not all(fresh):
            return f"Please wait {interval} seconds between comments.", interval
    if settings.flood_per_hour:
        for kind, value in senders:
            key = _key(kind, value, "hour")
            cache.add(key, 0, timeout=HOUR)
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=HOUR)
                count = 1
            if count > settings.flood_per_hour:
                return f"At most {settings.flood_per_hour} comments an hour can be sent.", HOUR
    return "", 0
