"""API tokens in the desk: an editor makes one and sees it once, changes its limit, revokes it."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from articles.models import ApiToken
from tests.api_support import LIST, api_get, token_make

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_apitoken_add")
CHANGELIST = reverse("admin:articles_apitoken_changelist")


def _key_on(page: str) -> str:
    return re.search(r'id="api-token" type="text" value="([^"]+)"', page).group(1)


def test_an_editor_makes_a_token_and_sees_it_once(client, editor):
    """The page after Save shows the token, uncached; it works at once and no page shows it again."""
    client.force_login(editor)
    response = client.post(ADD, {"partner": "Saltmere Radio", "rate_limit": "120"})
    assert response.status_code == 200
    page = response.content.decode()
    key = _key_on(page)
    assert "shown only this once" in page
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    token = ApiToken.objects.get()
    assert (token.partner, token.rate_limit, token.created_by) == ("Saltmere Radio", 120, editor)
    assert api_get(client, LIST, key).status_code == 200

    for url in (CHANGELIST, reverse("admin:articles_apitoken_change", args=[token.pk])):
        shown = client.get(url).content.decode()
        assert token.prefix in shown
        assert key not in shown
    logged = " ".join(LogEntry.objects.values_list("object_repr", flat=True))
    assert key not in logged


def test_a_token_needs_a_partner_and_a_sensible_limit(client, editor):
    """No partner, or a limit of zero, is refused on the form; nothing is made."""
    client.force_login(editor)
    for data in ({"partner": "", "rate_limit": ""}, {"partner": "Quay FM", "rate_limit": "0"}):
        response = client.post(ADD, data)
        assert response.status_code == 200
        assert response.context["adminform"].form.errors
    assert not ApiToken.objects.exists()


def test_an_editor_changes_a_token_limit_without_changing_the_token(client, editor):
    """Saving the change form keeps the same token working under its new limit."""
    key = token_make()
    token = ApiToken.objects.get()
    client.force_login(editor)
    url = reverse("admin:articles_apitoken_change", args=[token.pk])
    response = client.post(url, {"partner": "Saltmere Radio app", "rate_limit": "30"})
    assert response.status_code == 302
    token.refresh_from_db()
    assert (token.partner, token.rate_limit) == ("Saltmere Radio app", 30)
    assert api_get(client, LIST, key).status_code == 200


def test_revoking_in_the_desk_stops_the_token_and_keeps_its_row(client, editor):
    """The Revoke action ends access at the next request; the row stays, marked revoked."""
    key = token_make()
    other = token_make(partner="Quay FM")
    token = ApiToken.objects.get(partner="Saltmere Radio")
    client.force_login(editor)
    response = client.post(
        CHANGELIST, {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )
    assert "1 token revoked" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == editor
    assert api_get(client, LIST, key).status_code == 401
    assert api_get(client, LIST, other).status_code == 200
    revoked_list = client.get(CHANGELIST + "?state=revoked").content.decode()
    assert token.prefix in revoked_list


def test_tokens_are_revoked_not_deleted(client, editor):
    """No one deletes a token from the desk: the record of who had access stays."""
    token_make()
    token = ApiToken.objects.get()
    client.force_login(editor)
    response = client.get(reverse("admin:articles_apitoken_delete", args=[token.pk]))
    assert response.status_code == 403


def test_only_editors_manage_tokens(client, reporter, moderator):
    """Reporters and moderators cannot see, make or revoke tokens."""
    token_make()
    for user in (reporter, moderator):
        client.force_login(user)
        assert client.get(CHANGELIST).status_code == 403
        assert client.post(ADD, {"partner": "Sneaky"}).status_code == 403
    assert ApiToken.objects.count() == 1
