"""The action plan's models, one module per concept; imported from here."""

from .action import (  # noqa: F401
    STALE_AFTER,
    Action,
    ActionPartner,
    ActionQuerySet,
    ProgressUpdate,
    Rollup,
    attention_q,
    counted_q,
    open_q,
    overdue_q,
    rollup_aggregates,
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
)
from .reminder import Reminder, ReminderQuerySet  # noqa: F401
