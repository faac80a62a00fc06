"""Fetching for the wire, as a good guest: robots.txt obeyed, one request per host at a time.

The guarded fetcher (``articles.ingest.fetch``) does the request; this module adds what
needs the shared cache, so that every worker on every machine keeps to it: each
origin's robots.txt, read once an hour, and a minimum interval between two requests to
one host (``INGEST_HOST_INTERVAL`` seconds). With the cache unreachable, the interval is
not kept rather than nothing fetched; robots.txt is then read for every request.
"""

from __future__ import annotations

import hashlib
import logging
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches

from articles.ingest.fetch import (
    Fetched,
    FetchFailed,
    FetchPolicy,
    FetchRefused,
    check_url,
    checked_address,
    fetch,
    system_resolver,
)
from articles.ingest.robots import ROBOTS_MAX_BYTES, Robots, agent_token, origin, robots_url
from newsroom.cache import CacheUnavailable

logger = logging.getLogger(__name__)

ROBOTS_SECONDS = 3600
HOST_WAIT_LIMIT = 30.0  # seconds a worker waits for its turn at one host before retrying later
_NO_ROBOTS = "\x00none"


def fetch_policy(*, max_bytes: int | None = None) -> FetchPolicy:
    config = settings.INGEST
    return FetchPolicy(
        timeout=config["FETCH_TIMEOUT"],
        max_bytes=max_bytes or config["FETCH_MAX_BYTES"],
        allowed_networks=FetchPolicy.networks(config["ALLOW_ADDRESSES"]),
        user_agent=config["USER_AGENT"],
    )


def page_fetch(url: str, *, headers: dict | None = None, resolver=system_resolver) -> Fetched:
    """``url`` fetched within the wire's limits, if its site's robots.txt allows it.

    Raises ``FetchRefused`` (never worth trying again) or ``FetchFailed`` (try later).
    """
    policy = fetch_policy()
    _, host, port = check_url(url)
    checked_address(host, port, policy, resolver)
    robots = robots_for(url, policy=policy, resolver=resolver)
    if not robots.allows(url, agent_token(policy.user_agent)):
        raise FetchRefused(f"The site's robots.txt does not allow fetching {url[:80]}.")
    host_turn(host)
    return fetch(url, policy=policy, resolver=resolver, headers=headers)


def robots_for(url: str, *, policy: FetchPolicy, resolver=system_resolver) -> Robots:
    """The robots.txt of ``url``'s origin, from the cache or fetched."""
    key = "ingest:robots:" + hashlib.sha256(origin(url).encode()).hexdigest()[:32]
    cache = caches["default"]
    text = cache.get(key)
    if text is not None:
        return Robots(None if text == _NO_ROBOTS else text)
    host_turn(urlsplit(url).hostname or "")
    small = FetchPolicy(
        timeout=policy.timeout,
        max_bytes=ROBOTS_MAX_BYTES,
        allowed_networks=policy.allowed_networks,
        user_agent=policy.user_agent,
        accept="text/plain",
    )
    try:
        answer = fetch(robots_url(url), policy=small, resolver=resolver)
    except FetchFailed as failed:
        raise FetchFailed(f"The site's robots.txt could not be read ({failed}).") from None
    except FetchRefused:
        # Missing (4xx), too large or redirected away: RFC 9309 reads that as no rules.
        robots = Robots(None)
    else:
        robots = Robots(answer.data.decode("utf-8", errors="replace"))
    cache.set(key, _NO_ROBOTS if robots.text is None else robots.text, ROBOTS_SECONDS)
    return robots


def host_turn(host: str) -> None:
    """Wait until ``host`` may be asked again; every worker sharing the cache takes turns."""
    interval = settings.INGEST["HOST_INTERVAL"]
    if interval <= 0 or not host:
        return
    key = "ingest:host:" + hashlib.sha256(host.lower().encode()).hexdigest()[:32]
    deadline = time.monotonic() + HOST_WAIT_LIMIT
    cache = caches["strict"]
    while True:
        try:
            if cache.add(key, 1, timeout=interval):
                return
        except CacheUnavailable:
            logger.warning("The cache is unavailable: %s is fetched without its interval.", host)
            return
        if time.monotonic() > deadline:
            raise FetchFailed(f"{host} was busy with other fetches for {HOST_WAIT_LIMIT:g} s.")
        time.sleep(0.1)
