"""Who runs the portal and how to reach them: one row of content, loaded from the content file
(`identity:`) and edited by staff in the admin, never written in templates. Empty fields are
shown as "to be completed by the city": the city's plan text names no contact."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

phone_validator = RegexValidator(
    r"^\+?[0-9 ./()-]{6,20}$", _("A phone number: digits, spaces and + . / ( ) - only.")
)


class SiteIdentity(models.Model):
    city_name = models.CharField(_("city"), max_length=100, help_text=_("As in “City of Genk”."))
    site_name = models.CharField(_("name of the website"), max_length=100)
    service_name = models.CharField(
        _("service"), max_length=200, blank=True, help_text=_("The city service people contact.")
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField(_("email address"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    logo = models.ImageField(
        _("city logo"),
        upload_to="identity/",
        blank=True,
        help_text=_(
            "Only the logo the city supplies for this use. Without one the header shows the "
            "portal's wordmark."
        ),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("identity and contact")
        verbose_name_plural = _("identity and contact")

    def __str__(self):
        return self.site_name

    @property
    def has_contact(self):
        return any([self.address, self.phone, self.email])

    @classmethod
    def current(cls):
        """The portal's identity: the one row, or a blank one before any content is loaded.
        One primary-key query per page that shows it (a stored page costs none)."""
        return cls.objects.order_by("pk").first() or cls()
