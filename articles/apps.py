from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from articles import signals  # noqa: F401

        cleaner_model_check()


def cleaner_model_check() -> None:
    """A missing, damaged or other-version shipped model stops start-up with its reason:
    the cleaner must never give verdicts from the wrong model."""
    from articles.cleaning.classifier import ClassifierModelError, check_shipped_model

    try:
        check_shipped_model()
    except ClassifierModelError as error:
        raise ImproperlyConfigured(f"The cleaner's model cannot be used: {error}") from error


class DeskAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the newsroom's site (its name, and the desk home as the index)."""

    default = False  # named in INSTALLED_APPS instead of django.contrib.admin
    default_site = "articles.admin_site.DeskAdminSite"
