"""The yearly report: one place that computes its figures, for the page and the export alike."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from actionplan.models import Action, Objective, ProgressUpdate, Status
from events.models import TZ, Event
from partners.models import Activity


@dataclass
class Reach:
    activities: int = 0
    participants: int = 0


@dataclass
class ObjectiveReport:
    objective: Objective
    actions: list
    updates: list
    status_counts: dict
    events: list = field(default_factory=list)


@dataclass
class YearReport:
    plan: object
    year: int
    objectives: list
    activity_total: Reach
    by_target_group: list  # [(name, Reach)]
    by_combination: list  # [(names tuple, Reach)], objective 8: intersectional reach
    events_held: int
    plan_progress: int | None

    @property
    def progress_rows(self):
        """(objective, rounded progress or None), for the table and the chart."""
        return [
            (
                part.objective,
                None if part.objective.progress is None else round(part.objective.progress),
            )
            for part in self.objectives
        ]

    @property
    def chart_rows(self):
        label = _("Objective %(number)s")
        return [(label % {"number": o.number}, progress) for o, progress in self.progress_rows]

    @property
    def reach_chart_rows(self):
        return [(name, reach.participants) for name, reach in self.by_target_group]


def year_report(plan, year, *, internal=False):
    start = datetime.date(year, 1, 1)
    end = datetime.date(year, 12, 31)
    actions = Action.objects.all() if internal else Action.objects.public()
    updates = ProgressUpdate.objects.filter(date__range=(start, end)).order_by("date", "pk")
    objectives = list(
        Objective.objects.filter(plan=plan)
        .with_progress()
        .annotate(
            **{
                f"count_{status}": Count(
                    "actions", filter=Q(actions__status=status, actions__is_public=True)
                )
                for status in Status.values
            }
        )
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=actions.order_by("identifier").prefetch_related(
                    Prefetch("updates", queryset=updates, to_attr="year_updates")
                ),
                to_attr="report_actions",
            )
        )
        .order_by("number")
    )
    window = (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=TZ),
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=TZ),
    )
    occurrences = Event.objects.published().select_related("related_action").occurrences(*window)
    held = [o for o in occurrences if not o.is_cancelled]
    events_by_objective = {}
    for occurrence in held:
        action = occurrence.event.related_action
        if action is not None:
            events_by_objective.setdefault(action.objective_id, []).append(occurrence)

    reports = []
    for objective in objectives:
        report_actions = objective.report_actions
        reports.append(
            ObjectiveReport(
                objective=objective,
                actions=report_actions,
                updates=[u for a in report_actions for u in a.year_updates],
                status_counts={s: getattr(objective, f"count_{s}") for s in Status.values},
                events=events_by_objective.get(objective.pk, []),
            )
        )

    activities = list(
        Activity.objects.accepted()
        .filter(date__range=(start, end), **({} if internal else {"is_public": True}))
        .prefetch_related("target_groups")
    )
    total = Reach(len(activities), sum(a.participants_count or 0 for a in activities))
    by_group, by_combination = Counter(), Counter()
    participants_by_group, participants_by_combination = Counter(), Counter()
    for activity in activities:
        names = tuple(sorted(str(group) for group in activity.target_groups.all()))
        for name in names:
            by_group[name] += 1
            participants_by_group[name] += activity.participants_count or 0
        if len(names) > 1:
            by_combination[names] += 1
            participants_by_combination[names] += activity.participants_count or 0
    return YearReport(
        plan=plan,
        year=year,
        objectives=reports,
        activity_total=total,
        by_target_group=[
            (name, Reach(count, participants_by_group[name]))
            for name, count in by_group.most_common()
        ],
        by_combination=[
            (names, Reach(count, participants_by_combination[names]))
            for names, count in by_combination.most_common()
        ],
        events_held=len(held),
        plan_progress=Action.objects.filter(objective__plan=plan).progress(),
    )
