"""The desk's roles as groups with exact permissions.

Used by the ``0002_roles`` data migration (with the historical models) and by
anything that must make sure the groups exist, such as a test database that
a transactional test flushed.
"""

from django.apps import apps as global_apps

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
        "image": ["add", "change", "delete", "view"],
        "articleimage": ["add", "change", "delete", "view"],
        "lineup": ["add", "change", "delete", "view"],
        "lineupentry": ["add", "change", "delete", "view"],
        "cleaningrule": ["add", "change", "delete", "view"],
        "sourcealias": ["add", "change", "delete", "view"],
        "siteprofile": ["change", "view"],
        "siteline": ["change", "view"],
        "traininglabel": ["change", "delete", "view"],
        "trainedclassifier": ["change", "delete", "view"],
        "apitoken": ["add", "change", "view"],
        "feed": ["add", "change", "delete", "view"],
        "ingestbatch": ["add", "view"],
        "ingestitem": ["change", "view"],
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
        "image": ["add", "change", "view"],
        "articleimage": ["add", "change", "delete", "view"],
    },
    "Moderators": {
        "comment": ["change", "view", "can_moderate"],
        "commentreport": ["change", "view"],
        "moderationdecision": ["view"],
        "blockedsender": ["add", "change", "delete", "view"],
        "moderationsettings": ["change", "view"],
    },
}


def _codename(action: str, model: str) -> str:
    return action if action.startswith("can_") else f"{action}_{model}"


def roles_sync_migration(apps, schema_editor) -> None:
    """``roles_sync`` as a data migration's ``RunPython`` step, with the historical models.

    Permissions are normally made after every migration has run; the groups need
    the new models' permissions now, and ``create_permissions`` skips an app
    whose config has no ``models_module``.
    """
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    try:
        roles_sync(apps=apps)
    finally:
        app_config.models_module = None


def roles_sync(*, apps=global_apps) -> None:
    """Create the role groups, or reset their permissions to exactly these.

    A migration's historical ``apps`` may not have every model yet; the roles
    get the permissions of the models that exist, and a later migration syncs again.
    """
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("articles")
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    existing = {model._meta.model_name for model in app_config.get_models()}
    for name, models in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        codenames = {
            _codename(a, m) for m, actions in models.items() if m in existing for a in actions
        }
        permissions = Permission.objects.filter(
            content_type__app_label="articles", codename__in=codenames
        )
        if permissions.count() != len(codenames):
            missing = codenames - set(permissions.values_list("codename", flat=True))
            raise LookupError(f"Permissions missing for role {name}: {sorted(missing)}")
        group.permissions.set(permissions)
