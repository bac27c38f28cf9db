from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The top of the import graph: pages that read every app (the home page, the signed-in
    start page, the review queue, histories) and the daily retention purge."""

    name = "workspace"
    verbose_name = _("Workspace")
