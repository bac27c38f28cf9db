import calendar as month_calendar
import datetime
from urllib.parse import urlencode

from csp.decorators import csp_update
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import http_date

from actionplan.models import TargetGroup
from genk_rainbow import stored_parts
from genk_rainbow.bounds import parse_date
from genk_rainbow.page_cache import reads_query
from genk_rainbow.shared_pages import same_for_everyone
from genk_rainbow.slugs import get_by_slug

from . import feeds
from .filters import EventFilter
from .jsonld import event_jsonld
from .maps import map_context, tile_origin
from .models import HORIZON, KIND_HEADINGS, TZ, Event, Place

PAGE_SIZE = 20
DAY_LIMIT = 4  # events per day in the month view
# What the month view shows and expands: a whole month of events, so no more than that.
MONTH_GRID_FIELDS = [
    "title", "slug", "start", "end", "all_day", "status", "recurrence", "recurrence_until",
    "exception_dates",
]  # fmt: skip


# Only the pages with a "Show the map" button may show the tile server's images; nothing is
# asked of it until the visitor presses the button (static/js/map.js).
with_map_tiles = csp_update({"img-src": [tile_origin()]})


def _filtered(request):
    events = EventFilter(request.GET or None, queryset=Event.objects.published())
    valid = not events.is_bound or events.is_valid()
    # Every filter takes one value, so joining a many-to-many relation cannot repeat an event.
    queryset = events.qs if valid else Event.objects.none()
    return events, valid, queryset


def _month_window(month):
    start = datetime.datetime(month.year, month.month, 1, tzinfo=TZ)
    days = month_calendar.monthrange(month.year, month.month)[1]
    return start, start + datetime.timedelta(days=days)


def _subscriptions(request, chosen_group):
    """The calendar subscriptions: the whole agenda and one per target group (the chosen one
    first), each as an https address, a webcal:// link and a Google Calendar link."""

    def entry(name, path, group=None):
        address = request.build_absolute_uri(path)
        webcal = "webcal://" + address.split("://", 1)[1]
        return {
            "name": name,
            "group": group,
            "address": address,
            "webcal": webcal,
            "google": "https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal}),
        }

    groups = sorted(TargetGroup.objects.all(), key=lambda g: g != chosen_group)
    return [entry(feeds.calendar_name(), reverse("events:calendar"))] + [
        entry(g.name, reverse("events:group_calendar", kwargs={"group": g.code}), g) for g in groups
    ]


@same_for_everyone()
@reads_query(*EventFilter.base_filters, "page")
def agenda(request):
    """Upcoming occurrences (or those of the chosen month or day), filtered, paginated; read
    when the page's part is made, not when it is served stored (stored_parts.py)."""
    agenda = SimpleLazyObject(lambda: _agenda(request))
    return render(request, "events/agenda.html", {"agenda": agenda})


def _agenda(request):
    filters, valid, events = _filtered(request)
    chosen = filters.form.cleaned_data if valid and filters.is_bound else {}
    month, day = chosen.get("month"), chosen.get("day")
    now = timezone.now()
    if day:
        start = datetime.datetime.combine(day, datetime.time.min, tzinfo=TZ)
        end = start + datetime.timedelta(days=1)
    elif month:
        start, end = _month_window(month)
    else:
        start, end = now, now + HORIZON
    return {
        "filter": filters,
        "page": events.occurrence_list(start, end).page(request.GET.get("page"), PAGE_SIZE),
        "month": None if day else month,
        "day": day,
        "subscriptions": _subscriptions(request, chosen.get("target_group")),
    }


@same_for_everyone()
@reads_query("page")
def archive(request):
    page = SimpleLazyObject(lambda: _past(request))
    return render(request, "events/archive.html", {"page": page})


def _past(request):
    now = timezone.now()
    past = Event.objects.published().occurrence_list(
        now - datetime.timedelta(days=20 * 366), now, newest_first=True
    )
    page = past.page(request.GET.get("page"), PAGE_SIZE)
    page.object_list = [o for o in page if o.end <= now]  # not the ones still going on
    return page


@same_for_everyone()
@reads_query()
def month_view(request, year, month):
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    first = datetime.date(year, month, 1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "events/month.html",
        {
            "month": first,
            "weeks": SimpleLazyObject(lambda: _weeks(first)),
            "previous": previous,
            "next": following,
        },
    )


def _weeks(first):
    """The month's weeks: (day, its first occurrences, how many more) for each day."""
    start, end = _month_window(first)
    # A busy day shows its first few events and links to the agenda of that day.
    by_day = Event.objects.published().days(start, end, limit=DAY_LIMIT, only=MONTH_GRID_FIELDS)
    return [
        [(day, *by_day.get(day, ([], 0))) for day in week]
        for week in month_calendar.Calendar(firstweekday=0).monthdatescalendar(
            first.year, first.month
        )
    ]


