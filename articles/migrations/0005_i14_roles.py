"""The roles gain images (Editors and Reporters) and page lineups (Editors)."""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from articles.roles import roles_sync

    # As in 0002: the groups need the new models' permissions now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    try:
        roles_sync(apps=apps)
    finally:
        app_config.models_module = None


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_i14_images_lineups")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
