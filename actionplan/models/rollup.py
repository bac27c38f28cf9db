"""The one roll-up rule of the plan: which actions count and how their progress adds up. Today's
figures (home page, plan and objective pages) and the yearly reports as at a day use it alike."""

from django.db.models import Avg, Count, Q

from .plan import Status


def counted_q(prefix="", status="status"):
    """THE roll-up rule: a public action counts unless it was stopped (as Gobierto does).

    `status` names the status column: the stored one today, `state_status` as at a date."""
    return Q(**{f"{prefix}is_public": True}) & (
        Q(**{f"{prefix}{status}__isnull": True}) | ~Q(**{f"{prefix}{status}": Status.STOPPED})
    )


def rollup_aggregates(prefix="", status="status", progress="progress", name="progress"):
    """The aggregates of the roll-up, for objectives, the plan and the reports alike:
    `name` (the progress), the average over the counted actions that reported a figure (None
    when none did: nothing reported is not 0 % done); `counted_count`; `reported_count`.
    Actions aggregate under another name than their own `progress` column."""
    counted = counted_q(prefix, status)
    return {
        "counted_count": Count(f"{prefix}pk", filter=counted),
        "reported_count": Count(f"{prefix}{progress}", filter=counted),
        name: Avg(f"{prefix}{progress}", filter=counted),
    }


def rollup_from_row(row):
    """The Rollup of a row (or aggregate) computed with name="rollup_progress"."""
    return Rollup(row["rollup_progress"], row["counted_count"], row["reported_count"])


class Rollup:
    """A roll-up as shown: the rounded progress and how many counted actions reported it."""

    def __init__(self, progress, counted_count, reported_count):
        self.progress = None if progress is None else round(progress)
        self.counted_count = counted_count or 0
        self.reported_count = reported_count or 0

    @classmethod
    def combine(cls, parts):
        """The roll-up of disjoint groups of actions from their unrounded roll-ups (e.g. a
        plan's objectives annotated by with_progress): the same average, without a query."""
        parts = list(parts)
        reported = sum(part.reported_count or 0 for part in parts)
        total = sum((part.progress or 0) * (part.reported_count or 0) for part in parts)
        return cls(
            total / reported if reported else None,
            sum(part.counted_count or 0 for part in parts),
            reported,
        )

    def __eq__(self, other):
        return vars(self) == vars(other)

    def __repr__(self):
        return f"Rollup({self.progress}, {self.counted_count}, {self.reported_count})"


AS_OF_ROLLUP = rollup_aggregates(
    status="state_status", progress="state_progress", name="rollup_progress"
)
