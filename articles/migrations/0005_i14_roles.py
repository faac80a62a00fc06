"""The roles gain images (Editors and Reporters) and page lineups (Editors)."""

from django.db import migrations

from articles.roles import roles_sync_migration


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_i14_images_lineups")]

    operations = [migrations.RunPython(roles_sync_migration, migrations.RunPython.noop)]
