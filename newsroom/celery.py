"""The Celery app: background work (ingest, feed polls, the cleaner's retraining).

``celery -A newsroom worker`` runs it; the settings are Django's (``CELERY_*``), so a
worker reads the same environment as the web processes. With no ``CELERY_BROKER_URL``
tasks run in the process that queued them and no worker is needed.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

app = Celery("newsroom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
