"""Actions, who takes part in them and their progress timeline (the one way status and
progress change)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, get_language

from genk_rainbow import fragments
from genk_rainbow.bounds import DATE_VALIDATORS, YEAR_VALIDATORS
from genk_rainbow.slugs import SlugQuerySet, unique_slug_per_language

from .plan import PROGRESS_VALIDATORS, Objective, Status, TargetGroup
from .rollup import AS_OF_ROLLUP, counted_q, rollup_aggregates, rollup_from_row


class ActionQuerySet(SlugQuerySet):
    def public(self):
        return self.filter(is_public=True)

    def counted(self):
        """Actions that count for progress today (see counted_q)."""
        return self.filter(counted_q())

    def rollup(self, day=None):
        """The roll-up of these actions today, or as at `day` from the timeline (see
        rollup_aggregates and as_of)."""
        if day is None:
            return rollup_from_row(self.aggregate(**rollup_aggregates(name="rollup_progress")))
        return rollup_from_row(self.as_of(day).aggregate(**AS_OF_ROLLUP))

    def progress(self):
        """Average progress of the counted actions that reported one (0-100), or None."""
        return self.rollup().progress

    def existing_on(self, day):
        """Actions that were part of the plan on `day` (see Action.created_on)."""
        return self.filter(created_on__lte=day)

    def as_of(self, day):
        """The actions that existed on `day`, annotated with their state then, read from the
        timeline: `state_status`, `state_progress` and `state_date` of the last update dated
        on or before `day` (None for an action without one). One query, whatever the size."""
        last = ProgressUpdate.objects.filter(action=OuterRef("pk"), date__lte=day).order_by(
            "-date", "-pk"
        )
        return self.existing_on(day).annotate(
            state_status=Subquery(last.values("status")[:1]),
            state_progress=Subquery(last.values("progress")[:1]),
            state_date=Subquery(last.values("date")[:1]),
        )

    def figures_by(self, key, day):
        """{value of `key`: (Rollup, {status: public actions}, actions)} of these actions as at
        `day`, in one query, e.g. key="objective". Public actions without an update by then are
        counted under the status None (nothing reported yet)."""
        statuses = [*Status.values, None]
        per_status = {
            f"count_{index}": Count(
                "pk",
                filter=Q(is_public=True)
                & (Q(state_status__isnull=True) if status is None else Q(state_status=status)),
            )
            for index, status in enumerate(statuses)
        }
        rows = (
            self.as_of(day)
            .values(key)
            .annotate(**AS_OF_ROLLUP, **per_status, action_count=Count("pk"))
            .order_by()
        )
        return {
            row[key]: (
                rollup_from_row(row),
                {
                    status: row[f"count_{index}"]
                    for index, status in enumerate(statuses)
                    if row[f"count_{index}"]
                },
                row["action_count"],
            )
            for row in rows
        }

    def stale(self, today):
        """Open actions without a progress update in the last STALE_AFTER days."""
        return self.filter(stale_q(today))

    def overdue(self, today):
        """Open, non-recurring actions whose end year has passed."""
        return self.filter(overdue_q(today))

    def needing_attention(self, today):
        """Stale, overdue or postponed actions: what staff should look at first."""
        return self.filter(attention_q(today))

    def with_attention(self, today):
        """Annotate is_stale, is_overdue and needs_attention (booleans, computed in SQL)."""
        return self.annotate(
            is_stale=_flag(stale_q(today)),
            is_overdue=_flag(overdue_q(today)),
            needs_attention=_flag(attention_q(today)),
        )

    def board_filter(self, today, objective=None, attention=False):
        """The progress board's filters: one objective (by number), only those needing attention."""
        actions = self
        if objective is not None:
            actions = actions.filter(objective__number=objective)
        if attention:
            actions = actions.needing_attention(today)
        return actions

    def board_order(self, today):
        """The progress board's order: actions needing attention first, plan order in each group.

        The pk breaks ties, so pages never overlap or skip an action."""
        return (
            self.with_attention(today)
            .select_related("objective", "responsible", "lead_partner")
            .order_by("-needs_attention", "objective__number", "identifier", "pk")
        )

    def board_position(self, action, today):
        """1-based place of `action` in board_order(), or None when it is not in this queryset."""
        ordered = self.board_order(today)
        row = (
            ordered.filter(pk=action.pk)
            .values("needs_attention", "objective__number", "identifier")
            .first()
        )
        if row is None:
            return None
        same = Q(needs_attention=row["needs_attention"])
        number = row["objective__number"]
        identifier = row["identifier"]
        before = (
            same & Q(objective__number__lt=number)
            | same & Q(objective__number=number, identifier__lt=identifier)
            | same & Q(objective__number=number, identifier=identifier, pk__lt=action.pk)
        )
        if not row["needs_attention"]:
            before |= Q(needs_attention=True)
        return ordered.filter(before).count() + 1


