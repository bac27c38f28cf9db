import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, get_language

from genk_rainbow.bounds import DATE_VALIDATORS, YEAR_VALIDATORS
from genk_rainbow.slugs import unique_slug_per_language

PROGRESS_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    POSTPONED = "postponed", _("Postponed")
    STOPPED = "stopped", _("Stopped")


class SlugQuerySet(models.QuerySet):
    def by_slug(self, slug):
        """Match the slug of any language, so a link in one language keeps working in the other."""
        return self.filter(Q(slug_nl=slug) | Q(slug_en=slug))


class TargetGroup(models.Model):
    code = models.SlugField(_("code"), unique=True, help_text=_("Stable identifier."))
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class PlanQuerySet(SlugQuerySet):
    def current(self):
        return self.filter(is_current=True).first() or self.order_by("-start_year").first()


class Plan(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("start year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("end year"), validators=YEAR_VALIDATORS)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    is_current = models.BooleanField(
        _("current plan"), default=False, help_text=_("The plan shown on the home page.")
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="plan_years_ordered"
            ),
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_plan"
            ),
            *unique_slug_per_language("plan"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("actionplan:plan", kwargs={"slug": self.slug})

    def progress(self):
        """The plan's progress: the same roll-up as its objectives (see ActionQuerySet.counted)."""
        return Action.objects.filter(objective__plan=self).progress()


class PolicyAim(models.Model):
    """One of the three aims the city's LGBTI policy has pursued since 2013."""

    text = models.CharField(_("aim"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("policy aim")
        verbose_name_plural = _("policy aims")
        ordering = ["order", "id"]

    def __str__(self):
        return self.text


class ObjectiveQuerySet(SlugQuerySet):
    def with_progress(self):
        """Annotate each objective with the roll-up of its counted public actions."""
        counted = Q(actions__is_public=True) & ~Q(actions__status=Status.STOPPED)
        return self.annotate(
            progress=Avg("actions__progress", filter=counted),
            action_count=Count("actions", filter=Q(actions__is_public=True)),
        )

    def with_status_counts(self):
        """Annotate `count_<status>` for every status: the number of public actions in it."""
        return self.annotate(
            **{
                f"count_{status}": Count(
                    "actions", filter=Q(actions__status=status, actions__is_public=True)
                )
                for status in Status.values
            }
        )

    def with_first_actions(self, actions, limit):
        """Prefetch the first `limit` of `actions` (by identifier) of each objective into
        `first_actions`: one query whatever the number of actions (a window function)."""
        return self.prefetch_related(
            models.Prefetch(
                "actions",
                queryset=actions.order_by("identifier")[:limit],
                to_attr="first_actions",
            )
        )


class Objective(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="objectives", verbose_name=_("plan")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))

    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="objective_number_per_plan"),
            models.CheckConstraint(condition=Q(number__gte=1), name="objective_number_positive"),
            *unique_slug_per_language("objective", "plan"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("actionplan:objective", kwargs={"plan": self.plan.slug, "slug": self.slug})

    @property
    def status_counts(self):
        """[(status label, count)] of the statuses that occur, from with_status_counts()."""
        counts = [(label, getattr(self, f"count_{value}", 0)) for value, label in Status.choices]
        return [(label, count) for label, count in counts if count]


class ActionQuerySet(SlugQuerySet):
    def public(self):
        return self.filter(is_public=True)

    def counted(self):
        """Actions that count for progress: stopped actions are left out, as Gobierto does."""
        return self.public().exclude(status=Status.STOPPED)

    def progress(self):
        """Average progress of the counted actions (0-100), or None when there are none."""
        value = self.counted().aggregate(value=Avg("progress"))["value"]
        return None if value is None else round(value)

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
            .select_related("objective", "responsible")
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
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=PROGRESS_VALIDATORS
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

    def record_progress(self, *, status, progress, date, text="", internal_note="", author=None):
        """Record a progress update and make it the action's current state, in one transaction.

        `text` is the public text in the active language, or a {language: text} dict. Raises
        ValidationError (messages per field) for an unknown status or a progress outside 0-100,
        before anything is written.
        """
        update = ProgressUpdate(
            action=self,
            status=status,
            progress=progress,
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
            Action.objects.filter(pk=self.pk).update(
                status=latest.status, progress=latest.progress, last_update_on=latest.date
            )
        self.status, self.progress, self.last_update_on = (
            latest.status,
            latest.progress,
            latest.date,
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
    progress = models.PositiveSmallIntegerField(_("progress (%)"), validators=PROGRESS_VALIDATORS)
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


class ReminderQuerySet(models.QuerySet):
    def sent_since(self, moment):
        return self.filter(sent_at__gte=moment)

    def sent_before(self, moment):
        return self.filter(sent_at__lt=moment)


class Reminder(models.Model):
    """A record of each stale-action reminder sent, so nobody gets the same one twice a week."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("action")
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["recipient", "action", "-sent_at"])]

    def __str__(self):
        return f"{self.action} – {self.sent_at:%Y-%m-%d}"
