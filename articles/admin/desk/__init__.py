"""The editors' desk: article list, change form, review, publish and history pages."""

from articles.admin.desk import articles, images, lineups, others  # noqa: F401
