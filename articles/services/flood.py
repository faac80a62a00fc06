"""Flood control for comments, counted in the shared cache.

``add`` and ``incr`` are atomic in Redis and in the local-memory cache, so
every worker and host sharing the cache shares the limits. Two senders are
counted for each comment:

- the client's address: over a limit, the post is refused with a 429, since
  the address is the sender's own connection. An IPv6 client counts by its
  /64, which one subscriber usually holds whole; a client whose address
  cannot be read counts in one bucket shared by all such clients, so a
  garbled ``X-Forwarded-For`` is no way around the limit;
- the email address: over a limit, the comment is held for moderation, not
  refused, so that the answer to a post never tells a stranger whether
  someone else wrote from that address lately.

The counts go through the "strict" cache alias: when the cache cannot count,
nothing is refused and the comment is held, with that reason recorded.
"""

import hashlib
import ipaddress
from dataclasses import dataclass

from django.core.cache import caches

from articles.models import ModerationSettings
from newsroom.cache import CacheUnavailable

HOUR = 3600
UNKNOWN_CLIENT = "unknown"
NOT_COUNTED = "flood limits not checked: the cache was unavailable"


@dataclass(frozen=True)
class FloodCheck:
    refused: str = ""  # why the client must wait, for the reader
    retry_after: int = 0
    hold: tuple[str, ...] = ()  # why the comment is held, for the moderator


def client_bucket(ip: str | None) -> str:
    """What one client counts as: its IPv4 address, its IPv6 /64, or the unknown bucket."""
    if not ip:
        return UNKNOWN_CLIENT
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return UNKNOWN_CLIENT
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _key(kind: str, value: str, window: str) -> str:
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"comments:flood:{window}:{kind}:{digest}"


def _hour_count(limits, key: str) -> int:
    limits.add(key, 0, timeout=HOUR)
    try:
        return limits.incr(key)
    except ValueError:  # expired between add and incr
        limits.add(key, 1, timeout=HOUR)
        return 1


def flood_check(*, ip: str | None, email: str, settings: ModerationSettings) -> FloodCheck:
    """Count one comment from ``ip`` and ``email``, and say what the limits make of it."""
    try:
        return _count(ip=ip, email=email, settings=settings)
    except CacheUnavailable:
        return FloodCheck(hold=(NOT_COUNTED,))


def _count(*, ip: str | None, email: str, settings: ModerationSettings) -> FloodCheck:
    limits = caches["strict"]
    senders = {"client": client_bucket(ip), "email": email}
    over: dict[str, tuple[str, int]] = {}
    interval = settings.flood_interval_seconds
    if interval:
        # Every key is set, even after a refusal, so a sender cannot probe one limit at a time.
        for kind, value in senders.items():
            if not limits.add(_key(kind, value, "gap"), 1, timeout=interval):
                over[kind] = (f"Please wait {interval} seconds between comments.", interval)
    per_hour = settings.flood_per_hour
    if per_hour:
        for kind, value in senders.items():
            if _hour_count(limits, _key(kind, value, "hour")) > per_hour:
                over.setdefault(kind, (f"At most {per_hour} comments an hour can be sent.", HOUR))
    if "client" in over:
        message, wait = over["client"]
        return FloodCheck(refused=message, retry_after=wait)
    if "email" in over:
        return FloodCheck(hold=(f"flood limit for this email address: {over['email'][0]}",))
    return FloodCheck()
