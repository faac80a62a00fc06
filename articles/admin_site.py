"""The admin site: branded with the publication's name, the desk home as its index.

It lives outside ``articles.admin`` because Django builds the default site
while that package is registering its models; the desk's pages are imported
when first used for the same reason.
"""

from django.conf import settings
from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _


class DeskAdminSite(admin.AdminSite):
    index_template = "admin/desk_home.html"
    index_title = _("Desk")

    def each_context(self, request):
        name = settings.NEWSROOM["SITE_NAME"]
        return {
            **super().each_context(request),
            "site_title": name,
            "site_header": _("%(site)s desk") % {"site": name},
        }

    def index(self, request, extra_context=None):
        from articles.admin.desk.home import desk_home

        return super().index(request, {**desk_home(request), **(extra_context or {})})

    def get_urls(self):
        return [
            path(
                "notifications/",
                self.admin_view(self.notifications_view),
                name="desk_notifications",
            ),
            *super().get_urls(),
        ]

    def notifications_view(self, request):
        from articles.admin.desk.notifications import notifications_view

        return notifications_view(request, admin_site=self)
