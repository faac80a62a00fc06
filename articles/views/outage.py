"""The answer while the database (or anything else the site stands on) is away.

Django calls the 500 handler inside the ``except`` that caught the error, so
``server_error`` can tell an outage from a bug and answer 503 with
``Retry-After`` instead. The page is rendered without a request, context
processors or any query: the database may be what failed. A reader whose
comment could not be stored gets it back, to send again in a moment.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

from newsroom.cache import CacheUnavailable

OUTAGES = (OperationalError, InterfaceError, CacheUnavailable)
RETRY_AFTER_SECONDS = 15
_COMMENT_FIELDS = ("name", "email", "url", "body", "timestamp", "parent")


def is_outage() -> bool:
    """Whether the exception being handled means a store was unreachable, not a bug."""
    return isinstance(sys.exc_info()[1], OUTAGES)


def _refused_comment(request) -> dict | None:
    match = getattr(request, "resolver_match", None)
    if request.method != "POST" or match is None or match.view_name != "articles:comment_post":
        return None
    return {name: request.POST.get(name, "") for name in _COMMENT_FIELDS}


def service_unavailable(request) -> HttpResponse:
    context = {
        "site_name": settings.NEWSROOM["SITE_NAME"],
        "retry_after": RETRY_AFTER_SECONDS,
        "comment": _refused_comment(request),
        "action": request.path,
    }
    html = loader.get_template("503.html").render(context)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
