"""The yearly focus: the actions a year puts first."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from genk_rainbow.bounds import YEAR_VALIDATORS

from .action import Action
from .plan import Plan


class YearFocus(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="year_focuses", verbose_name=_("plan")
    )
    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=YEAR_VALIDATORS)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    actions = models.ManyToManyField(
        Action, through="YearFocusItem", related_name="year_focuses", verbose_name=_("actions")
    )

    class Meta:
        verbose_name = _("year focus")
        verbose_name_plural = _("year focuses")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)

    def get_absolute_url(self):
        return reverse("actionplan:focus", kwargs={"year": self.year})


class YearFocusItem(models.Model):
    focus = models.ForeignKey(
        YearFocus, on_delete=models.CASCADE, related_name="items", verbose_name=_("year focus")
    )
    action = models.ForeignKey(Action, on_delete=models.CASCADE, verbose_name=_("action"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("focus action")
        verbose_name_plural = _("focus actions")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["focus", "action"], name="action_once_per_focus")
        ]

    def __str__(self):
        return f"{self.focus}: {self.action}"
