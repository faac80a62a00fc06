"""The editors' desk and the moderators' queue, one module each."""

from articles.admin import cleaner, desk, moderation  # noqa: F401
