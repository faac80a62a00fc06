"""The editors' desk and the moderators' queue, one module each."""

from articles.admin import desk, moderation  # noqa: F401
