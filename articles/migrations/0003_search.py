"""A GIN index for reader search on PostgreSQL; nothing on other databases.

The expression is the weighted vector ``articles.search._vector()`` builds
(headline A, dek B, body C), spelled the same way so the planner uses it.
"""

from django.db import migrations

INDEX = "article_search_vector_idx"
VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, COALESCE(headline, '')), 'A')"
    " || setweight(to_tsvector('english'::regconfig, COALESCE(dek, '')), 'B'))"
    " || setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'C')"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_article USING GIN (({VECTOR}))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_roles")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
