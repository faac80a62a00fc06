"""JSON answers of the API: stories with ETag and 304s, and errors that say what to do."""

import datetime as dt
import json

from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date
from pydantic import BaseModel

JSON = "application/json"


def _private(response: HttpResponse) -> HttpResponse:
    # Every answer depends on the token sent; a shared cache must not hand it to someone else.
    patch_vary_headers(response, ["Authorization"])
    return response


def json_response(request, payload: BaseModel, *, last_modified: dt.datetime | None = None):
    """``payload`` as JSON with a strong ETag of its bytes, or a 304 when the client has them.

    The ETag is exact: any change to what is sent changes it. ``Last-Modified``
    is only as good as the time it is given, so the caller gives it only
    where that time moves with every change.
    """
    body = payload.model_dump_json(by_alias=True, exclude_none=True)
    response = _private(HttpResponse(body, content_type=JSON))
    # Partners may keep a copy, and ask again with its ETag each time.
    patch_cache_control(response, private=True, no_cache=True)
    stamp = None
    if last_modified is not None:
        stamp = int(last_modified.timestamp())
        response["Last-Modified"] = http_date(stamp)
    set_response_etag(response)
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=stamp, response=response
    )


def error_response(
    status: int,
    error: str,
    message: str,
    *,
    parameter: str | None = None,
    headers: dict | None = None,
) -> HttpResponse:
    """A JSON error: a stable code, a sentence for a person, and the parameter at fault."""
    body = {"error": error, "message": message}
    if parameter:
        body["parameter"] = parameter
    response = _private(
        HttpResponse(json.dumps(body), status=status, content_type=JSON, headers=headers)
    )
    patch_cache_control(response, no_store=True)
    return response
