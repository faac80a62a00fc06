"""Editors manage the cleaner's rules, aliases, site profiles, labels and models."""

from django.db import migrations

from articles.roles import roles_sync_migration


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_cleaner_learns_10b")]

    operations = [migrations.RunPython(roles_sync_migration, migrations.RunPython.noop)]
