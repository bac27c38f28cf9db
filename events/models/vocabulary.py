"""The agenda's small vocabularies: accessibility facilities (after the Flemish UiT database),
attendance, publication states and the languages an event can be held in."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Facility(models.Model):
    """Accessibility facilities, a fixed vocabulary after the Flemish UiT database."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("accessibility facility")
        verbose_name_plural = _("accessibility facilities")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    MIXED = "mixed", _("In person and online")


class Publication(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


LANGUAGES_SPOKEN = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("tr", _("Turkish")),
    ("it", _("Italian")),
    ("ar", _("Arabic")),
    ("vgt", _("Flemish Sign Language")),
]
