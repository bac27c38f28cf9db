"""The yearly one-pager for the Rainbow Cities Network: one A4 page per year with the plan's
objectives, what was done that year, whom partners reached and the events held, and the same
figures as CSV for the network's own table. Built on the yearly report (as at 31 December,
from its frozen snapshot when there is one), public version only: it leaves the city.

The network asks members for a yearly one-pager from its own template, which this portal does
not have: the headings are the portal's plain ones, in the order of its yearly report, so the
city can copy each part into the network's template."""

from django.utils.translation import gettext as _

from .snapshots import yearly_report


def one_pager(plan, year):
    return yearly_report(plan, year, internal=False)


def figure_rows(report, identity):
    """The one-pager's figures as rows: a header, then (part, objective, what, value)."""
    rows = [[_("part"), _("objective"), _("figure"), _("value")]]
    rows.append([_("City"), "", _("name"), identity.city_name])
    rows.append([_("Plan"), "", _("title"), str(report.plan.title)])
    rows.append([_("Plan"), "", _("year"), report.year])
    rows.append([_("Plan"), "", _("as at"), report.day.isoformat()])
    progress = report.plan_progress
    rows.append(
        [_("Plan"), "", _("progress of the whole plan (%)"), "" if progress is None else progress]
    )
    for part in report.objectives:
        number = part.objective.number
        progress = part.rollup.progress
        rows.append([_("Objectives"), number, _("title"), str(part.objective.title)])
        rows.append(
            [_("Objectives"), number, _("progress (%)"), "" if progress is None else progress]
        )
        rows.append([_("Objectives"), number, _("progress updates in the year"), part.update_count])
        rows.append([_("Objectives"), number, _("events held"), part.events_held])
    rows.append(
        [_("Reach"), "", _("accepted activities of partners"), report.activity_total.activities]
    )
    rows.append([_("Reach"), "", _("participants reached"), report.activity_total.participants])
    for name, reach in report.by_target_group:
        rows.append(
            [_("Reach"), "", _("participants: %(group)s") % {"group": name}, reach.participants]
        )
    rows.append([_("Events"), "", _("events held"), report.events_held])
    return rows
