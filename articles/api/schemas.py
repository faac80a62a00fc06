"""The read API's JSON shapes: ninjs 2.1 (IPTC's News in JSON) and the API's own envelopes.

Field names and meanings are ninjs's; only the fields Newsroom fills are
declared. A field with nothing to say is left out, never ``null``: ninjs
types have no null. These models are what the OpenAPI schema shows and what
every response is built from, so a response cannot drift from its schema.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

NINJS_VERSION = "2.1"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"


def _absent_rather_than_null(schema: dict, model) -> None:
    # A field that defaults to None is left out of a response, so it is not documented as null.
    for prop in schema.get("properties", {}).values():
        if "default" in prop and prop["default"] is None:
            del prop["default"]


class NinjsPart(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_absent_rather_than_null)


class Standard(NinjsPart):
    name: Literal["ninjs"] = "ninjs"
    version: str = NINJS_VERSION
    schema_: str = Field(NINJS_SCHEMA, alias="schema")

    model_config = ConfigDict(populate_by_name=True)


class Text(NinjsPart):
    """A headline, description or body: its value, what it is, and its media type."""

    role: str = None
    contenttype: str = None
    value: str
    charcount: int = None
    wordcount: int = None


class Party(NinjsPart):
    """A person, organisation or subject: name, relation to the story, identifiers."""

    name: str
    rel: str = Field(None, description="The relation to the story, e.g. a byline role.")
    uri: str = None
    literal: str = Field(None, description="Newsroom's slug for it, as the filters take it.")


class InfoSource(NinjsPart):
    name: str
    role: str = Field(None, description="The kind of source: wire, outlet, official, ...")
    uri: str = None
    literal: str = None


class Rendition(NinjsPart):
    name: str
    href: str
    contenttype: str
    width: int = None
    height: int = None
    title: str = None


class Association(NinjsPart):
    """An object associated with the story: an image shown with it, or a related link."""

    name: str = Field(
        description=(
            "featuremedia: the lead image; body-N: the Nth image in the body; "
            "original-N, related-N, further-N: the story's Nth link and how it relates."
        )
    )
    uri: str
    type: Literal["picture", "text"]
    representationtype: Literal["full", "partial"] = None
    headlines: list[Text] = None
    descriptions: list[Text] = None
    by: str = None
    renditions: list[Rendition] = None


class Story(NinjsPart):
    """One published story as ninjs 2.1."""

    uri: str = Field(description="The story's stable identifier: its address in this API.")
    standard: Standard
    type: Literal["text"] = "text"
    representationtype: Literal["full"] = "full"
    version: str = Field(description="Goes up with every change to the story.")
    firstcreated: str = Field(description="When the story was first published (ISO 8601).")
    versioncreated: str = Field(description="When this version was made available (ISO 8601).")
    pubstatus: Literal["usable"] = "usable"
    language: str
    copyrightholder: str = None
    slugline: str = None
    headlines: list[Text]
    descriptions: list[Text] = None
    by: str = Field(None, description="The byline as readers see it.")
    bodies: list[Text]
    people: list[Party] = Field(None, description="People on the byline; rel is their role.")
    organisations: list[Party] = Field(
        None, description="Desks and wire services on the byline; rel is their role."
    )
    subjects: list[Party] = Field(None, description="The section (rel section) and tags (rel tag).")
    infosources: list[InfoSource] = Field(None, description="The sources the story cites.")
    renditions: list[Rendition] = Field(description="The story's page on the public site (web).")
    associations: list[Association] = None


class StoryList(BaseModel):
    items: list[Story]
    next: str = Field(None, description="The address of the next page; absent on the last one.")


class ApiError(BaseModel):
    error: str = Field(description="A stable code: unauthorized, invalid_parameter, not_found, ...")
    message: str = Field(description="What went wrong and what to send instead, in words.")
    parameter: str = None
