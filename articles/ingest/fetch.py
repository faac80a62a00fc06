"""Fetching a page or a feed for the wire: http and https only, never a private address.

Server-side request forgery is the danger of a server that fetches addresses strangers
name (a feed's entry links, a partner's page): ``http://127.0.0.1:6379/``, the cloud's
metadata address ``169.254.169.254``, a host on the office network. So every hop, the
first and each redirect, is checked the same way: the scheme is http or https, the host
name is resolved here, every address it resolves to must be a public one (or inside a
network the operator allowed), and the connection goes to the address that was checked,
never to a second resolution that a hostile DNS server could answer differently.

Pure Python on urllib3, no Django: the caller passes a ``FetchPolicy``.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError, NewConnectionError, ProtocolError, ReadTimeoutError
from urllib3.exceptions import TimeoutError as Urllib3Timeout

SCHEMES = {"http": 80, "https": 443}
MAX_URL = 2000
CHUNK = 64 * 1024

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]


class FetchError(Exception):
    """The address could not be fetched; the message says why, in one line.

    ``retryable``: the same request may work later (a timeout, a server error);
    otherwise trying again cannot help (a refused address, a page too large, a 404).
    """

    retryable = False


class FetchRefused(FetchError):
    """Never fetched, or stopped: the address, the scheme, the size or robots.txt said no."""


class FetchFailed(FetchError):
    """The server did not answer in time or answered with an error worth trying again."""

    retryable = True


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 15.0
    max_bytes: int = 5 * 1024 * 1024
    # Networks that may be fetched although they are not public (a partner's feed on the
    # office network, the tests' server on 127.0.0.1). Empty: public addresses only.
    allowed_networks: tuple[Network, ...] = ()
    user_agent: str = "Newsroom"
    max_redirects: int = 5
    accept: str = "text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.5"

    @staticmethod
    def networks(values: Sequence[str]) -> tuple[Network, ...]:
        """Parse ``127.0.0.1/32``-style entries; a bare address is its own /32 or /128."""
        return tuple(ipaddress.ip_network(value.strip(), strict=False) for value in values if value)


@dataclass(frozen=True)
class Fetched:
    url: str  # the address finally answered, after redirects
    status: int
    content_type: str
    data: bytes
    headers: dict = field(default_factory=dict)
    seconds: float = 0.0


def check_url(url: str) -> tuple[str, str, int]:
    """``(scheme, host, port)`` of an address that may be fetched at all; refuses the rest."""
    if len(url) > MAX_URL:
        raise FetchRefused(f"The address is longer than {MAX_URL} characters.")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise FetchRefused(f"Not an address that can be fetched: {error}.") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        shown = f"{scheme}:" if scheme else "no scheme"
        raise FetchRefused(f"Only http and https addresses are fetched, not {shown} ({url[:80]}).")
    if parts.username or parts.password:
        raise FetchRefused("An address with a user name or password in it is not fetched.")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise FetchRefused(f"The address names no host: {url[:80]}.")
    return scheme, host, port or SCHEMES[scheme]


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, as the operating system answers."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchFailed(f"The host {host} could not be resolved ({error}).") from None
    return list(dict.fromkeys(str(answer[4][0]).split("%")[0] for answer in answers))


def address_allowed(address: str, allowed: Sequence[Network]) -> bool:
    """A public address, or one inside a network the operator allowed."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if any(ip in network for network in allowed):
        return True
    return ip.is_global and not ip.is_multicast


def checked_address(host: str, port: int, policy: FetchPolicy, resolver: Resolver) -> str:
    """The address to connect to: ``host`` resolved, every answer allowed, the first one."""
    try:
        addresses = [str(ipaddress.ip_address(host))]
        named = f"{host} is"
    except ValueError:
        addresses = resolver(host, port)
        named = f"{host} resolves to {{}}, which is"
    if not addresses:
        raise FetchFailed(f"The host {host} resolved to no address.")
    refused = [a for a in addresses if not address_allowed(a, policy.allowed_networks)]
    if refused:
        # One private answer among public ones is a rebinding trick as much as a mistake.
        raise FetchRefused(
            f"{named.format(refused[0])} a private, loopback or link-local address; "
            "only public addresses are fetched unless INGEST_ALLOW_ADDRESSES lists it."
        )
    return addresses[0]


