"""Read-API tokens: made and revoked by editors, touched when a partner uses one."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from articles.models import ApiToken
from articles.models.api_tokens import TOKEN_PREFIX_LENGTH
from articles.services.desk.common import require_permission

# "Last used" is for the desk, to the nearest few minutes: not a write per request.
LAST_USED_PRECISION = dt.timedelta(minutes=5)


def api_token_create(*, token: ApiToken, user) -> str:
    """Save the new ``token`` (its partner and rate limit set) with a fresh key; returns the key.

    Only the key's hash is stored: the caller shows the key once, and nothing
    can show it again.
    """
    require_permission(user, "articles.add_apitoken")
    key = ApiToken.key_new()
    token.prefix = key[:TOKEN_PREFIX_LENGTH]
    token.key_hash = ApiToken.key_digest(key)
    token.created_by = user
    token.save()
    return key


def api_token_change(*, token: ApiToken, user) -> ApiToken:
    """Save what an editor may change on a token: its partner's name and its rate limit."""
    require_permission(user, "articles.change_apitoken")
    token.save(update_fields=["partner", "rate_limit"])
    return token


def api_token_revoke(*, token: ApiToken, user) -> ApiToken:
    """Stop ``token`` working from the next request on; revoking twice keeps the first time."""
    require_permission(user, "articles.change_apitoken")
    with transaction.atomic():
        stored = ApiToken.objects.select_for_update().get(pk=token.pk)
        if stored.revoked_at is None:
            stored.revoked_at = timezone.now()
            stored.revoked_by = user
            stored.save(update_fields=["revoked_at", "revoked_by"])
    token.revoked_at, token.revoked_by = stored.revoked_at, stored.revoked_by
    return token


def api_token_touch(*, token: ApiToken) -> None:
    """Note that ``token`` was used now, at most once every few minutes."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_PRECISION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
