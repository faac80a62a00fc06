import pytest
from django.urls import reverse

from articles.models import Comment
from tests.comments_support import form_data, moderation_settings
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def post_from(client, article, **meta):
    return client.post(
        reverse("articles:comment_post", args=[article.pk]), form_data(article), **meta
    )


@pytest.fixture
def article():
    moderation_settings()
    return ArticleFactory(published=True)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(client, article, settings):
    """A client cannot choose its own address by sending X-Forwarded-For."""
    settings.NEWSROOM = {**settings.NEWSROOM, "TRUSTED_PROXY_COUNT": 0}
    post_from(client, article, HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="198.51.100.7")
    assert Comment.objects.get().ip_address == "198.51.100.7"


def test_behind_one_proxy_the_address_it_appended_is_the_client(client, article, settings):
    """Behind one proxy, the right-most forwarded address is the client; forged ones to its left are not."""
    settings.NEWSROOM = {**settings.NEWSROOM, "TRUSTED_PROXY_COUNT": 1}
    post_from(
        client,
        article,
        HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.9",
        REMOTE_ADDR="127.0.0.1",
    )
    assert Comment.objects.get().ip_address == "203.0.113.9"


def test_a_garbled_forwarded_address_is_not_stored(client, article, settings):
    """A header that is not an address leaves the comment without one rather than failing."""
    settings.NEWSROOM = {**settings.NEWSROOM, "TRUSTED_PROXY_COUNT": 1}
    response = post_from(client, article, HTTP_X_FORWARDED_FOR="<script>", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 302
    assert Comment.objects.get().ip_address is None
