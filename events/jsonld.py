"""schema.org Event as JSON-LD, for search engines and calendar apps, with every property
Google's Event documentation lists: required name, startDate and location (a Place with a
PostalAddress and its coordinates, or a VirtualLocation), and the recommended description,
endDate, eventStatus, eventAttendanceMode, image, offers, organizer and, for a moved date,
previousStartDate."""

import json
import re

from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from genk_rainbow.identity import SiteIdentity

from .occurrences import TZ

SCHEMA_STATUS = {
    "scheduled": "EventScheduled",
    "cancelled": "EventCancelled",
    "postponed": "EventPostponed",
    "rescheduled": "EventRescheduled",
    "moved_online": "EventMovedOnline",
}
SCHEMA_ATTENDANCE = {
    "in_person": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "mixed": "MixedEventAttendanceMode",
}
DEFAULT_IMAGE = "img/og-default.png"  # the portal's own image, 1200 x 630
AMOUNT = re.compile(r"\d+(?:[.,]\d{1,2})?")


def _place(place, build_absolute_uri):
    """A schema.org Place with its PostalAddress, its coordinates when known and its page;
    the city's municipality for an event saved before a place was required."""
    identity = SiteIdentity.current()
    if place is None:
        city = identity.locality or identity.city_name
        return {
            "@type": "Place",
            "name": city,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": city,
                "addressCountry": identity.country,
            },
        }
    address = {
        "@type": "PostalAddress",
        "streetAddress": place.street_address,
        "postalCode": place.postal_code,
        "addressLocality": place.locality,
        "addressCountry": identity.country,
    }
    data = {
        "@type": "Place",
        "name": place.name,
        "address": {k: v for k, v in address.items() if v},
        "url": build_absolute_uri(place.get_absolute_url()),
    }
    if place.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(place.latitude),
            "longitude": float(place.longitude),
        }
    return data


def _price(event):
    """The first amount in the price text ("€ 5, € 3 with a reduction" -> "5"); 0 when free."""
    if event.is_free:
        return "0"
    found = AMOUNT.search(event.price or "")
    return found.group().replace(",", ".") if found else None


def _moment(occurrence, value):
    return (value.date() if occurrence.event.all_day else value).isoformat()


def _previous_start(occurrence):
    """The date as it was scheduled, when this one was moved (an OccurrenceOverride)."""
    first = timezone.localtime(occurrence.event.start, TZ)
    day = occurrence.original_date
    scheduled = first.replace(year=day.year, month=day.month, day=day.day)
    if scheduled == occurrence.local_start:
        return None
    return _moment(occurrence, scheduled)


def event_jsonld(occurrence, build_absolute_uri):
    event = occurrence.event
    url = build_absolute_uri(occurrence.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
        "startDate": _moment(occurrence, occurrence.local_start),
        "endDate": (occurrence.last_day if event.all_day else occurrence.local_end).isoformat(),
        "eventStatus": f"https://schema.org/{SCHEMA_STATUS[occurrence.status]}",
        "eventAttendanceMode": f"https://schema.org/{SCHEMA_ATTENDANCE[event.attendance]}",
        "inLanguage": event.languages or ["nl"],
        "isAccessibleForFree": event.is_free,
        "image": [build_absolute_uri(event.image.url if event.image else static(DEFAULT_IMAGE))],
    }
    if previous := _previous_start(occurrence):
        data["previousStartDate"] = previous
    offer = {
        "@type": "Offer",
        "price": _price(event),
        "priceCurrency": "EUR",
        "description": event.price or None,
        "url": event.registration_url or url,
    }
    data["offers"] = {k: v for k, v in offer.items() if v is not None}
    locations = []
    if event.attendance != "online" and occurrence.status != "moved_online":
        locations.append(_place(event.place, build_absolute_uri))
    online = event.online_url and event.attendance != "in_person"
    if online or occurrence.status == "moved_online":
        locations.append({"@type": "VirtualLocation", "url": event.online_url or url})
    data["location"] = locations[0] if len(locations) == 1 else locations
    if event.organiser:
        data["organizer"] = {
            "@type": "Organization",
            "name": event.organiser.name,
            "url": build_absolute_uri(event.organiser.get_absolute_url()),
        }
    else:
        data["organizer"] = {
            "@type": "GovernmentOrganization",
            "name": SiteIdentity.current().city_name,
            "url": build_absolute_uri(reverse("home")),
        }
    return (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
