"""The ICAT Platform: the working machinery of an inter-agency coordination group."""

from .celery import app as celery_app

__all__ = ["celery_app"]
