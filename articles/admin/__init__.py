"""The editors' desk and the moderators' queue, one module each."""

from articles.admin import cleaner, desk, ingest, moderation  # noqa: F401
