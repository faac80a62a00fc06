"""The editors' desk, the moderators' queue and the read API's tokens, one module each."""

from articles.admin import api_tokens, cleaner, desk, ingest, moderation  # noqa: F401
