"""Indicators: what the city measures to follow its plan, with a target per year and the values
measured (Kausal Watch's core, for a Rainbow plan). A quantitative indicator counts something
(people reached, schools, partners); a milestone is reached (1) or not yet (0)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, get_language

from actionplan.models import Plan
from genk_rainbow import fragments
from genk_rainbow.bounds import DATE_VALIDATORS, LAST_YEAR, YEAR_VALIDATORS
from genk_rainbow.roles import is_city_staff
from genk_rainbow.slugs import SlugQuerySet, unique_slug_per_language

# Up to 9,999,999,999.99: counts of people and shares with two decimals.
VALUE_DIGITS, VALUE_DECIMALS = 12, 2


class Kind(models.TextChoices):
    QUANTITATIVE = "quantitative", _("Quantitative (a number)")
    MILESTONE = "milestone", _("Milestone (reached or not)")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


REACHED, NOT_REACHED = Decimal(1), Decimal(0)
MILESTONE_VALUES = (NOT_REACHED, REACHED)


def plain(value):
    """A value without trailing zeros: Decimal("120.00") -> 120, Decimal("12.50") -> 12.5."""
    if value is None:
        return None
    value = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def value_field(verbose_name):
    return models.DecimalField(verbose_name, max_digits=VALUE_DIGITS, decimal_places=VALUE_DECIMALS)


class IndicatorQuerySet(SlugQuerySet):
    def public(self):
        """Public indicators of published plans (never one of a draft plan)."""
        return self.listed().filter(plan__in=Plan.objects.published())

    def listed(self):
        """The indicators a page about an objective or action shows (the page itself is only
        there for those who may see its plan): the public ones, in the plan's order."""
        return self.filter(is_public=True).order_by("order", "code", "pk")

    def visible_to(self, user):
        return self if is_city_staff(user) else self.public()

    def with_series(self):
        """Prefetch each indicator's targets and values (two queries, whatever the number)."""
        return self.prefetch_related(
            Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year")),
            Prefetch("recorded_values", queryset=IndicatorValue.objects.order_by("date", "pk")),
        )


