"""robots.txt, read as RFC 9309 says: the rules for our user agent, else for ``*``.

A site without a robots.txt (any 4xx) allows everything; one whose robots.txt cannot be
read (5xx, a timeout) is treated as disallowing everything for now, so the fetch is
tried again later rather than made against the site's wishes. Pure Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309: a parser must read at least 500 KiB


@dataclass(frozen=True)
class Robots:
    """What one origin's robots.txt said: its text, or ``None`` when there was none."""

    text: str | None

    def allows(self, url: str, user_agent: str) -> bool:
        if self.text is None:
            return True
        parser = RobotFileParser()
        parser.parse(self.text.splitlines())
        return parser.can_fetch(user_agent, url)


def robots_url(url: str) -> str:
    """The robots.txt that governs ``url``: the same scheme, host and port."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def agent_token(user_agent: str) -> str:
    """The product token robots.txt groups match (``NewsroomBot`` of ``NewsroomBot/1.0 (...)``)."""
    return user_agent.split("/", 1)[0].split()[0] if user_agent.strip() else "*"
