"""The yearly report: one place that computes its figures, for the page and the export alike.

Every figure is as at the report's day (`report_day`): 31 December of the year, or today while
the year is running. The state of an action is that of its last progress update dated on or
before that day (`ActionQuerySet.as_of`), actions added to the plan later are left out, and the
roll-ups are the same rule as today's figures (`actionplan.models.rollup`).
Every figure is an SQL aggregate, so the report costs the same with a hundred times the data;
the report page shows per objective its first actions and latest updates of the year, and
objective_report_actions() gives all of them, a page at a time, for the objective's sub-page.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Aggregate,
    CharField,
    Count,
    F,
    OuterRef,
    Prefetch,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplan.models import Action, Objective, ProgressUpdate, Rollup, Status, TargetGroup
from events.models import TZ, Event
from indicators.figures import year_figures
from partners.models import Activity

# Per objective on the report page; the real plan has at most 2 actions per objective.
REPORT_ACTIONS = 8
REPORT_UPDATES = 5
UPDATE_FIELDS = ["action", "date", "status", "progress", "from_plan_text", "text", "internal_note"]


@dataclass
class Reach:
    activities: int = 0
    participants: int = 0


@dataclass
class ObjectiveReport:
    objective: Objective
    actions: list  # the first REPORT_ACTIONS actions, by identifier
    action_count: int  # all of them (internal ones included in the staff version)
    updates: list  # the latest REPORT_UPDATES updates of the year, in date order
    update_count: int
    status_counts: dict  # {status or None (not reported yet): public actions}
    rollup: Rollup
    events_held: int = 0

    @property
    def status_rows(self):
        """[(label, count)] of the statuses that occur, "no progress reported yet" last."""
        rows = [(label, self.status_counts.get(value, 0)) for value, label in Status.choices]
        rows.append((_("No progress reported yet"), self.status_counts.get(None, 0)))
        return [(label, count) for label, count in rows if count]

    @property
    def is_complete(self):
        """Whether the report page shows every action and update of the objective."""
        return len(self.actions) == self.action_count and len(self.updates) == self.update_count


@dataclass
class YearReport:
    plan: object
    year: int
    day: datetime.date  # the figures are as at this day
    so_far: bool  # the year is still running: the figures are so far, as at `day`
    objectives: list
    activity_total: Reach
    by_target_group: list  # [(name, Reach)]
    by_combination: list  # [(names tuple, Reach)], objective 8: intersectional reach
    events_held: int
    plan_rollup: Rollup
    snapshot: object = None  # the YearSnapshot it is served from (reports.snapshots), if frozen
    indicators: list = field(default_factory=list)  # [indicators.figures.YearFigure]

    @property
    def plan_progress(self):
        return self.plan_rollup.progress

    @property
    def progress_rows(self):
        """(objective, rounded progress or None), for the table and the chart."""
        return [(part.objective, part.rollup.progress) for part in self.objectives]

    @property
    def chart_rows(self):
        label = _("Objective %(number)s")
        return [(label % {"number": o.number}, progress) for o, progress in self.progress_rows]

    @property
    def reach_chart_rows(self):
        return [(name, reach.participants) for name, reach in self.by_target_group]


class GroupIds(Aggregate):
    """The values of a group joined with commas, in no particular order."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(expressions)s::text, ',')",
            **extra_context,
        )


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def report_day(year, today=None):
    """The day a report of `year` is as at: 31 December, or today while the year runs."""
    return min(year_bounds(year)[1], today or timezone.localdate())


def report_actions(internal):
    return Action.objects.all() if internal else Action.objects.public()


def year_updates(year, internal, today=None):
    start = year_bounds(year)[0]
    updates = ProgressUpdate.objects.filter(date__range=(start, report_day(year, today)))
    return updates if internal else updates.filter(action__is_public=True)


def with_state_label(actions):
    """Give each action of an as_of() queryset the label of its status then (None: nothing
    reported yet)."""
    labels = dict(Status.choices)
    for action in actions:
        action.state_label = labels.get(action.state_status)
    return actions


