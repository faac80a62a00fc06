import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("articles.api.urls")),
    path("", include("articles.urls")),
]

if settings.MEDIA_SERVE and settings.MEDIA_URL.startswith("/"):
    # Development and small sites only: a proxy or the object store serves media in production.
    urlpatterns.insert(
        0,
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    )

handler404 = "articles.views.page_not_found"
handler500 = "articles.views.server_error"
