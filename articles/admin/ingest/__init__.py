"""The wire in on the desk: feeds, batches with their progress, and items to look after."""

from articles.admin.ingest import batches, feeds, items  # noqa: F401