def year_report(plan, year, *, internal=False, today=None):
    start, end = year_bounds(year)
    day = report_day(year, today)
    in_plan = Action.objects.filter(objective__plan=plan)
    visible = in_plan if internal else in_plan.public()
    objectives = list(
        Objective.objects.filter(plan=plan)
        .with_first_actions(report_actions(internal).as_of(day), REPORT_ACTIONS)
        .order_by("number")
    )
    # Per objective: the roll-up, the public actions per status and the actions shown.
    figures = visible.figures_by("objective", day)
    nothing = (Rollup(None, 0, 0), {}, 0)

    # The latest updates of each objective, and how many there are, in one query.
    per_objective = {"partition_by": F("action__objective")}
    latest = (
        year_updates(year, internal, today)
        .filter(action__objective__plan=plan)
        .select_related("action")
        .only(*UPDATE_FIELDS, "action__title", "action__objective")
        .annotate(
            row=Window(RowNumber(), order_by=[F("date").desc(), F("pk").desc()], **per_objective),
            in_objective=Window(Count("pk"), **per_objective),
        )
        .filter(row__lte=REPORT_UPDATES)
    )
    updates_by_objective, update_counts = {}, {}
    for update in latest:
        objective_id = update.action.objective_id
        updates_by_objective.setdefault(objective_id, []).append(update)
        update_counts[objective_id] = update.in_objective

    window = (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=TZ),
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=TZ),
    )
    held = (
        Event.objects.published().occurrence_list(*window).held_counts("related_action__objective")
    )

    reports = []
    for objective in objectives:
        updates = updates_by_objective.get(objective.pk, [])
        updates.sort(key=lambda u: (u.date, u.pk))
        rollup, status_counts, action_count = figures.get(objective.pk, nothing)
        reports.append(
            ObjectiveReport(
                objective=objective,
                actions=with_state_label(objective.first_actions),
                action_count=action_count,
                updates=updates,
                update_count=update_counts.get(objective.pk, 0),
                status_counts=status_counts,
                rollup=rollup,
                events_held=held.get(objective.pk, 0),
            )
        )

    total, by_group, by_combination = reach(start, day, internal)
    return YearReport(
        plan=plan,
        year=year,
        day=day,
        so_far=day < end,
        objectives=reports,
        activity_total=total,
        by_target_group=by_group,
        by_combination=by_combination,
        events_held=sum(held.values()),
        plan_rollup=in_plan.rollup(day),
        indicators=year_figures(plan, year, day, internal=internal),
    )


def counted_activities(start, end, internal):
    """The activities that count for reach between start and end: accepted ones, and for the
    public only those the partner made public."""
    return Activity.objects.accepted().filter(
        date__range=(start, end), **({} if internal else {"is_public": True})
    )


def reach_total(start, end, internal=False):
    """Reach in total alone (the home page's figure): one query."""
    row = counted_activities(start, end, internal).aggregate(
        activities=Count("pk"), participants=Sum("participants_count")
    )
    return Reach(row["activities"], row["participants"] or 0)


def reach(start, end, internal):
    """The reach of the accepted activities between start and end: in total, per target group
    and per combination of target groups (activities for several groups at once). One query:
    the activities counted per set of target groups; a group's reach is the sum over the sets
    it is in (a query per group joined every activity of every year: 29 ms at scale 100)."""
    through = Activity.target_groups.through.objects.filter(activity=OuterRef("pk"))
    keys = through.values("activity").annotate(key=GroupIds("targetgroup_id")).values("key")
    rows = (
        counted_activities(start, end, internal)
        .annotate(groups=Subquery(keys))
        .values("groups")
        .annotate(activity_count=Count("pk"), participants=Sum("participants_count"))
        .order_by()
    )
    total, per_group, per_combination = Reach(), defaultdict(Reach), defaultdict(Reach)
    for row in rows:
        ids = tuple(sorted(int(pk) for pk in row["groups"].split(","))) if row["groups"] else ()
        for reached in (total, *(per_group[pk] for pk in ids)):
            reached.activities += row["activity_count"]
            reached.participants += row["participants"] or 0
        if len(ids) > 1:
            per_combination[ids].activities += row["activity_count"]
            per_combination[ids].participants += row["participants"] or 0
    groups = TargetGroup.objects.filter(pk__in=per_group).order_by("order", "code")
    names = {group.pk: str(group) for group in groups}
    # Most activities first; sorted() keeps the groups' own order among equals.
    by_group = sorted(names, key=lambda pk: -per_group[pk].activities)
    by_combination = sorted(per_combination.items(), key=lambda item: -item[1].activities)
    return (
        total,
        [(names[pk], per_group[pk]) for pk in by_group],
        [(tuple(sorted(names[pk] for pk in ids)), reached) for ids, reached in by_combination],
    )


def objective_report_actions(objective, year, *, internal=False, today=None):
    """The objective's actions (internal ones for staff) that existed at the report's day, with
    their state then and their updates of the year in `year_updates`, for the report's
    per-objective page (to be paginated; with_state_label() on each page)."""
    updates = year_updates(year, internal, today).order_by("date", "pk")
    return (
        report_actions(internal)
        .filter(objective=objective)
        .as_of(report_day(year, today))
        .order_by("identifier")
        .prefetch_related(Prefetch("updates", queryset=updates, to_attr="year_updates"))
    )
