from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GenkRainbowConfig(AppConfig):
    name = "genk_rainbow"
    verbose_name = _("Site pages")

    def ready(self):
        from . import security_log
        from .generations import install

        security_log.connect()  # logging only: no business logic in signal receivers
        # Cache bookkeeping only: every SQL write makes what was made from its table stale
        # (stored parts of pages, stored pages).
        install()
