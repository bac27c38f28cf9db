"""Calendars (iCalendar, written by events/ical.py) and RSS/Atom feeds of the agenda."""

import datetime
from hashlib import sha256

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import caches
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from actionplan.models import Action
from genk_rainbow import generations, languages, stored_parts
from genk_rainbow.identity import SiteIdentity
from partners.models import Partner

from . import ical
from .models import TZ, Event, EventStatus, Frequency

ICAL_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.RESCHEDULED: "CONFIRMED",
    EventStatus.MOVED_ONLINE: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


def _moment(value, all_day, exclusive_end=False):
    """A DTSTART/DTEND value: a local date for all-day events, else the moment itself."""
    if not all_day:
        return value
    local = timezone.localtime(value, TZ)
    if exclusive_end and local.time() != datetime.time.min:
        return local.date() + datetime.timedelta(days=1)
    return local.date()


# Atom entry ids and RSS guids: tag: URIs (RFC 4151), valid IRIs that never change when the
# event's URL does (the date is when the portal's name was first used, and must stay so).
TAG_AUTHORITY = "tag:regenboog.genk.be,2020:"


def _ical_status(event, status):
    """An example date is not a promise: TENTATIVE, unless the event is cancelled."""
    if event.is_example and status != EventStatus.CANCELLED:
        return "TENTATIVE"
    return ICAL_STATUS[status]


def _location(event):
    """The place, else the online link, else the city's municipality (for an event saved
    before a place was required)."""
    place = event.place
    if place:
        address = place.address
        return f"{place.name}, {address}" if address and address != place.name else place.name
    identity = SiteIdentity.current()
    return event.online_url or identity.locality or identity.city_name


def _organizer(event, absolute):
    """ORGANIZER is a calendar address (a URI): the partner's public email when it is one,
    else its page on the portal."""
    partner = event.organiser
    contact = partner.public_contact.strip()
    address = (
        f"mailto:{contact}"
        if "@" in contact and " " not in contact
        else absolute(partner.get_absolute_url())
    )
    name = partner.name.replace('"', "'")
    return f'ORGANIZER;CN="{name}":{address}'


def _vevent(event, absolute, start, end, status, extra=()):
    absolute_url = absolute(event.get_absolute_url())
    description = ical.text(event.summary)
    if event.is_example:
        description = ical.text(_("Example date: the city still has to confirm it.")) + (
            f"\\n\\n{description}"
        )
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"SEQUENCE:{event.sequence}",
        f"DTSTAMP:{ical.utc(event.updated_at)}",
        f"LAST-MODIFIED:{ical.utc(event.updated_at)}",
        f"SUMMARY:{ical.text(event.title)}",
        f"DESCRIPTION:{description}\\n\\n{ical.text(absolute_url)}",
        f"URL:{absolute_url}",
        ical.date_or_local_time("DTSTART", _moment(start, event.all_day)),
        ical.date_or_local_time("DTEND", _moment(end, event.all_day, exclusive_end=True)),
        f"STATUS:{_ical_status(event, status)}",
    ]
    if location := _location(event):
        lines.append(f"LOCATION:{ical.text(location)}")
    place = event.place
    if place and place.has_coordinates:
        lines.append(f"GEO:{place.latitude:f};{place.longitude:f}")
    if event.organiser:
        lines.append(_organizer(event, absolute))
    lines.extend(extra)
    lines.append("END:VEVENT")
    return lines


def _on_date(event, day):
    """The first occurrence's time of day on another date: EXDATE and RECURRENCE-ID values."""
    if event.all_day:
        return day
    first = timezone.localtime(event.start, TZ)
    return first.replace(year=day.year, month=day.month, day=day.day)


def event_components(event, absolute):
    """The VEVENT of an event, with its repetition, skipped dates and changed single dates."""
    repetition = []
    if event.recurrence:
        rule = f"RRULE:FREQ={Frequency(event.recurrence).name}"
        if event.recurrence_until:
            # UNTIL is a date for all-day events, else a moment in UTC (RFC 5545 3.3.10).
            if event.all_day:
                rule += f";UNTIL={event.recurrence_until:%Y%m%d}"
            else:
                last = datetime.datetime.combine(
                    event.recurrence_until, datetime.time(23, 59, 59), tzinfo=TZ
                )
                rule += f";UNTIL={ical.utc(last)}"
        repetition.append(rule)
        repetition += [
            ical.date_or_local_time("EXDATE", _on_date(event, datetime.date.fromisoformat(day)))
            for day in event.exception_dates
        ]
    yield _vevent(event, absolute, event.start, event.end, event.status, repetition)
    for override in event.override_list:
        scheduled = event.occurrence_on(override.original_date)
        if scheduled is None:
            continue
        original = ical.date_or_local_time("RECURRENCE-ID", _on_date(event, override.original_date))
        yield _vevent(event, absolute, scheduled.start, scheduled.end, scheduled.status, [original])


def calendar(events, name, absolute):
    """An iCalendar document with a VTIMEZONE for Europe/Brussels; `absolute(path)` makes a
    path an absolute URL (request.build_absolute_uri)."""
    return ical.document(
        name,
        (ical.block(event_components(event, absolute)) for event in events),
        description=UpcomingEventsFeed().description(),
    )


