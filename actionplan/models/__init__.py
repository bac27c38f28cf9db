"""The action plan's models, one module per concept; imported from here."""

from .action import (  # noqa: F401
    STALE_AFTER,
    Action,
    ActionPartner,
    ActionQuerySet,
    ProgressUpdate,
    attention_q,
    open_q,
    overdue_q,
    stale_q,
)
from .focus import YearFocus, YearFocusItem  # noqa: F401
from .plan import (  # noqa: F401
    PROGRESS_VALIDATORS,
    Objective,
    ObjectiveQuerySet,
    Plan,
    PlanQuerySet,
    PlanState,
    PolicyAim,
    Status,
    TargetGroup,
    visible_plan_q,
)
from .reminder import Reminder, ReminderQuerySet  # noqa: F401
from .rollup import Rollup, counted_q, rollup_aggregates  # noqa: F401
