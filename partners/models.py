from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from genk_rainbow.slugs import unique_slug_per_language


class PartnerKind(models.TextChoices):
    CITY_SERVICE = "city_service", _("City service")
    ADVOCACY = "advocacy", _("Advocacy organisation")
    HEALTHCARE = "healthcare", _("Healthcare")
    CARE_HOME = "care_home", _("Residential care centre")
    YOUTH_ORGANISATION = "youth_organisation", _("Youth organisation")
    SCHOOL = "school", _("School")
    OTHER_CITY = "other_city", _("Other city with an LGBTI policy")
    OTHER = "other", _("Other partner")


# Headings of the partners directory, one group per kind.
KIND_HEADINGS = {
    PartnerKind.CITY_SERVICE: _("City services"),
    PartnerKind.ADVOCACY: _("Advocacy organisations"),
    PartnerKind.HEALTHCARE: _("Healthcare"),
    PartnerKind.CARE_HOME: _("Residential care centres"),
    PartnerKind.YOUTH_ORGANISATION: _("Youth organisations"),
    PartnerKind.SCHOOL: _("Schools"),
    PartnerKind.OTHER_CITY: _("Other cities with an LGBTI policy"),
    PartnerKind.OTHER: _("Other partners"),
}


class PartnerQuerySet(models.QuerySet):
    def by_slug(self, slug):
        """Match the slug of any language, so a link in one language keeps working in the other."""
        return self.filter(models.Q(slug_nl=slug) | models.Q(slug_en=slug))


class Partner(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=PartnerKind.choices)
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One sentence: who they are.")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: what they do with the city.")
    )
    website = models.URLField(_("website"), blank=True)
    public_contact = models.CharField(
        _("public contact"),
        max_length=300,
        blank=True,
        help_text=_("An address, phone number or email the public may use. Never a private one."),
    )
    in_rainbow_network = models.BooleanField(_("member of the rainbow network"), default=False)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PartnerKind.values), name="partner_kind_valid"
            ),
            *unique_slug_per_language("partner"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"slug": self.slug})


class PartnerKindIntro(models.Model):
    """The text above each group in the partners directory, editable by staff."""

    kind = models.CharField(_("kind"), max_length=32, choices=PartnerKind.choices, unique=True)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))

    class Meta:
        verbose_name = _("partner kind introduction")
        verbose_name_plural = _("partner kind introductions")
        ordering = ["kind"]

    def __str__(self):
        return self.get_kind_display()
