"""Editors, Reporters and Moderators as groups with exact permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Editors": {
        "article": ["add", "change", "delete", "view", "can_publish"],
        "author": ["add", "change", "delete", "view"],
        "byline": ["add", "change", "delete", "view"],
        "source": ["add", "change", "delete", "view"],
        "citation": ["add", "change", "delete", "view"],
        "relatedlink": ["add", "change", "delete", "view"],
        "section": ["add", "change", "delete", "view"],
        "tag": ["add", "change", "delete", "view"],
        "rawcopy": ["add", "view"],
        "finding": ["change", "view"],
        "revision": ["view"],
    },
    "Reporters": {
        "article": ["add", "change", "view"],
        "author": ["add", "view"],
        "byline": ["add", "change", "delete", "view"],
        "source": ["add", "view"],
        "citation": ["add", "change", "delete", "view"],
        "relatedlink": ["add", "change", "delete", "view"],
        "section": ["view"],
        "tag": ["add", "view"],
        "rawcopy": ["add", "view"],
        "finding": ["change", "view"],
        "revision": ["view"],
    },
    "Moderators": {
        "comment": ["change", "view", "can_moderate"],
        "commentreport": ["change", "view"],
        "moderationdecision": ["view"],
        "blockedsender": ["add", "change", "delete", "view"],
        "moderationsettings": ["change", "view"],
    },
}


def codename(action, model):
    return action if action.startswith("can_") else f"{action}_{model}"


def create_roles(apps, schema_editor):
    # Permissions are normally made after every migration has run; the groups
    # need them now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, models in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = [
            (model, codename(action, model)) for model, actions in models.items() for action in actions
        ]
        perms = [
            Permission.objects.get(content_type__app_label="articles", content_type__model=model, codename=code)
            for model, code in wanted
        ]
        group.permissions.set(perms)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
