"""The agenda's models, one module per concept; every name is importable from events.models.

- vocabulary: accessibility facilities, attendance, publication states, languages spoken
- venue: where an event takes place
- event: Event and its QuerySet (publication workflow, calendar feed)
- overrides: one date of a repeating event, cancelled or moved
- stored: the dates of every event, stored for the pages that list them
"""

from ..occurrences import HORIZON, LONGEST_EVENT, TZ, EventStatus, Frequency
from .event import CALENDAR_LIMIT, CALENDAR_PAST, Event, EventQuerySet
from .overrides import OccurrenceOverride
from .stored import StoredOccurrence
from .venue import Venue
from .vocabulary import LANGUAGES_SPOKEN, Attendance, Facility, Publication

__all__ = [
    "CALENDAR_LIMIT", "CALENDAR_PAST", "HORIZON", "LANGUAGES_SPOKEN", "LONGEST_EVENT", "TZ",
    "Attendance", "Event", "EventQuerySet", "EventStatus", "Facility", "Frequency",
    "OccurrenceOverride", "Publication", "StoredOccurrence", "Venue",
]  # fmt: skip
