"""A small iCalendar (RFC 5545) writer for the agenda's calendars.

The icalendar library builds a property object per value and folds lines character by
character: 0.4 ms per event, four seconds for a feed of 10,000 events (docs/performance.md).
The feeds only write a fixed set of properties, so they are written here as text lines, and
the tests parse every document back with the library and with real clients (ical.js, vobject,
recurring-ical-events: tests/events/test_calendar_clients.py).
"""

import datetime

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


# Europe/Brussels as rules, the way tzurl.org publishes it: summer time from the last Sunday of
# March 02:00 to the last Sunday of October 03:00 (the EU rule since 1996, so for every date the
# portal accepts, 2000-2100). The icalendar library wrote every change since 1977 as one
# multi-value RDATE, of which ical.js (Thunderbird) and vobject read only the first value: every
# summer-time event was an hour off there. tests/events/test_calendar_clients.py checks these
# rules against zoneinfo for every year 2000-2100.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZ.key}",
    f"X-LIC-LOCATION:{TZ.key}",
    "BEGIN:DAYLIGHT",
    "TZNAME:CEST",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZNAME:CET",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)
# How often subscribed calendars should fetch again (RFC 7986 REFRESH-INTERVAL; Outlook and
# Apple read X-PUBLISHED-TTL).
REFRESH = "PT12H"


def block(components):
    """Components (lists of content lines) as folded text, ready for document()."""
    return "\r\n".join(fold(line) for component in components for line in component)


def document(name, blocks, description=""):
    """A VCALENDAR with the Brussels VTIMEZONE around `blocks` (from block()); every line is
    folded."""
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Regenboog//Rainbow Action Plan portal//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{text(name)}",
        f"X-WR-CALNAME:{text(name)}",
        f"X-WR-TIMEZONE:{TZ.key}",
        f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}",
        f"X-PUBLISHED-TTL:{REFRESH}",
    ]
    if description:
        lines += [f"DESCRIPTION:{text(description)}", f"X-WR-CALDESC:{text(description)}"]
    lines += VTIMEZONE
    head = "\r\n".join(fold(line) for line in lines)
    return "\r\n".join([head, *(b for b in blocks if b), "END:VCALENDAR", ""]).encode()
