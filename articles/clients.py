"""Who sent a request: the client's address as the trusted proxies reported it."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """The address the request came from, or None when it cannot be read.

    Behind ``TRUSTED_PROXY_COUNT`` proxies, each appending to X-Forwarded-For,
    the client is the entry that many places from the right: anything further
    left was written by the client and cannot be trusted for rate limits.
    Comment flood limits and login throttling both count by it.
    """
    value = request.META.get("REMOTE_ADDR", "")
    proxies = settings.NEWSROOM["TRUSTED_PROXY_COUNT"]
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            value = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None
