"""The API's two reads: a page of stories and one story. Each parses, reads, answers."""

import datetime as dt

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from ninja import Query, Router
from pydantic import BaseModel, Field

from articles.api import schemas
from articles.api.cursors import BadCursor, Position, cursor_decode, cursor_encode
from articles.api.errors import EXPECTED, BadParameter
from articles.api.ninjs import story_ninjs, version_created
from articles.api.responses import json_response
from articles.api.selectors import NoSuchFilter, story_get, story_page

router = Router(tags=["stories"])

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# The largest id a database's 64-bit key can hold; past it a lookup would overflow.
MAX_ID = 2**63 - 1
SLUG = r"^[-a-zA-Z0-9_]+$"
ERRORS = {
    400: schemas.ApiError,
    401: schemas.ApiError,
    429: schemas.ApiError,
    503: schemas.ApiError,
}


class StoryFilters(BaseModel):
    section: str = Field(None, max_length=100, pattern=SLUG, description="A section's slug.")
    author: str = Field(None, max_length=200, pattern=SLUG, description="An author's slug.")
    updated_since: dt.datetime = Field(
        None,
        description=(
            "Only stories published or changed at or after this time (ISO 8601; "
            "without an offset, UTC). A story's versioncreated can be sent back as it is."
        ),
    )
    cursor: str = Field(None, description="From the previous page's next address.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Stories per page.")


LIST_PARAMETERS = set(StoryFilters.model_fields)


def _only(request, allowed: set[str]) -> None:
    """Refuse a parameter the operation does not know: a typo would otherwise pass unseen."""
    for name in request.GET:
        if name not in allowed:
            known = ", ".join(sorted(allowed)) or "none"
            raise BadParameter(name, f"Unknown parameter {name!r}. This address takes: {known}.")


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _next_address(request, position: Position) -> str:
    query = {k: v for k, v in request.GET.items() if k != "cursor"}
    query["cursor"] = cursor_encode(position)
    base = settings.NEWSROOM["SITE_URL"].rstrip("/") + reverse("api:story_list")
    return f"{base}?{urlencode(sorted(query.items()))}"


@router.get(
    "/stories/",
    response={200: schemas.StoryList, **ERRORS},
    url_name="story_list",
    by_alias=True,
    summary="Published stories, newest first",
)
def story_list(request, filters: Query[StoryFilters]):
    """Published stories as ninjs, newest first by publish time, a page at a time.

    Follow ``next`` until it is absent. Drafts, scheduled and unpublished
    stories are never listed.
    """
    _only(request, LIST_PARAMETERS)
    try:
        after = cursor_decode(filters.cursor) if filters.cursor else None
    except BadCursor:
        raise BadParameter(
            "cursor",
            "This cursor was not made by this API (or the site's key has changed since). "
            "Start again from the first page, without a cursor.",
        ) from None
    try:
        page = story_page(
            limit=filters.limit,
            after=after,
            section=filters.section,
            author=filters.author,
            updated_since=_aware(filters.updated_since) if filters.updated_since else None,
        )
    except NoSuchFilter as missing:
        raise BadParameter(
            missing.parameter, f"There is no {missing.parameter} {missing.value!r}."
        ) from None
    listing = schemas.StoryList(items=[story_ninjs(article) for article in page.stories])
    if page.more:
        last = page.stories[-1]
        listing.next = _next_address(request, Position(last.published_at, last.pk))
    return json_response(request, listing)


@router.get(
    "/stories/{story_id}/",
    response={200: schemas.Story, 404: schemas.ApiError, **ERRORS},
    url_name="story_detail",
    by_alias=True,
    summary="One published story",
)
def story_detail(request, story_id: int):
    """One published story as ninjs; anything readers cannot see is a 404."""
    _only(request, set())
    if not 1 <= story_id <= MAX_ID:
        raise BadParameter("story_id", EXPECTED["story_id"])
    article = story_get(pk=story_id)
    if article is None:
        raise Http404("No published story has this id.")
    return json_response(request, story_ninjs(article), last_modified=version_created(article))
