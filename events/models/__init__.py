"""The agenda's models, one module per concept; every name is importable from events.models.

- vocabulary: accessibility facilities, attendance, publication states, languages spoken
- place: rainbow elements, help points and venues (where events take place)
- event: Event and its QuerySet (publication workflow, calendar feed)
- overrides: one date of a repeating event, cancelled or moved
- stored: the dates of every event, stored for the pages that list them
"""

from ..occurrences import HORIZON, LONGEST_EVENT, TZ, EventStatus, Frequency
from .event import CALENDAR_LIMIT, CALENDAR_PAST, Event, EventQuerySet
from .overrides import OccurrenceOverride
from .place import KIND_HEADINGS, Place, PlaceKind, PlaceQuerySet
from .stored import StoredOccurrence
from .vocabulary import LANGUAGES_SPOKEN, Attendance, Facility, Publication

__all__ = [
    "CALENDAR_LIMIT", "CALENDAR_PAST", "HORIZON", "KIND_HEADINGS", "LANGUAGES_SPOKEN",
    "LONGEST_EVENT", "TZ", "Attendance", "Event", "EventQuerySet", "EventStatus", "Facility",
    "Frequency", "OccurrenceOverride", "Place", "PlaceKind", "PlaceQuerySet", "Publication",
    "StoredOccurrence",
]  # fmt: skip
