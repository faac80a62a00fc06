"""Helpers for the comment tests: a filled-in form as a reader's browser would send it."""

import time

from django.urls import reverse

from articles.forms import form_timestamp
from articles.models import ModerationSettings


def form_data(article, *, seconds_ago: float = 30, **fields) -> dict:
    """A valid comment form for ``article``, shown ``seconds_ago`` seconds ago."""
    data = {
        "name": "Morwenna Pascoe",
        "email": "morwenna@harbour.example",
        "url": "",
        "body": "The harbour wall held during Brannock, but only just.",
        "timestamp": form_timestamp(article_id=article.pk, now=time.time() - seconds_ago),
        "subject": "",
    }
    data.update(fields)
    return data


def post_comment(client, article, *, follow: bool = False, **fields):
    url = reverse("articles:comment_post", args=[article.pk])
    return client.post(url, form_data(article, **fields), follow=follow)


def moderation_settings(**values) -> ModerationSettings:
    """Saved site settings with these values; flood control off unless asked for."""
    values.setdefault("flood_interval_seconds", 0)
    values.setdefault("flood_per_hour", 0)
    settings = ModerationSettings.load()
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    return settings
