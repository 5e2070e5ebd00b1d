from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "icat.decisions"
    label = "decisions"
    verbose_name = _("Decisions")

    def ready(self):
        from . import receivers  # noqa: F401 - connects the application outcome to decision signals
