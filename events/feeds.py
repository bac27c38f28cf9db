"""Calendars (iCalendar, built with the icalendar library) and RSS/Atom feeds of the agenda."""

import datetime

import icalendar
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import TZ, Event, EventStatus, Frequency

ICAL_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.RESCHEDULED: "CONFIRMED",
    EventStatus.MOVED_ONLINE: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


def _moment(value, all_day, exclusive_end=False):
    """A DTSTART/DTEND value: a local date for all-day events, else a local time with TZID."""
    local = timezone.localtime(value, TZ)
    if all_day:
        return (
            local.date()
            if not exclusive_end or local.time() == datetime.time.min
            else local.date() + datetime.timedelta(days=1)
        )
    return local


def _vevent(event, absolute_url, start, end, status):
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", event.updated_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("summary", event.title)
    vevent.add("description", f"{event.summary}\n\n{absolute_url}")
    vevent.add("url", absolute_url)
    vevent.add("dtstart", _moment(start, event.all_day))
    vevent.add("dtend", _moment(end, event.all_day, exclusive_end=True))
    vevent.add("status", ICAL_STATUS[status])
    location = event.venue.address if event.venue else ""
    if event.venue:
        vevent.add("location", f"{event.venue.name}, {location}" if location else event.venue.name)
    elif event.online_url:
        vevent.add("location", event.online_url)
    return vevent


def event_components(event, absolute_url):
    """The VEVENT of an event, with its repetition, skipped dates and changed single dates."""
    main = _vevent(event, absolute_url, event.start, event.end, event.status)
    if event.recurrence:
        rule = {"FREQ": Frequency(event.recurrence).name}
        if event.recurrence_until:
            until = datetime.datetime.combine(event.recurrence_until, datetime.time.max, tzinfo=TZ)
            rule["UNTIL"] = until.astimezone(datetime.UTC).replace(microsecond=0)
        main.add("rrule", rule)
        first = timezone.localtime(event.start, TZ)
        for skipped in event.exception_dates:
            day = datetime.date.fromisoformat(skipped)
            main.add(
                "exdate",
                day
                if event.all_day
                else first.replace(year=day.year, month=day.month, day=day.day),
            )
    yield main
    for override in event.overrides.all():
        scheduled = event.occurrence_on(override.original_date)
        if scheduled is None:
            continue
        changed = _vevent(event, absolute_url, scheduled.start, scheduled.end, scheduled.status)
        first = timezone.localtime(event.start, TZ)
        original = override.original_date
        changed.add(
            "recurrence-id",
            original
            if event.all_day
            else first.replace(year=original.year, month=original.month, day=original.day),
        )
        yield changed


def calendar(events, name, build_url):
    """An iCalendar document with a VTIMEZONE for Europe/Brussels; `build_url(event)` gives the
    absolute URL of an event."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Stad Genk//Regenboog Genk//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Brussels")
    for event in events:
        for component in event_components(event, build_url(event)):
            cal.add_component(component)
    cal.add_missing_timezones()
    return cal.to_ical()


class UpcomingEventsFeed(Feed):
    title = gettext_lazy("Rainbow Genk – agenda")
    description = gettext_lazy("Upcoming events of the City of Genk's Rainbow Action Plan.")

    def link(self):
        return reverse("events:agenda")

    def items(self):
        now = timezone.now()
        return Event.objects.published().occurrence_list(now, now + datetime.timedelta(days=366))[
            :50
        ]

    def item_title(self, occurrence):
        prefix = (
            ""
            if occurrence.status == EventStatus.SCHEDULED
            else f"[{occurrence.get_status_display()}] "
        )
        return f"{prefix}{occurrence.event.title} – {occurrence.local_start:%d/%m/%Y}"

    def item_description(self, occurrence):
        return occurrence.event.summary

    def item_link(self, occurrence):
        return occurrence.get_absolute_url()

    def item_guid(self, occurrence):
        return f"{occurrence.event.uid}/{occurrence.original_date.isoformat()}"

    item_guid_is_permalink = False

    def item_pubdate(self, occurrence):
        return occurrence.event.created_at

    def item_updateddate(self, occurrence):
        return occurrence.event.updated_at


class UpcomingEventsAtomFeed(UpcomingEventsFeed):
    feed_type = Atom1Feed
    subtitle = UpcomingEventsFeed.description


def calendar_name(group=None):
    return (
        _("Rainbow Genk – %(group)s") % {"group": group.name}
        if group
        else _("Rainbow Genk – agenda")
    )
