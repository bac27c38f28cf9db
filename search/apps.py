from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site-wide search: reads the public content of every app below it."""

    name = "search"
    verbose_name = _("Search")