# What an event's VEVENTs show: its own row (whose updated_at also moves when one of its dates
# is changed), its place's row, its organiser's names, slugs and contact. The calendar's
# language and address, and the municipality (the location of an event without a place).
VEVENT_VERSION = [
    "pk", "updated_at", "sequence", "place_id", "place__updated_at", "organiser_id",
    "organiser__public_contact", *(f"organiser__{f}" for f in languages.fields("name", "slug")),
]  # fmt: skip


def stored_calendar(events, name, absolute):
    """(document, the events' updated_at) for a queryset of events: each event's VEVENTs are
    kept in the page cache's store under the version of all they show (for
    FRAGMENT_CACHE_SECONDS; 0: never), so after a change only the changed events are read in
    full and written again (a feed of 500 events took ~100 ms to write at scale 100,
    docs/performance.md)."""
    rows = list(events.values_list(*VEVENT_VERSION))
    identity = SiteIdentity.current()
    context = (
        translation.get_language(), absolute("/"), identity.locality, identity.city_name,
        generations.current_epoch(),  # new after a restore (manage.py clear_page_cache)
    )  # fmt: skip
    keys = [f"vevent:{sha256(repr((context, row)).encode()).hexdigest()}" for row in rows]
    cache = caches["pages"]
    seconds = settings.FRAGMENT_CACHE_SECONDS
    found = cache.get_many(keys) if seconds else {}
    missing = {row[0]: key for row, key in zip(rows, keys, strict=True) if key not in found}
    if missing:
        made = {
            missing[event.pk]: ical.block(event_components(event, absolute))
            for event in Event.objects.filter(pk__in=missing).for_calendar()
        }
        if seconds:
            cache.set_many(made, seconds)
        found.update(made)
    blocks = (found.get(key) for key in keys)  # an event deleted meanwhile has none
    document = ical.document(name, blocks, description=UpcomingEventsFeed().description())
    return document, [row[1] for row in rows]


# What an item of the RSS and Atom feeds shows of its event (item_* below and its link).
FEED_ITEM_FIELDS = ["title", "summary", "slug", "recurrence", "created_at", "updated_at"]


class UpcomingEventsFeed(Feed):
    """The agenda's coming events; at /partner/<slug>/ those a partner organises, at
    /action/<slug>/ those of one action of the plan (linked from those pages)."""

    page_cache_query = frozenset()  # reads no query parameter (genk_rainbow/page_cache.py)

    @staticmethod
    def personal_when(request, *args, **kwargs):
        return False  # the same for everyone (genk_rainbow/shared_pages.py)

    def __call__(self, request, *args, **kwargs):
        """The feed, kept until an event or anything it shows changes (stored_parts.py)."""

        def make():
            response = super(UpcomingEventsFeed, self).__call__(request, *args, **kwargs)
            return response.content, response["Content-Type"], response.get("Last-Modified")

        content, content_type, last_modified = stored_parts.part(request, "feed", make, clock=True)
        response = HttpResponse(content, content_type=content_type)
        if last_modified:
            response["Last-Modified"] = last_modified
        return response

    def description(self, obj=None):
        city = SiteIdentity.current().city_name
        return _("%(city)s: upcoming events of the Rainbow Action Plan.") % {"city": city}

    def get_object(self, request, partner=None, action=None):
        if partner:
            found = Partner.objects.by_slug(partner).first()
        elif action:
            found = Action.objects.public().by_slug(action).first()
        else:
            return None
        if found is None:
            raise Http404
        return found

    def title(self, obj=None):
        site = SiteIdentity.current().name
        if obj is None:
            return _("%(site)s – agenda") % {"site": site}
        return _("%(site)s – events of %(name)s") % {"site": site, "name": obj}

    def link(self, obj=None):
        return obj.get_absolute_url() if obj else reverse("events:agenda")

    def items(self, obj=None):
        now = timezone.now()
        events = Event.objects.published()
        if isinstance(obj, Partner):
            events = events.filter(organiser=obj)
        elif isinstance(obj, Action):
            events = events.filter(related_action=obj)
        window = (now, now + datetime.timedelta(days=366))
        return events.occurrence_list(*window, only=FEED_ITEM_FIELDS)[:50]

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
        return f"{TAG_AUTHORITY}event-{occurrence.event.pk}/{occurrence.original_date.isoformat()}"

    item_guid_is_permalink = False

    def author_name(self, obj=None):  # Atom needs an author
        return SiteIdentity.current().city_name or SiteIdentity.current().name

    def item_pubdate(self, occurrence):
        return occurrence.event.created_at

    def item_updateddate(self, occurrence):
        return occurrence.event.updated_at


class UpcomingEventsAtomFeed(UpcomingEventsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.description(obj)


def calendar_name(group=None):
    site = SiteIdentity.current().name
    return (
        _("%(site)s – %(group)s") % {"site": site, "group": group.name}
        if group
        else _("%(site)s – agenda") % {"site": site}
    )
