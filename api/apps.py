from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read-only open-data API at /api/v1/ (Django REST framework, OpenAPI 3)."""

    name = "api"
    verbose_name = _("Open data")
