"""Reader search on PostgreSQL: a stored, weighted tsvector and its GIN index.

PostgreSQL keeps ``search_vector`` up to date itself (a generated column:
headline weight A, dek B, body C), so ranking never re-parses bodies at
query time. Other databases get nothing; ``articles.search`` falls back to
substring matching there. The column is not a model field on purpose: no
Python code writes it.
"""

from django.db import migrations

INDEX = "article_search_vector_idx"
VECTOR = (
    "setweight(to_tsvector('english'::regconfig, COALESCE(headline, '')), 'A')"
    " || setweight(to_tsvector('english'::regconfig, COALESCE(dek, '')), 'B')"
    " || setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'C')"
)


def create_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS search_vector tsvector "
        f"GENERATED ALWAYS AS ({VECTOR}) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_article USING GIN (search_vector)"
    )


def drop_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute("ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_roles")]

    operations = [migrations.RunPython(create_search_vector, drop_search_vector, elidable=False)]