@with_map_tiles
@same_for_everyone()
@reads_query("date")
def detail(request, slug):
    event, redirect = get_by_slug(
        # Its place, organiser, action, target groups and facilities: read by the page's part
        # when it is made (joined here they cost every request 1.3 ms).
        Event.objects.published(),
        slug,
    )
    if redirect:
        return redirect
    return render_event_page(request, event)


def render_event_page(request, event, *, preview=False):
    """The event's public page; `preview`: for its authors and staff before it is published
    (a notice says so, and no structured data is given to search engines). Its dates and map
    are read when the page's part is made, not when it is served stored (stored_parts.py)."""
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "object": event,
            "preview": preview,
            "page": SimpleLazyObject(lambda: _event_page(request, event, preview)),
        },
    )


def _event_page(request, event, preview):
    event = Event.objects.select_related("place", "organiser", "related_action").get(pk=event.pk)
    date = parse_date(request.GET.get("date"))
    occurrence = (
        (event.occurrence_on(date) if date else None)
        or event.next_occurrence()
        or event.occurrence_on(timezone.localtime(event.start, TZ).date())
    )
    upcoming = (
        list(event.occurrences_between(timezone.now(), timezone.now() + HORIZON))[:10]
        if event.is_recurring
        else []
    )
    jsonld = event_jsonld(occurrence, request.build_absolute_uri) if occurrence else None
    return {
        "event": event,
        "occurrence": occurrence,
        "upcoming": upcoming,
        "jsonld": None if preview else jsonld,
        **_small_map(event.place),
    }


SMALL_MAP_PLACES = 40  # the event page's drawing: a place and its neighbours, never every place


def _small_map(place):
    """A place among the public places nearest to it: the drawing with it highlighted, and
    the button's map centred on it. Nothing when its coordinates are not known."""
    if place is None or not place.has_coordinates:
        return {}
    nearby = Place.objects.public().with_coordinates()
    others = list(nearby.nearest(place, SMALL_MAP_PLACES).map_order())
    if place not in others:
        others.append(place)
    return map_context(others, [place], highlight=place)


@same_for_everyone()
@with_map_tiles
def places(request):
    """The map page: every public place as a list grouped by kind, a drawing of where they
    lie, and the button that loads OpenStreetMap's map."""
    found = list(Place.objects.public().map_order())
    maps = map_context(found, found)
    numbers = maps["drawing"].numbers if maps["drawing"] else {}
    groups = [
        (heading, [(place, numbers.get(place.pk)) for place in found if place.kind == kind])
        for kind, heading in KIND_HEADINGS.items()
    ]
    return render(
        request,
        "events/places.html",
        {
            "groups": [(heading, items) for heading, items in groups if items],
            **maps,
        },
    )


@same_for_everyone()
@with_map_tiles
def place_detail(request, slug):
    place, redirect = get_by_slug(
        Place.objects.public().select_related("partner", "related_action"), slug
    )
    if redirect:
        return redirect
    return render(
        request,
        "events/place_detail.html",
        {
            "place": place,
            "object": place,
            "upcoming": place.events.upcoming(10),
            **_small_map(place),
        },
    )


def _ics_response(content, filename, saved):
    """The calendar with Last-Modified (the latest change to any event, deletions included;
    `saved`: its events' updated_at); ConditionalGetMiddleware adds the ETag and answers 304
    to a client that has it already."""
    changed = Event.objects.last_changed(saved)
    return _calendar(content, filename, http_date(changed.timestamp()) if changed else None)


def _calendar(content, filename, last_modified):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if last_modified:
        response["Last-Modified"] = last_modified
    return response


@reads_query()
def event_ics(request, slug):
    event = get_object_or_404(
        Event.objects.published().by_slug(slug).select_related("place", "organiser")
    )
    content = feeds.calendar([event], event.title, request.build_absolute_uri)
    return _ics_response(content, f"{event.slug}.ics", [event.updated_at])


@same_for_everyone()
@reads_query()
def calendar_feed(request, group=None):
    """The agenda's calendar subscription (or one target group's), kept until an event or
    anything it shows changes (stored_parts.py)."""

    def make():
        events = Event.objects.published()
        target_group = None
        if group is not None:
            target_group = get_object_or_404(TargetGroup, code=group)
            events = events.filter(target_groups=target_group)
        name = feeds.calendar_name(target_group)
        content, saved = feeds.stored_calendar(
            events.in_calendar_feed(), name, request.build_absolute_uri
        )
        changed = Event.objects.last_changed(saved)
        return content, http_date(changed.timestamp()) if changed else None

    content, last_modified = stored_parts.part(request, "calendar", make, clock=True)
    return _calendar(content, "regenboog-genk.ics", last_modified)
