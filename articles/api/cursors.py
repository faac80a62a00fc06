"""Cursors for the story list: a signed position, so a page is found by key, never by offset.

A cursor names the last story of the page before it (publish time and id).
It is signed, so one that was changed or made up is refused with a message
rather than turned into a query; cursors stop working when ``SECRET_KEY``
changes, and a client then starts again from the first page.
"""

import datetime as dt
from dataclasses import dataclass

from django.core import signing

SALT = "newsroom.api.cursor"
# A cursor this API makes is about 70 characters.
MAX_LENGTH = 200


class BadCursor(ValueError):
    """The cursor was not made by this API, or not with this site's key."""


@dataclass(frozen=True)
class Position:
    published_at: dt.datetime
    pk: int


def cursor_encode(position: Position) -> str:
    return signing.dumps(
        [position.published_at.isoformat(), position.pk], salt=SALT, compress=False
    )


def cursor_decode(value: str) -> Position:
    if len(value) > MAX_LENGTH:
        raise BadCursor("too long")
    try:
        when, pk = signing.loads(value, salt=SALT)
        published_at = dt.datetime.fromisoformat(when)
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise BadCursor(str(error)) from error
    if not isinstance(pk, int) or published_at.tzinfo is None:
        raise BadCursor("malformed")
    return Position(published_at=published_at, pk=pk)
