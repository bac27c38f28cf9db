"""A small iCalendar (RFC 5545) writer for the agenda's calendars.

The icalendar library builds a property object per value and folds lines character by
character: 0.4 ms per event, four seconds for a feed of 10,000 events (docs/performance.md).
The feeds only write a fixed set of properties, so they are written here as text lines; the
library still makes the VTIMEZONE (once per process) and the tests parse every document back
with it.
"""

import datetime
import functools

import icalendar
from django.utils import timezone

from .models import TZ

FOLD_OCTETS = 75  # RFC 5545 3.1: lines longer than this are folded


def text(value):
    """A TEXT value with backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11)."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def date_or_local_time(name, value):
    """`NAME;VALUE=DATE:20260517` for a date, `NAME;TZID=Europe/Brussels:20260517T100000`
    for a moment (shown in Genk's time, also across daylight-saving changes)."""
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value, TZ)
        return f"{name};TZID={TZ.key}:{local:%Y%m%dT%H%M%S}"
    return f"{name};VALUE=DATE:{value:%Y%m%d}"


def fold(line):
    """Split a line into pieces of at most 75 octets, never inside a UTF-8 character."""
    if len(line) <= FOLD_OCTETS and line.isascii():
        return line
    encoded = line.encode()
    if len(encoded) <= FOLD_OCTETS:
        return line
    pieces, start, limit = [], 0, FOLD_OCTETS
    while start < len(encoded):
        end = min(start + limit, len(encoded))
        while end < len(encoded) and encoded[end] & 0xC0 == 0x80:  # a continuation byte
            end -= 1
        pieces.append(encoded[start:end].decode())
        start, limit = end, FOLD_OCTETS - 1  # the next piece starts with a space
    return "\r\n ".join(pieces)


@functools.cache
def vtimezone():
    return icalendar.Timezone.from_tzid(TZ.key).to_ical().decode().rstrip("\r\n")


def document(name, components):
    """A VCALENDAR with the Brussels VTIMEZONE around `components` (lists of content lines)."""
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Stad Genk//Regenboog Genk//NL",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{text(name)}",
        f"X-WR-TIMEZONE:{TZ.key}",
        vtimezone(),
    ]
    for component in components:
        lines.extend(fold(line) for line in component)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()
