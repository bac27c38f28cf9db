"""Frozen yearly reports: a closed year's figures stored as they were computed, so later edits
(a back-dated update, an activity accepted late, a renamed action) do not change a report that
went to the city council. The figures are computed, never typed, so JSON is their form."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from genk_rainbow.bounds import YEAR_VALIDATORS


class YearSnapshotQuerySet(models.QuerySet):
    def of(self, plan, year):
        """The freezes of the plan's year, the one in force (the latest) first."""
        return self.filter(plan=plan, year=year).order_by("-frozen_at", "-pk")

    def in_force(self, plan, year):
        """The snapshot the report of that year is served from, or None."""
        return self.of(plan, year).first()

    def in_force_by_year(self, plan):
        """{year: snapshot in force} for every frozen year of the plan, in one query."""
        found = {}
        for snapshot in self.filter(plan=plan).order_by("year", "frozen_at", "pk"):
            found[snapshot.year] = snapshot
        return found


class YearSnapshot(models.Model):
    plan = models.ForeignKey(
        "actionplan.Plan",
        on_delete=models.PROTECT,
        related_name="year_snapshots",
        verbose_name=_("plan"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    frozen_at = models.DateTimeField(_("frozen at"))
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("frozen by"),
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why the year was frozen again (required then).")
    )
    # {language: {"public": report, "internal": report}}, see reports.snapshots.
    figures = models.JSONField(_("figures"), encoder=DjangoJSONEncoder, editable=False)

    objects = YearSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("frozen yearly report")
        verbose_name_plural = _("frozen yearly reports")
        ordering = ["plan", "year", "-frozen_at", "-pk"]
        indexes = [models.Index(fields=["plan", "year", "-frozen_at"])]

    def __str__(self):
        return f"{self.plan} {self.year} ({self.frozen_at:%Y-%m-%d})"
