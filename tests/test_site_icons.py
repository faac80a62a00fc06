"""The favicon and the web app manifest."""

import json

import pytest
from django.contrib.staticfiles import finders
from PIL import Image as PILImage

pytestmark = pytest.mark.django_db


def test_manifest_names_the_site_and_points_at_icons_that_exist(client, settings):
    """A phone adding the site to its home screen gets its name, colours and real icons."""
    settings.NEWSROOM = {**settings.NEWSROOM, "SITE_NAME": "The Harbourside Courier"}
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "The Harbourside Courier"
    assert manifest["short_name"] == "Courier"
    assert manifest["start_url"] == "/"
    sizes = {}
    for icon in manifest["icons"]:
        path = finders.find(icon["src"].removeprefix(settings.STATIC_URL))
        assert path, icon
        if icon["type"] == "image/png":
            with PILImage.open(path) as picture:
                sizes[icon["sizes"]] = "{}x{}".format(*picture.size)
    assert sizes == {"192x192": "192x192", "512x512": "512x512"}


def test_favicon_ico_leads_to_the_static_icon(client):
    """/favicon.ico, asked for by browsers and feed readers, redirects to a real ICO file."""
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    path = finders.find(response["Location"].removeprefix("/static/"))
    with PILImage.open(path) as icon:
        assert icon.format == "ICO"
