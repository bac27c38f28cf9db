"""Frozen yearly reports (as Kausal Watch freezes its reports): a closed year's report is
computed once per language and version (public, staff) and stored as JSON; from then on the
report is served from the snapshot, whatever is edited later. Staff may freeze again, giving a
reason; every freeze is kept, the latest is in force.

to_data() and from_data() are each other's inverse: from_data(to_data(report)) renders as the
report did. The yearly report page, the plan evaluation and the tests all go through
yearly_report(), so a frozen year reads the same everywhere."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from actionplan.models import Rollup, Status
from genk_rainbow import languages

from .figures import ObjectiveReport, Reach, YearReport, report_actions, report_day, year_report
from .models import YearSnapshot

VERSIONS = {"public": False, "internal": True}


@dataclass
class FrozenObjective:
    pk: int
    number: int
    title: str
    slug: str

    def __str__(self):
        return f"{self.number}. {self.title}"


@dataclass
class FrozenAction:
    pk: int
    identifier: str
    title: str
    is_public: bool
    state_status: str | None
    state_progress: int | None

    @property
    def state_label(self):
        return dict(Status.choices).get(self.state_status)


@dataclass
class FrozenActionRef:
    pk: int
    title: str


@dataclass
class FrozenUpdate:
    pk: int
    date: datetime.date
    action: FrozenActionRef
    status: str
    progress: int | None
    from_plan_text: bool
    text: str
    internal_note: str

    def get_status_display(self):
        return dict(Status.choices).get(self.status, self.status)


def _rollup(rollup):
    return [rollup.progress, rollup.counted_count, rollup.reported_count]


def _action(action):
    return {
        "pk": action.pk, "identifier": action.identifier, "title": action.title,
        "is_public": action.is_public, "state_status": action.state_status,
        "state_progress": action.state_progress,
    }  # fmt: skip


def to_data(report, internal=True):
    """The report's figures and texts as JSON-ready data, in the active language (the public
    version keeps no internal notes)."""
    return {
        "year": report.year,
        "day": report.day.isoformat(),
        "so_far": report.so_far,
        "plan_rollup": _rollup(report.plan_rollup),
        "activity_total": [report.activity_total.activities, report.activity_total.participants],
        "events_held": report.events_held,
        "by_target_group": [[n, r.activities, r.participants] for n, r in report.by_target_group],
        "by_combination": [
            [list(names), r.activities, r.participants] for names, r in report.by_combination
        ],
        "objectives": [
            {
                "pk": part.objective.pk,
                "number": part.objective.number,
                "title": part.objective.title,
                "slug": part.objective.slug,
                "actions": [_action(action) for action in part.actions],
                "action_count": part.action_count,
                "updates": [
                    {
                        "pk": u.pk,
                        "date": u.date.isoformat(),
                        "action": _action_ref(u.action),
                        "status": u.status,
                        "progress": u.progress,
                        "from_plan_text": u.from_plan_text,
                        "text": u.text or "",
                        "internal_note": (u.internal_note or "") if internal else "",
                    }
                    for u in part.updates
                ],
                "update_count": part.update_count,
                "status_counts": [[s, n] for s, n in part.status_counts.items()],
                "rollup": _rollup(part.rollup),
                "events_held": part.events_held,
            }
            for part in report.objectives
        ],
    }


def _action_ref(action):
    return {"pk": action.pk, "title": action.title}


def from_data(data, plan, snapshot=None):
    """The YearReport stored by to_data(), for the same templates and code as a computed one."""
    objectives = []
    for part in data["objectives"]:
        objectives.append(
            ObjectiveReport(
                objective=FrozenObjective(part["pk"], part["number"], part["title"], part["slug"]),
                actions=[FrozenAction(**action) for action in part["actions"]],
                action_count=part["action_count"],
                updates=[
                    FrozenUpdate(
                        **{
                            **u,
                            "date": datetime.date.fromisoformat(u["date"]),
                            "action": FrozenActionRef(**u["action"]),
                        }
                    )
                    for u in part["updates"]
                ],
                update_count=part["update_count"],
                status_counts=dict(part["status_counts"]),
                rollup=Rollup(*part["rollup"]),
                events_held=part["events_held"],
            )
        )
    return YearReport(
        plan=plan,
        year=data["year"],
        day=datetime.date.fromisoformat(data["day"]),
        so_far=data["so_far"],
        objectives=objectives,
        activity_total=Reach(*data["activity_total"]),
        by_target_group=[(name, Reach(a, p)) for name, a, p in data["by_target_group"]],
        by_combination=[(tuple(names), Reach(a, p)) for names, a, p in data["by_combination"]],
        events_held=data["events_held"],
        plan_rollup=Rollup(*data["plan_rollup"]),
        snapshot=snapshot,
    )


def _figures_in(snapshot, internal):
    """{"report": to_data(), "actions": action_states()} of the version, in the active
    language (or the default one, for a language added after the freeze)."""
    stored = snapshot.figures
    by_language = stored.get(translation.get_language()) or stored[languages.codes()[0]]
    return by_language["internal" if internal else "public"]


def action_states(plan, year, *, internal=False, today=None):
    """Every action of the plan that existed at the report's day with its state then (for the
    exports; the report page shows the first ones per objective): JSON-ready dicts."""
    actions = (
        report_actions(internal)
        .filter(objective__plan=plan)
        .as_of(report_day(year, today))
        .select_related("objective", "lead_partner")
        .order_by("objective__number", "identifier", "pk")
    )
    return [
        {
            "objective": a.objective.number,
            "identifier": a.identifier,
            "title": a.title,
            "status": a.state_status,
            "progress": a.state_progress,
            "date": a.state_date.isoformat() if a.state_date else None,
            "lead": a.lead_partner.name if a.lead_partner else "",
            "is_public": a.is_public,
        }
        for a in actions
    ]


def year_action_states(plan, year, *, internal=False, today=None, snapshots=None):
    """action_states() of the year, from the snapshot in force when the year was frozen."""
    snapshot = (
        snapshots.get(year) if snapshots is not None else YearSnapshot.objects.in_force(plan, year)
    )
    states = (
        _figures_in(snapshot, internal)["actions"]
        if snapshot
        else action_states(plan, year, internal=internal, today=today)
    )
    labels = dict(Status.choices)
    for state in states:
        label = labels.get(state["status"])
        state["status_label"] = str(label) if label else None
        state["date"] = datetime.date.fromisoformat(state["date"]) if state["date"] else None
    return states


def yearly_report(plan, year, *, internal=False, today=None, snapshots=None):
    """THE yearly report of `year`: the snapshot in force when the year was frozen, else
    computed as at its day (reports.figures.year_report). `snapshots` ({year: snapshot}, from
    YearSnapshot.objects.in_force_by_year) saves a query per year."""
    snapshot = (
        snapshots.get(year) if snapshots is not None else YearSnapshot.objects.in_force(plan, year)
    )
    if snapshot is None:
        return year_report(plan, year, internal=internal, today=today)
    return from_data(_figures_in(snapshot, internal)["report"], plan, snapshot)


def is_closed(year, today=None):
    """A year can be frozen once it is over (not on its 31 December, which is still running)."""
    return year < (today or timezone.localdate()).year


def check_freeze(plan, year, reason, today=None):
    """The rules of freezing, with per-field messages: only a closed year of the plan, and a
    reason when the year was frozen before."""
    if year < plan.start_year:
        raise ValidationError(_("%(year)s is before the plan began.") % {"year": year})
    if not is_closed(year, today):
        raise ValidationError(
            _("Only a year that is over can be frozen: %(year)s has not ended yet.")
            % {"year": year}
        )
    if YearSnapshot.objects.of(plan, year).exists() and not (reason or "").strip():
        raise ValidationError(
            {"reason": _("This year was frozen before: say why it is frozen again.")}
        )


def freeze(plan, year, *, user=None, reason="", today=None):
    """Store the report of a closed year as it is computed now, in every language and both
    versions; the new snapshot is in force, earlier ones stay in the history."""
    check_freeze(plan, year, reason, today)
    figures = {}
    for language in languages.codes():
        with translation.override(language):
            figures[language] = {
                version: {
                    "report": to_data(
                        year_report(plan, year, internal=internal, today=today), internal
                    ),
                    "actions": action_states(plan, year, internal=internal, today=today),
                }
                for version, internal in VERSIONS.items()
            }
    with transaction.atomic():
        return YearSnapshot.objects.create(
            plan=plan,
            year=year,
            frozen_at=timezone.now(),
            frozen_by=user,
            reason=(reason or "").strip(),
            figures=figures,
        )