def _flag(condition):
    return models.Case(
        models.When(condition, then=models.Value(True)),
        default=models.Value(False),
        output_field=models.BooleanField(),
    )


def open_q(prefix=""):
    """Q for an action that is neither done nor stopped; `prefix` is e.g. "actions__"."""
    return ~Q(**{f"{prefix}status__in": [Status.DONE, Status.STOPPED]})


def stale_q(today, prefix=""):
    """Q for an open action without a progress update in the last STALE_AFTER days."""
    cutoff = today - STALE_AFTER
    return open_q(prefix) & (
        Q(**{f"{prefix}last_update_on__isnull": True})
        | Q(**{f"{prefix}last_update_on__lt": cutoff})
    )


def overdue_q(today, prefix=""):
    """Q for an open, non-recurring action whose end year has passed."""
    return open_q(prefix) & Q(**{f"{prefix}recurring": False, f"{prefix}end_year__lt": today.year})


def attention_q(today, prefix=""):
    """Q for a stale, overdue or postponed action (see ActionQuerySet.needing_attention)."""
    return open_q(prefix) & (
        Q(**{f"{prefix}last_update_on__isnull": True})
        | Q(**{f"{prefix}last_update_on__lt": today - STALE_AFTER})
        | Q(**{f"{prefix}recurring": False, f"{prefix}end_year__lt": today.year})
        | Q(**{f"{prefix}status": Status.POSTPONED})
    )


STALE_AFTER = datetime.timedelta(days=90)


