"""The plan evaluation: the whole plan period, year by year, per objective and action.

Every yearly figure in it is that year's yearly report, taken whole from
`reports.snapshots.yearly_report` (a frozen snapshot for a frozen year, else computed as at 31
December by `reports.figures.year_report`), so the evaluation and the yearly reports cannot
disagree: there is one home for each rule, and this module only arranges the years side by
side. Figures over the whole period (reach per target group, intersectional reach) are the sums
of the years, because each accepted activity and each held event lies in exactly one year.
"""

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from django.utils import timezone

from indicators.models import Indicator

from .figures import REPORT_ACTIONS, Reach
from .models import YearSnapshot
from .snapshots import yearly_report


@dataclass
class ActionTrend:
    """One action across the years: its state at the end of each year, None for the years
    before it was part of the plan."""

    action: object  # as in the last yearly report that has it
    states: list  # [(year, action as at that year, or None)]

    @property
    def last(self):
        """The action as far as it got: its state in the last year of the evaluation."""
        return self.states[-1][1] if self.states else None


@dataclass
class ObjectiveEvaluation:
    objective: object
    years: list  # [(year, ObjectiveReport of that year's report)]
    actions: list  # [ActionTrend], the first REPORT_ACTIONS actions by identifier
    action_count: int  # all actions of the objective in the last year
    indicators: list = field(default_factory=list)  # its public indicators, with their series

    @property
    def chart_id(self):
        return f"trend-{self.objective.number}-title"

    @property
    def trend_rows(self):
        """[(year, progress or None)], for the chart and its table."""
        return [(year, part.rollup.progress) for year, part in self.years]

    @property
    def events_held(self):
        return sum(part.events_held for _year, part in self.years)

    @property
    def has_updates(self):
        return any(part.updates for _year, part in self.years)


@dataclass
class TargetGroupReach:
    name: str
    per_year: list  # [Reach], one per year of the evaluation
    total: Reach = field(default_factory=Reach)


@dataclass
class PlanEvaluation:
    plan: object
    reports: list  # [YearReport], one per year from the plan's first year to its last (so far)
    internal: bool

    @property
    def years(self):
        return [report.year for report in self.reports]

    @property
    def last(self):
        return self.reports[-1] if self.reports else None

    @property
    def day(self):
        """The evaluation is as at this day: the day of its last yearly report."""
        return self.last.day if self.last else None

    @property
    def so_far(self):
        """The plan is still running: the evaluation is so far, as at `day`."""
        return bool(self.last) and (self.last.so_far or self.last.year < self.plan.end_year)

    @property
    def frozen(self):
        """[(year, snapshot)] of the years served from a frozen report."""
        return [(report.year, report.snapshot) for report in self.reports if report.snapshot]

    @property
    def plan_trend_rows(self):
        return [(report.year, report.plan_progress) for report in self.reports]

    @property
    def participants_rows(self):
        return [(report.year, report.activity_total.participants) for report in self.reports]

    @property
    def events_rows(self):
        return [(report.year, report.events_held) for report in self.reports]

    @property
    def activity_total(self):
        return _sum(report.activity_total for report in self.reports)

    @property
    def events_held(self):
        return sum(report.events_held for report in self.reports)

    @cached_property
    def objectives(self):
        """[ObjectiveEvaluation] in the order of the last year's report (by number)."""
        if not self.reports:
            return []
        by_objective = {}
        for report in self.reports:
            for part in report.objectives:
                by_objective.setdefault(part.objective.pk, []).append((report.year, part))
        indicators = _indicators_by_objective(self.plan)
        evaluations = [
            _objective(part.objective, by_objective[part.objective.pk], self.years)
            for part in self.last.objectives
        ]
        for evaluation in evaluations:
            evaluation.indicators = indicators.get(evaluation.objective.pk, [])
        return evaluations

    @property
    def until(self):
        """The day the evaluation's figures run to (indicator charts stop there)."""
        return self.last.day if self.reports else None

    @cached_property
    def by_target_group(self):
        """[TargetGroupReach] of every target group reached in any year, most activities first."""
        rows = {}
        for index, report in enumerate(self.reports):
            for name, reach in report.by_target_group:
                row = rows.setdefault(name, TargetGroupReach(name, [Reach() for _ in self.reports]))
                row.per_year[index] = reach
        for row in rows.values():
            row.total = _sum(row.per_year)
        return sorted(rows.values(), key=lambda row: (-row.total.activities, row.name))

    @cached_property
    def by_combination(self):
        """[(names, Reach)]: the combinations of target groups reached at once over the period
        (objective 8, intersectional thinking), the sum of the yearly reports' combinations."""
        activities, participants = Counter(), Counter()
        for report in self.reports:
            for names, reach in report.by_combination:
                activities[names] += reach.activities
                participants[names] += reach.participants
        return [
            (names, Reach(count, participants[names]))
            for names, count in sorted(activities.items(), key=lambda item: (-item[1], item[0]))
        ]


def _indicators_by_objective(plan):
    """{objective pk: [indicator]}: the plan's public indicators with their targets and values,
    in three queries whatever their number."""
    listed = (
        Indicator.objects.filter(plan=plan).listed().with_series().prefetch_related("objectives")
    )
    grouped = {}
    for indicator in listed:
        for objective in indicator.objectives.all():
            grouped.setdefault(objective.pk, []).append(indicator)
    return grouped


def _sum(reaches):
    total = Reach()
    for reach in reaches:
        total.activities += reach.activities
        total.participants += reach.participants
    return total


def _objective(objective, years, all_years):
    """An objective across the years: its yearly parts and its actions' states per year."""
    trends = {}
    for year, part in years:
        for action in part.actions:
            trends.setdefault(action.pk, {})[year] = action
    # An action of the plan in some year is in every later year (Action.created_on), and the
    # first REPORT_ACTIONS by identifier of a later year include those of an earlier year.
    latest = {pk: states[max(states)] for pk, states in trends.items()}
    order = sorted(latest, key=lambda pk: (latest[pk].identifier, pk))[:REPORT_ACTIONS]
    actions = [
        ActionTrend(latest[pk], [(year, trends[pk].get(year)) for year in all_years])
        for pk in order
    ]
    return ObjectiveEvaluation(
        objective=objective, years=years, actions=actions, action_count=years[-1][1].action_count
    )


def evaluation_years(plan, today=None):
    """The years the evaluation covers: from the plan's first year to its last, or to this
    year while the plan runs."""
    today = today or timezone.localdate()
    return range(plan.start_year, min(plan.end_year, today.year) + 1)


def plan_evaluation(plan, *, internal=False, today=None):
    """The evaluation of the plan: its yearly reports side by side (see the module's text)."""
    snapshots = YearSnapshot.objects.in_force_by_year(plan)
    reports = [
        yearly_report(plan, year, internal=internal, today=today, snapshots=snapshots)
        for year in evaluation_years(plan, today)
    ]
    return PlanEvaluation(plan=plan, reports=reports, internal=internal)
