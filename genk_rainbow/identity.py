"""Who runs the portal and how to reach them: one row of content, loaded from the content file
(`identity:`) and edited by staff in the admin, never written in templates. Empty fields are
shown as "to be completed by the city": the city's plan text names no contact. The languages
a city publishes are chosen here among those the interface has (settings.LANGUAGES)."""

import threading

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.signals import request_started
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from . import palette
from .stored_parts import kept_value

phone_validator = RegexValidator(
    r"^\+?[0-9 ./()-]{6,20}$", _("A phone number: digits, spaces and + . / ( ) - only.")
)


def validate_languages(value):
    known = [code for code, _name in settings.LANGUAGES]
    unknown = [code for code in value.split() if code not in known]
    if unknown:
        raise ValidationError(
            _("The interface has no %(codes)s; it has %(known)s."),
            params={"codes": ", ".join(unknown), "known": ", ".join(known)},
        )


class SiteIdentity(models.Model):
    city_name = models.CharField(_("city"), max_length=100, help_text=_("As in “City of Genk”."))
    site_name = models.CharField(_("name of the website"), max_length=100)
    tagline = models.CharField(
        _("home page heading"),
        max_length=200,
        blank=True,
        help_text=_("The first line of the home page."),
    )
    intro = models.TextField(
        _("home page introduction"),
        blank=True,
        help_text=_("A few sentences under the heading: what the city does and what is here."),
    )
    rainbow_drawings = models.BooleanField(
        _("drawings of the rainbow crossing and bench"),
        default=False,
        help_text=_("Only for a city that has both (the drawings show them on the home page)."),
    )
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
    languages = models.CharField(
        _("languages"),
        max_length=100,
        blank=True,
        validators=[validate_languages],
        help_text=_(
            "The codes of the languages the site is published in, the default first, separated "
            "by spaces (e.g. “nl en”). Empty: every language of the interface."
        ),
    )
    domain = models.CharField(_("domain"), max_length=200, blank=True)
    locality = models.CharField(
        _("municipality"),
        max_length=100,
        blank=True,
        help_text=_("The municipality a new place is in unless the form says otherwise."),
    )
    country = models.CharField(
        _("country code"), max_length=2, default="BE", help_text=_("ISO 3166, e.g. BE.")
    )
    primary_colour = models.CharField(
        _("main colour"),
        max_length=7,
        blank=True,
        validators=[palette.validate_accessible_colour],
        help_text=_(
            "A colour as #rrggbb for links and buttons, dark enough for white text on it and "
            "for links on white (4.5:1). Empty: the portal's blue."
        ),
    )
    data_licence = models.CharField(
        _("licence of the open data"), max_length=100, blank=True, help_text=_("E.g. CC BY 4.0.")
    )
    privacy_email = models.EmailField(_("privacy contact (e-mail)"), blank=True)
    accessibility_email = models.EmailField(_("accessibility contact (e-mail)"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("identity and contact")
        verbose_name_plural = _("identity and contact")

    def __str__(self):
        return self.site_name

    @property
    def has_contact(self):
        return any([self.address, self.phone, self.email])

    @property
    def name(self):
        """The site's name, or a plain one before the city has given its own."""
        return self.site_name or _("Rainbow Action Plan")

    @property
    def language_codes(self):
        """The published languages, the default first (all of settings.LANGUAGES when unset)."""
        known = [code for code, _name in settings.LANGUAGES]
        chosen = [code for code in self.languages.split() if code in known]
        return chosen or known

    @property
    def licence(self):
        return self.data_licence or settings.OPEN_DATA_LICENCE

    @property
    def colour_variables(self):
        """CSS custom properties that put the city's colour where the portal's blue is."""
        return palette.css_variables(self.primary_colour) if self.primary_colour else ""

    @classmethod
    def current(cls):
        """The portal's identity: the one row, or a blank one before any content is loaded.
        Read once per request (a calendar asks for it per event), kept between requests until
        its table is written (stored_parts.kept_value)."""
        found = getattr(_memo, "identity", None)
        if found is None:
            found = _memo.identity = kept_value(
                "identity", lambda: cls.objects.order_by("pk").first() or cls()
            )
        return found


_memo = threading.local()


@receiver(request_started)
@receiver(post_save, sender=SiteIdentity)
@receiver(post_delete, sender=SiteIdentity)
def forget_identity(**kwargs):
    _memo.identity = None
