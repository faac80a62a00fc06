"""Editors manage the cleaner's rules, aliases, site profiles, labels and models."""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from articles.roles import roles_sync

    # As in 0002_roles: the new models' permissions are needed before post_migrate.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    try:
        roles_sync(apps=apps)
    finally:
        app_config.models_module = None


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_cleaner_learns_10b")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
