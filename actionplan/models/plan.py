"""The plan and its parts: target groups, the plan, its policy aims and objectives."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from genk_rainbow import fragments
from genk_rainbow.bounds import YEAR_VALIDATORS
from genk_rainbow.slugs import SlugQuerySet, unique_slug_per_language

PROGRESS_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    POSTPONED = "postponed", _("Postponed")
    STOPPED = "stopped", _("Stopped")


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


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CURRENT = "current", _("Current")
    ENDED = "ended", _("Ended")


def visible_plan_q(user=None, prefix=""):
    """The plans `user` sees, as a condition on the plan at `prefix` (objective__plan__ from
    an action): the public sees current and ended ones, a draft is for city staff only. A
    join, not a subquery of plans: that cost the action page 0.9 ms to build and plan."""
    from genk_rainbow.roles import is_city_staff

    if user is not None and is_city_staff(user):
        return Q()
    return ~Q(**{f"{prefix}state": PlanState.DRAFT})


class PlanQuerySet(SlugQuerySet):
    def published(self):
        """Plans the public sees: current and ended ones (a draft is for city staff only)."""
        return self.filter(visible_plan_q())

    def visible_to(self, user):
        return self.filter(visible_plan_q(user))

    def current(self):
        """The plan the portal leads with: the current one, else the latest published one (an
        ended plan while the next is in preparation). None when no plan is published."""
        published = self.published()
        return (
            published.filter(state=PlanState.CURRENT).first()
            or published.order_by("-start_year").first()
        )

    def following(self, plan):
        """The published plan that comes after `plan`, or None."""
        return (
            self.published()
            .filter(start_year__gt=plan.start_year)
            .exclude(pk=plan.pk)
            .order_by("start_year")
            .first()
        )


class Plan(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("start year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("end year"), validators=YEAR_VALIDATORS)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=PlanState.choices,
        default=PlanState.DRAFT,
        help_text=_(
            "A draft is visible to city staff only; the current plan is shown on the home page; "
            "an ended plan stays readable with its reports and evaluation."
        ),
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
                fields=["state"], condition=Q(state="current"), name="one_current_plan"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "current", "ended"]), name="plan_state_valid"
            ),
            *unique_slug_per_language("plan"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("actionplan:plan", kwargs={"slug": self.slug})

    def state_on(self, today):
        """The state as shown on `today`: a current plan whose last year is over has ended, also
        before staff mark it so (the portal must not present a finished plan as running)."""
        if self.state == PlanState.CURRENT and self.end_year < today.year:
            return PlanState.ENDED
        return self.state

    def ended_on(self, today):
        return self.state_on(today) == PlanState.ENDED

    def make_current(self):
        """Make this the current plan; the plan that was current ends (one transaction)."""
        with transaction.atomic():
            # One save per plan (not update()) so each state change is in the plan's history.
            for previous in Plan.objects.filter(state=PlanState.CURRENT).exclude(pk=self.pk):
                previous.state = PlanState.ENDED
                previous.save(update_fields=["state"])
            self.state = PlanState.CURRENT
            self.save(update_fields=["state"])

    def rollup(self):
        """The plan's roll-up today (see actionplan.models.rollup): a dict with
        progress (None when no counted action reported a figure), counted and reported."""
        from .action import Action  # action.py builds on this module

        return Action.objects.filter(objective__plan=self).rollup()


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
        """Annotate each objective with the roll-up of its public actions today: progress,
        counted_count, reported_count (see actionplan.models.rollup)."""
        from .rollup import rollup_aggregates  # rollup.py builds on this module

        return self.annotate(
            **rollup_aggregates("actions__"),
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

    def card_version(self):
        """What its card on the plan page shows, as the key the card's HTML is kept under
        (genk_rainbow.fragments): its fields and roll-up, address and first actions."""
        return fragments.version(self, extra=[self.get_absolute_url()])

    @property
    def status_counts(self):
        """[(status label, count)] of the statuses that occur, from with_status_counts()."""
        counts = [(label, getattr(self, f"count_{value}", 0)) for value, label in Status.choices]
        return [(label, count) for label, count in counts if count]
