"""The answer to a sign-in that django-axes refuses: the same words for every username.

Whether the username exists, and whether the count that tripped was the
username's or the address's, is not said: either would help a guesser.
"""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def locked_out(request, response=None, credentials=None):
    minutes = max(1, round(settings.AXES_COOLOFF_TIME * 60))
    context = {**admin.site.each_context(request), "title": "Sign-in paused", "minutes": minutes}
    # Rendered here: django-axes hands this back from its middleware, after the view.
    return render(request, "registration/locked_out.html", context, status=429)
