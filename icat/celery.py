"""Celery application.

With ``REDIS_URL`` set, tasks go to Redis and a worker runs them; without it (the embedded default)
``CELERY_TASK_ALWAYS_EAGER`` makes the same tasks run inline, so the code path is one.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icat.settings")

app = Celery("icat")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
