"""Helpers for the read API's tests: a partner's token and requests that carry it."""

from articles.models import ApiToken
from articles.services.api_tokens import api_token_create

LIST = "/api/v1/stories/"


def token_make(*, partner: str = "Saltmere Radio", rate_limit: int | None = None) -> str:
    """A new token's key, made as the desk makes it (here by the system user)."""
    return api_token_create(token=ApiToken(partner=partner, rate_limit=rate_limit), user=None)


def detail_url(article_id) -> str:
    return f"/api/v1/stories/{article_id}/"


def api_get(client, url: str, key: str, **headers):
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}", **headers)