class Action(models.Model):
    objective = models.ForeignKey(
        Objective, on_delete=models.PROTECT, related_name="actions", verbose_name=_("objective")
    )
    other_objectives = models.ManyToManyField(
        Objective,
        blank=True,
        related_name="supporting_actions",
        verbose_name=_("also serves objectives"),
    )
    identifier = models.CharField(
        _("identifier"), max_length=20, help_text=_("The plan's reference, e.g. 2023-1.")
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    # Current state; changed only by record_progress so it always matches the latest update.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    # None until an update reports a figure: nothing reported is not "0 % done".
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), null=True, blank=True, default=None, validators=PROGRESS_VALIDATORS
    )
    # From this day the action is part of the plan and counts in reports; the yearly report of
    # an earlier year leaves it out. record_progress moves it back to an earlier update's date.
    created_on = models.DateField(
        _("in the plan since"),
        default=timezone.localdate,
        validators=DATE_VALIDATORS,
        help_text=_("Reports of earlier years leave the action out."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    recurring = models.BooleanField(
        _("recurring"), default=False, help_text=_("Comes back every year, such as IDAHOT.")
    )
    lead_partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_actions",
        verbose_name=_("lead partner"),
    )
    partners = models.ManyToManyField(
        "partners.Partner",
        through="ActionPartner",
        blank=True,
        related_name="actions",
        verbose_name=_("partners"),
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="actions", verbose_name=_("target groups")
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Internal actions are shown to staff only.")
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for_actions",
        limit_choices_to={"is_staff": True},
        verbose_name=_("responsible staff member"),
        help_text=_("Gets the reminders when the action has no recent progress update."),
    )
    # Date of the latest progress update, kept by record_progress (finds stale actions fast).
    last_update_on = models.DateField(
        _("last progress update"), null=True, blank=True, editable=False
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["objective__number", "identifier"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="action_progress_0_100"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="action_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="action_years_ordered",
            ),
            models.UniqueConstraint(
                fields=["objective", "identifier"], name="action_identifier_per_objective"
            ),
            *unique_slug_per_language("action"),
        ]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["last_update_on"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("actionplan:action", kwargs={"slug": self.slug})

    def card_version(self):
        """What the action's card in a list shows, as the key its HTML is kept under
        (templates/includes/action_list.html, genk_rainbow.fragments): its fields, address
        and target groups (prefetched by the lists)."""
        return fragments.version(self, *self.target_groups.all(), extra=[self.get_absolute_url()])

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year cannot be before the start year.")})

    @property
    def period_display(self):
        if self.recurring:
            return (
                _("every year since %(year)s") % {"year": self.start_year}
                if (self.start_year)
                else _("every year")
            )
        if self.start_year and self.end_year and self.start_year != self.end_year:
            return f"{self.start_year}–{self.end_year}"
        return str(self.start_year or self.end_year or "")

    def record_progress(
        self,
        *,
        status,
        progress,
        date,
        text="",
        internal_note="",
        author=None,
        progress_reason="",
        from_plan_text=False,
    ):
        """Record a progress update and make it the action's current state, in one transaction.

        `text` is the public text in the active language, or a {language: text} dict. Raises
        ValidationError (messages per field, see ProgressUpdate.clean) before anything is
        written.
        """
        update = ProgressUpdate(
            action=self,
            status=status,
            progress=progress,
            progress_reason=progress_reason,
            from_plan_text=from_plan_text,
            date=date,
            internal_note=internal_note,
            author=author,
        )
        texts = text if isinstance(text, dict) else {get_language(): text}
        for language, value in texts.items():
            setattr(update, build_localized_fieldname("text", language), value)
        update.full_clean()
        with transaction.atomic():
            # Lock the action so two updates recorded at once cannot leave a stale state.
            Action.objects.select_for_update().only("pk").get(pk=self.pk)
            update.save()
            latest = self.updates.order_by("-date", "-pk").first()
            first = self.updates.order_by("date").values_list("date", flat=True).first()
            created_on = min(
                Action.objects.values_list("created_on", flat=True).get(pk=self.pk), first
            )
            Action.objects.filter(pk=self.pk).update(
                status=latest.status,
                progress=latest.progress,
                last_update_on=latest.date,
                created_on=created_on,
            )
        self.status, self.progress, self.last_update_on, self.created_on = (
            latest.status,
            latest.progress,
            latest.date,
            created_on,
        )
        return update


class ActionPartner(models.Model):
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="partner_roles", verbose_name=_("action")
    )
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.CASCADE,
        related_name="action_roles",
        verbose_name=_("partner"),
    )
    role = models.CharField(_("role"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("partner of the action")
        verbose_name_plural = _("partners of the action")
        constraints = [
            models.UniqueConstraint(fields=["action", "partner"], name="one_role_per_partner")
        ]

    def __str__(self):
        return f"{self.partner} – {self.action}"


class ProgressUpdate(models.Model):
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="updates", verbose_name=_("action")
    )
    date = models.DateField(_("date"), validators=DATE_VALIDATORS)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        null=True,
        blank=True,
        validators=PROGRESS_VALIDATORS,
        help_text=_("Empty when the update reports a status without a figure."),
    )
    progress_reason = models.CharField(
        _("reason for the progress"),
        max_length=300,
        blank=True,
        help_text=_("Needed when a planned action already has progress."),
    )
    from_plan_text = models.BooleanField(
        _("from the plan text"),
        default=False,
        help_text=_("States what the city's plan text says, not a measured figure."),
    )
    text = models.TextField(_("public text"), blank=True, help_text=_("Shown on the timeline."))
    internal_note = models.TextField(
        _("internal note"), blank=True, help_text=_("Only city staff see this.")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-date", "-pk"]
        get_latest_by = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="update_progress_0_100"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="update_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["action", "-date"])]

    def __str__(self):
        return f"{self.action} – {self.date}"

    def clean(self):
        """The progress rules, for the board, the admin and the import alike: "done" is 100 %,
        "planned" is 0 % unless a reason is given, and the date lies between the first day of
        the plan and today. Messages per field."""
        errors = {}
        if self.status == Status.DONE and self.progress != 100:
            errors["progress"] = _(
                "“Done” means 100 %. Set the progress to 100 or choose another status."
            )
        if self.status == Status.PLANNED and self.progress and not self.progress_reason.strip():
            errors["progress_reason"] = _(
                "“Planned” means 0 %. Give the reason why this planned action already has progress."
            )
        if self.date:
            today = timezone.localdate()
            if self.date > today:
                errors["date"] = _("An update cannot be dated in the future.")
            elif self.action_id is not None:
                start = self.action.objective.plan.start_year
                if self.date < datetime.date(start, 1, 1):
                    errors["date"] = _(
                        "The plan began on 1 January %(year)s: an update cannot be dated before it."
                    ) % {"year": start}
        if errors:
            raise ValidationError(errors)
