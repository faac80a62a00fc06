import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_paste_over_the_request_limit_gets_a_clear_400(client, settings):
    """Copy pasted past the request size limit is refused with a page that says why."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    client.force_login(UserFactory(username="edna", groups=["Editors"]))
    response = client.post(
        reverse("admin:articles_article_import"), {"text": "Storm. " * 1_000, "format": "auto"}
    )
    assert response.status_code == 400
    assert "too large" in response.content.decode()


def test_a_reporter_trying_to_publish_is_told_plainly(client):
    """A refused action is a 403 page in words, not a bare status line."""
    reporter = UserFactory(username="ray", groups=["Reporters"])
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    response = client.post(
        reverse("admin:articles_article_publish", args=[article.pk]), {"action": "publish"}
    )
    assert response.status_code == 403
    assert "You are not allowed to do that" in response.content.decode()
