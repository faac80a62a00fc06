"""The read API's OpenAPI schema: served, valid, and true of the answers the API gives."""

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from articles.models import ArticleImage
from articles.services.images import image_create
from tests.api_support import LIST, api_get, detail_url, token_make
from tests.factories import full_story
from tests.image_files import photo

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/api/v1/openapi.json"


@pytest.fixture
def spec(client):
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def _validator(spec: dict, component: str) -> Draft202012Validator:
    """A JSON Schema validator for one component, with the others it refers to beside it."""
    return Draft202012Validator(
        {"$ref": f"#/components/schemas/{component}", "components": spec["components"]}
    )


def test_the_schema_is_a_valid_openapi_document(spec):
    """openapi-spec-validator finds nothing wrong with the served schema (OpenAPI 3.1)."""
    validate(spec)
    assert spec["openapi"].startswith("3.1")


def test_the_schema_names_both_addresses_their_token_and_their_errors(spec):
    """Both reads are documented with the bearer token and every error they answer."""
    assert spec["components"]["securitySchemes"]["ApiTokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }
    listing = spec["paths"]["/api/v1/stories/"]["get"]
    detail = spec["paths"]["/api/v1/stories/{story_id}/"]["get"]
    for operation in (listing, detail):
        assert operation["security"] == [{"ApiTokenAuth": []}]
        assert {"200", "400", "401", "429"} <= set(operation["responses"])
    assert "404" in detail["responses"]
    names = {parameter["name"] for parameter in listing["parameters"]}
    assert names == {"section", "author", "updated_since", "cursor", "limit"}


def test_real_answers_match_the_schema(client, spec):
    """A full story (bylines, sources, links, images) and a list page validate against it."""
    article = full_story(bylines=2, citations=2, links=2)
    lead = image_create(upload=photo(900, 600), alt_text="The harbour wall", credit="Maren Holt")
    inside = image_create(upload=photo(500, 400), alt_text="The quay", caption="Before the storm")
    article.lead_image = lead
    article.save(update_fields=["lead_image"])
    ArticleImage.objects.create(article=article, image=inside, after_paragraph=1)
    full_story(bylines=1, citations=0, links=0)
    key = token_make()

    story = api_get(client, detail_url(article.pk), key).json()
    assert not list(_validator(spec, "Story").iter_errors(story))
    listing = api_get(client, f"{LIST}?limit=1", key).json()
    assert listing["next"]
    assert not list(_validator(spec, "StoryList").iter_errors(listing))
    error = api_get(client, f"{LIST}?limit=0", key).json()
    assert not list(_validator(spec, "ApiError").iter_errors(error))

    pictures = [a for a in story["associations"] if a["type"] == "picture"]
    assert [p["name"] for p in pictures] == ["featuremedia", "body-1"]
    renditions = pictures[0]["renditions"]
    assert renditions[0]["name"] == "original" and renditions[0]["width"] == 900
    assert {r["contenttype"] for r in renditions[1:]} == {"image/webp", "image/jpeg"}
    assert all(r["href"].startswith("http://127.0.0.1:8000/media/") for r in renditions)
    assert pictures[0]["by"] == "Maren Holt"
    assert pictures[1]["descriptions"][1] == {
        "role": "caption",
        "contenttype": "text/plain",
        "value": "Before the storm",
    }


def test_the_schema_checks_what_it_is_given(spec):
    """The validators used above do refuse a story that breaks the schema (they can fail)."""
    broken = {"uri": "x", "headlines": "not a list", "invented": True}
    assert list(_validator(spec, "Story").iter_errors(broken))
