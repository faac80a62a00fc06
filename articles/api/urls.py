"""The read API, mounted at ``/api/``: version 1 under ``/api/v1/``, JSON 404s for the rest.

Only the OpenAPI schema is served (``/api/v1/openapi.json``), not a browsable
page: partners' tools read the JSON, and a Swagger page would be a megabyte
of script to keep working under the site's strict Content-Security-Policy.
"""

from django.urls import path, re_path, resolve
from ninja import NinjaAPI

from articles.api import views
from articles.api.auth import ApiTokenAuth
from articles.api.errors import HANDLERS
from articles.api.responses import error_response
from articles.api.throttling import TokenRateThrottle

api = NinjaAPI(
    title="Newsroom read API",
    version="1",
    description=(
        "Published stories as ninjs 2.1 (IPTC News in JSON). Every request needs a token "
        "from the newsroom's desk: Authorization: Bearer <token>."
    ),
    urls_namespace="api",
    docs_url=None,
    auth=ApiTokenAuth(),
    throttle=[TokenRateThrottle()],
)
api.add_router("", views.router)
for exception, handler in HANDLERS:
    api.add_exception_handler(exception, handler)


def api_not_found(request, path: str = ""):
    """A JSON 404 for any other address under /api/, with a hint when only the slash is missing."""
    message = "No API address here. The schema is at /api/v1/openapi.json."
    if not request.path.endswith("/"):
        match = resolve(request.path + "/")
        if match.func is not api_not_found:
            message = f"This address ends with a slash: {request.path}/"
    return error_response(404, "not_found", message)


urlpatterns = [
    path("v1/", api.urls),
    re_path(r"^(?P<path>.*)$", api_not_found),
]
