"""Editors, Reporters and Moderators as groups with exact permissions."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from articles.roles import roles_sync

    # Permissions are normally made after every migration has run; the groups
    # need them now, and create_permissions skips an app without models_module.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    try:
        roles_sync(apps=apps)
    finally:
        app_config.models_module = None


def remove_roles(apps, schema_editor):
    from articles.roles import ROLES

    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