class Indicator(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("plan")
    )
    code = models.SlugField(
        _("code"),
        max_length=60,
        help_text=_("Stable identifier within the plan, used by the import, e.g. idahot-reach."),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    unit = models.CharField(
        _("unit"),
        max_length=60,
        blank=True,
        help_text=_("What is counted, e.g. “people” or “schools”. Empty for a milestone."),
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.QUANTITATIVE
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    objectives = models.ManyToManyField(
        "actionplan.Objective", blank=True, related_name="indicators", verbose_name=_("objectives")
    )
    actions = models.ManyToManyField(
        "actionplan.Action", blank=True, related_name="indicators", verbose_name=_("actions")
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Internal indicators are shown to staff only.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["plan", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="indicator_code_per_plan"),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="indicator_kind_valid"),
            models.CheckConstraint(
                condition=Q(direction__in=Direction.values), name="indicator_direction_valid"
            ),
            *unique_slug_per_language("indicator"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("indicators:detail", kwargs={"slug": self.slug})

    @property
    def is_milestone(self):
        return self.kind == Kind.MILESTONE

    # The series, read from with_series()'s prefetch (or the database without it).

    def series(self, until=None):
        """The values in date order, those dated on or before `until` only when given."""
        values = list(self.recorded_values.all())
        return [v for v in values if v.date <= until] if until else values

    def target_list(self):
        return list(self.targets.all())

    def version(self):
        """Everything the indicator's figures and chart are made from (its fields, address,
        targets and values, read from with_series()'s prefetch) as one text: the key their
        HTML is kept under (templates/indicators/figures.html, genk_rainbow.fragments)."""
        return fragments.version(
            self, *self.target_list(), *self.series(), extra=[self.get_absolute_url()]
        )

    def value_on(self, day):
        """The value as at `day`: the latest dated on or before it, or None."""
        values = self.series(until=day)
        return values[-1] if values else None

    @property
    def latest_value(self):
        return self.value_on(timezone.localdate())

    def target_for(self, year):
        return next((t for t in self.target_list() if t.year == year), None)

    def meets(self, value, target):
        """Whether `value` reaches `target` in this indicator's direction (None if either is
        missing)."""
        if value is None or target is None:
            return None
        if self.direction == Direction.LOWER and not self.is_milestone:
            return value <= target
        return value >= target

    def display(self, value):
        """A value as the pages show it: “reached”, “12.5 people” (in the active language)."""
        if value is None:
            return ""
        if self.is_milestone:
            return str(_("reached") if value == REACHED else _("not reached"))
        number = formats.number_format(plain(value), use_l10n=True)
        return f"{number} {self.unit}".strip()

    # The two ways figures enter (workspace, import and admin all use them).

    def record_value(
        self, *, date, value, source=None, note=None, internal_note="", recorded_by=None
    ):
        """Record a measured value; `source` and `note` are {language: text} dicts (or text in
        the active language). Raises ValidationError (per field, see IndicatorValue.clean)
        before anything is written."""
        measured = IndicatorValue(
            indicator=self, date=date, value=value, internal_note=internal_note,
            recorded_by=recorded_by,
        )  # fmt: skip
        for name, texts in (("source", source), ("note", note)):
            texts = texts if isinstance(texts, dict) else {get_language(): texts or ""}
            for language, text in texts.items():
                setattr(measured, build_localized_fieldname(name, language), text or "")
        measured.full_clean()
        measured.save()
        return measured

    def set_target(self, *, year, value):
        """Set the target of `year`: the year's target is created or changed (one per year).
        Raises ValidationError (per field, see IndicatorTarget.clean) before writing."""
        with transaction.atomic():
            target = IndicatorTarget.objects.select_for_update().filter(
                indicator=self, year=year
            ).first() or IndicatorTarget(indicator=self, year=year)
            target.value = value
            target.full_clean()
            target.save()
        return target


def _milestone_value_error(indicator, value):
    if indicator.is_milestone and value is not None and Decimal(value) not in MILESTONE_VALUES:
        return _("A milestone is reached (1) or not reached (0); no other value.")
    return None


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = value_field(_("target"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_target_per_year")
        ]

    def __str__(self):
        return f"{self.indicator} – {self.year}"

    def clean(self):
        """A target per year, from the plan's first year on; a milestone's target is 1 or 0."""
        errors = {}
        if self.indicator_id is not None:
            start = self.indicator.plan.start_year
            if self.year is not None and not start <= self.year <= LAST_YEAR:
                errors["year"] = _(
                    "The plan began in %(start)s: choose a year from %(start)s to %(last)s."
                ) % {"start": start, "last": LAST_YEAR}
            elif (
                self.year is not None
                and IndicatorTarget.objects.filter(indicator=self.indicator_id, year=self.year)
                .exclude(pk=self.pk)
                .exists()
            ):
                errors["year"] = _("This indicator already has a target for %(year)s.") % {
                    "year": self.year
                }
            if message := _milestone_value_error(self.indicator, self.value):
                errors["value"] = message
        if errors:
            raise ValidationError(errors)


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="recorded_values",
        verbose_name=_("indicator"),
    )
    date = models.DateField(_("date"), validators=DATE_VALIDATORS, help_text=_("Measured on."))
    value = value_field(_("value"))
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the figure comes from, e.g. the registration lists."),
    )
    note = models.TextField(_("public note"), blank=True)
    internal_note = models.TextField(
        _("internal note"), blank=True, help_text=_("Only city staff see this.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("measured value")
        verbose_name_plural = _("measured values")
        ordering = ["indicator", "date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "date"], name="one_value_per_date")
        ]

    def __str__(self):
        return f"{self.indicator} – {self.date}"

    def clean(self):
        """The value rules, for the workspace, the admin and the import alike: dated from the
        plan's first day to today (after the plan has ended is fine), one value per date, and a
        milestone's value is 1 (reached) or 0 (not reached). Messages per field."""
        errors = {}
        if self.date:
            if self.date > timezone.localdate():
                errors["date"] = _("A value cannot be dated in the future.")
            elif self.indicator_id is not None:
                start = self.indicator.plan.start_year
                if self.date < datetime.date(start, 1, 1):
                    errors["date"] = _(
                        "The plan began on 1 January %(year)s: a value cannot be dated before it."
                    ) % {"year": start}
                elif (
                    IndicatorValue.objects.filter(indicator=self.indicator_id, date=self.date)
                    .exclude(pk=self.pk)
                    .exists()
                ):
                    errors["date"] = _(
                        "A value for this date is already recorded; correct it in the admin."
                    )
        if self.indicator_id is not None and (
            message := _milestone_value_error(self.indicator, self.value)
        ):
            errors["value"] = message
        if errors:
            raise ValidationError(errors)