def fetch(
    url: str,
    *,
    policy: FetchPolicy,
    resolver: Resolver = system_resolver,
    headers: dict | None = None,
) -> Fetched:
    """GET ``url`` under ``policy``, following at most ``max_redirects`` checked redirects.

    A 304 (when ``headers`` carried a validator) comes back as it is, with no data.
    Raises ``FetchRefused`` or ``FetchFailed``.
    """
    started = time.monotonic()
    deadline = started + policy.timeout
    current = url.strip()
    for _hop in range(policy.max_redirects + 1):
        response = _one_request(current, policy, resolver, headers or {}, deadline)
        location = response.headers.get("location")
        if response.status in (301, 302, 303, 307, 308) and location:
            response.release_conn()
            current = urljoin(current, location)
            continue
        data = _body(response, policy, deadline, current)
        if response.status >= 400:
            raise _status_error(response.status, current)
        return Fetched(
            url=current,
            status=response.status,
            content_type=response.headers.get("content-type", ""),
            data=data,
            headers={k.lower(): v for k, v in response.headers.items()},
            seconds=time.monotonic() - started,
        )
    raise FetchRefused(f"More than {policy.max_redirects} redirects from {url[:80]}.")


def _one_request(url, policy: FetchPolicy, resolver, headers, deadline):
    scheme, host, port = check_url(url)
    address = checked_address(host, port, policy, resolver)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchFailed(f"Timed out after {policy.timeout:g} s fetching {url[:80]}.")
    timeout = urllib3.Timeout(connect=min(remaining, policy.timeout), read=remaining)
    default_port = port == SCHEMES[scheme]
    host_header = host if default_port else f"{host}:{port}"
    if ":" in host and not default_port:
        host_header = f"[{host}]:{port}"
    pool_kwargs = {"timeout": timeout, "retries": False, "maxsize": 1}
    if scheme == "https":
        # The connection goes to the checked address; TLS still verifies the host name.
        pool = urllib3.HTTPSConnectionPool(
            address, port, server_hostname=host, assert_hostname=host, **pool_kwargs
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, **pool_kwargs)
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        return pool.urlopen(
            "GET",
            target,
            headers={
                "Host": host_header,
                "User-Agent": policy.user_agent,
                "Accept": policy.accept,
                "Accept-Encoding": "gzip, deflate",
                **headers,
            },
            redirect=False,
            preload_content=False,
            decode_content=True,
            assert_same_host=False,
        )
    except NewConnectionError as error:
        # urllib3 files a refused connection under its timeouts; it is not one.
        raise FetchFailed(f"Could not connect to {host}: {_reason(error)}.") from None
    except (TimeoutError, Urllib3Timeout):
        raise FetchFailed(f"Timed out after {policy.timeout:g} s fetching {url[:80]}.") from None
    except (HTTPError, OSError) as error:
        raise FetchFailed(f"Could not connect to {host}: {_reason(error)}.") from None


def _body(response, policy: FetchPolicy, deadline: float, url: str) -> bytes:
    """The decoded body, read in chunks: stopped at the size limit and at the deadline."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        response.release_conn()
        raise FetchRefused(_too_large(int(declared), policy.max_bytes, url))
    received = bytearray()
    try:
        for chunk in response.stream(CHUNK, decode_content=True):
            received += chunk
            if len(received) > policy.max_bytes:
                raise FetchRefused(_too_large(None, policy.max_bytes, url))
            if time.monotonic() > deadline:
                raise FetchFailed(f"Timed out after {policy.timeout:g} s reading {url[:80]}.")
    except (TimeoutError, ReadTimeoutError, Urllib3Timeout):
        raise FetchFailed(f"Timed out after {policy.timeout:g} s reading {url[:80]}.") from None
    except (ProtocolError, HTTPError, OSError) as error:
        raise FetchFailed(
            f"The connection broke while reading {url[:80]}: {_reason(error)}."
        ) from None
    finally:
        response.release_conn()
    return bytes(received)


def _status_error(status: int, url: str) -> FetchError:
    if status == 429 or status >= 500:
        return FetchFailed(f"The server answered {status} for {url[:80]}; it will be tried again.")
    return FetchRefused(f"The server answered {status} for {url[:80]}.")


def _too_large(size: int | None, limit: int, url: str) -> str:
    mb = limit / (1024 * 1024)
    given = f"{size / (1024 * 1024):.1f} MB" if size is not None else f"more than {mb:g} MB"
    return f"The page is too large: {given}; the limit is {mb:g} MB ({url[:80]})."


def _reason(error: BaseException) -> str:
    reason = getattr(error, "reason", None) or error
    return str(reason).split(": ", 1)[-1][:200] or type(error).__name__
