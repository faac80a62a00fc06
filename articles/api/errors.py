"""The API's errors and how each is answered: JSON with a code and a sentence, never a 500 page."""

from django.db import InterfaceError, OperationalError
from django.http import Http404
from ninja.errors import AuthenticationError, Throttled, ValidationError

from articles.api.responses import error_response
from newsroom.cache import CacheUnavailable

RETRY_AFTER_OUTAGE = 15
# What each query or path parameter takes, said to whoever sent something else.
EXPECTED = {
    "section": "section must be a section's slug (letters, digits, - and _).",
    "author": "author must be an author's slug (letters, digits, - and _).",
    "updated_since": (
        "updated_since must be a date and time in ISO 8601, e.g. 2026-03-01T09:00:00Z. "
        "Write a + in an offset as %2B: a bare + in a query string is a space."
    ),
    "cursor": "cursor must be the one in the previous page's next address.",
    "limit": "limit must be a whole number from 1 to 100.",
    "story_id": "The story id must be a whole number from 1 up.",
}


class BadParameter(Exception):
    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        self.message = message
        super().__init__(message)


def _bad_parameter(request, exc: BadParameter):
    return error_response(400, "invalid_parameter", exc.message, parameter=exc.parameter)


def _validation(request, exc: ValidationError):
    # ninja reports the parameters pydantic refused; the first is enough to act on.
    first = exc.errors[0] if exc.errors else {}
    location = first.get("loc") or ()
    parameter = str(location[-1]) if location else ""
    message = EXPECTED.get(parameter) or f"{parameter}: {first.get('msg', 'not valid')}."
    return error_response(400, "invalid_parameter", message, parameter=parameter or None)


def _unauthorized(request, exc: AuthenticationError):
    challenge = 'Bearer realm="api"'
    if getattr(exc, "presented", False):
        challenge += ', error="invalid_token"'
    return error_response(401, "unauthorized", exc.message, headers={"WWW-Authenticate": challenge})


def _throttled(request, exc: Throttled):
    wait = int(exc.wait or 1)
    return error_response(
        429,
        "rate_limited",
        f"This token has made too many requests this minute. Try again in {wait} s.",
        headers={"Retry-After": str(wait)},
    )


def _not_found(request, exc: Http404):
    return error_response(404, "not_found", str(exc) or "Nothing is published at this address.")


def _outage(request, exc: Exception):
    return error_response(
        503,
        "unavailable",
        "The newsroom's database is unavailable for a moment. Try again shortly.",
        headers={"Retry-After": str(RETRY_AFTER_OUTAGE)},
    )


HANDLERS = [
    (BadParameter, _bad_parameter),
    (ValidationError, _validation),
    (AuthenticationError, _unauthorized),
    (Throttled, _throttled),
    (Http404, _not_found),
    (OperationalError, _outage),
    (InterfaceError, _outage),
    (CacheUnavailable, _outage),
]
