from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .identity import SiteIdentity
from .notifications import MailSettings, Notification

__all__ = ["MailSettings", "Notification", "Page", "PageKey", "SiteIdentity"]


class PageKey(models.TextChoices):
    ABOUT = "about", _("About the policy")
    HELP = "help", _("Help and reporting")
    PRIVACY = "privacy", _("Privacy statement")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")


class Page(models.Model):
    """A content page with a fixed place in the site (its URL and footer link), edited by staff."""

    key = models.CharField(_("page"), max_length=32, choices=PageKey.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["key"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"pages:{self.key}")
