from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GenkRainbowConfig(AppConfig):
    name = "genk_rainbow"
    verbose_name = _("Site pages")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import generations, page_cache, security_log  # noqa: F401 (connects its receiver)

        security_log.connect()  # logging only: no business logic in signal receivers
        # Cache invalidation only: a content change makes cached anonymous pages stale.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(page_cache.content_changed, dispatch_uid=f"page_cache_{signal}")
