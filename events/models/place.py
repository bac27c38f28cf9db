"""Places: the plan's own rainbow elements (the rainbow crossing, the rainbow bench), help
points and organisations, and the venues events are held at, in one model. What a visitor
sees of them is decided here: `PlaceQuerySet.public`."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from genk_rainbow import languages
from genk_rainbow.identity import SiteIdentity
from genk_rainbow.roles import is_city_staff
from genk_rainbow.slugs import SlugQuerySet, unique_slug, unique_slug_per_language
from partners.models import Partner


def default_locality():
    """The city's own municipality (its identity), for a place entered without one."""
    return SiteIdentity.current().locality


class PlaceKind(models.TextChoices):
    RAINBOW_ELEMENT = "rainbow_element", _("Rainbow element")
    HELP_POINT = "help_point", _("Help point or organisation")
    VENUE = "venue", _("Venue")


# Headings of the list on the map page, one group per kind, in this order.
KIND_HEADINGS = {
    PlaceKind.RAINBOW_ELEMENT: _("Rainbow elements in the city"),
    PlaceKind.HELP_POINT: _("Help points and organisations"),
    PlaceKind.VENUE: _("Venues of events"),
}

LATITUDE_VALIDATORS = [MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))]
LONGITUDE_VALIDATORS = [MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))]


class PlaceQuerySet(SlugQuerySet):
    def _used_by_published_event(self):
        from .event import Event  # event.py imports this module

        return Exists(Event.objects.published().filter(place=OuterRef("pk")))

    def public(self):
        """What a visitor sees: the places the city lists, and the place of any published
        event. A place a partner adds with a proposed event stays out of sight until the city
        publishes that event (or lists the place)."""
        return self.filter(Q(is_listed=True) | self._used_by_published_event())

    def choosable_by(self, user):
        """The places `user` may pick for an event: every place for city staff; for a partner
        the public ones and those their own organisations added."""
        if is_city_staff(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        own = Partner.objects.of_member(user).values("pk")
        return self.filter(
            Q(is_listed=True) | self._used_by_published_event() | Q(added_by__in=own)
        )

    def with_coordinates(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def nearest(self, place, count):
        """The `count` places closest to `place` (by the square of the degrees apart, which
        orders neighbours within a city correctly), the map page's order among them."""
        lat, lon = place.latitude, place.longitude
        apart = (models.F("latitude") - lat) * (models.F("latitude") - lat) + (
            models.F("longitude") - lon
        ) * (models.F("longitude") - lon)
        closest = self.annotate(apart=apart).order_by("apart", "pk").values("pk")[:count]
        return self.filter(pk__in=closest)

    def map_order(self):
        """The map page's order: by kind (rainbow elements first), then by name."""
        order = models.Case(
            *(models.When(kind=kind, then=rank) for rank, kind in enumerate(KIND_HEADINGS)),
            default=len(KIND_HEADINGS),
        )
        return self.order_by(order, "name", "pk")


class Place(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=32, choices=PlaceKind.choices, default=PlaceKind.VENUE
    )
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    locality = models.CharField(_("municipality"), max_length=100, default=default_locality)
    where = models.CharField(
        _("where, in words"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “Close to the city hall.” Shown where there is no street address."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=LATITUDE_VALIDATORS,
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=LONGITUDE_VALIDATORS,
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="places/", blank=True)
    photo_alt = models.CharField(_("description of the photo"), max_length=250, blank=True)
    photo_credit = models.CharField(_("photo credit"), max_length=200, blank=True)
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="places",
        verbose_name=_("organisation at this place"),
    )
    related_action = models.ForeignKey(
        "actionplan.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="places",
        verbose_name=_("action of the plan"),
    )
    is_listed = models.BooleanField(
        _("listed on the map"),
        default=True,
        help_text=_(
            "Listed places are public. Others appear once an event held there is published."
        ),
    )
    added_by = models.ForeignKey(
        "partners.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("added by"),
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True, null=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=PlaceKind.values), name="place_kind_valid"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="place_coordinates_both_or_neither",
            ),
            models.CheckConstraint(
                condition=Q(photo="") | ~Q(**{languages.default_field("photo_alt"): ""}),
                name="place_photo_has_alt_text",
            ),
            *unique_slug_per_language("place"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:place", kwargs={"slug": self.slug})

    @property
    def address(self):
        return ", ".join(
            p for p in [self.street_address, f"{self.postal_code} {self.locality}".strip()] if p
        )

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    def clean(self):
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            errors[missing] = _("Give both the latitude and the longitude, or neither.")
        alt = languages.default_field("photo_alt")
        if self.photo and not (getattr(self, alt) or "").strip():
            errors[alt] = _("Describe what the photo shows.")
        if errors:
            raise ValidationError(errors)

    def assign_slugs(self):
        """Give every language without a slug one made from the name in that language (else
        the Dutch name), unique among places; the base column mirrors the Dutch one."""
        name = getattr(self, languages.default_field("name")) or self.name
        others = Place.objects.exclude(pk=self.pk) if self.pk else Place.objects.all()
        for code in languages.codes():
            column = languages.column("slug", code)
            if not getattr(self, column):
                text = getattr(self, languages.column("name", code)) or name
                setattr(self, column, unique_slug(others, column, text, "place"))
        with translation.override(languages.codes()[0]):
            self.slug = getattr(self, languages.default_field("slug"))
