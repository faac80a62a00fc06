import pytest


@pytest.mark.django_db
def test_front_page_serves(client):
    """The front page answers with the site's name."""
    response = client.get("/")
    assert response.status_code == 200
    assert b"Latest stories" in response.content
