"""The benchmark's yardstick: the project's own settings and middleware, one static view.

``DJANGO_SETTINGS_MODULE=benchmarks.nodb_settings`` serves a 30 KB page that
touches no database, so the page figures can be read against it.
"""

from django.http import HttpResponse
from django.urls import path

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.nodb_settings"

_PARAGRAPH = "<p>" + "Saltmere harbour wall, council, ferry and lifeboat news. " * 9 + "</p>\n"
PAGE = ("<!doctype html><html lang='en'><title>Static</title><main>" + _PARAGRAPH * 60)[:30_000]


def static_page(request):
    return HttpResponse(PAGE)


urlpatterns = [path("", static_page)]
