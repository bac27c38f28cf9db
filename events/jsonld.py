"""schema.org Event as JSON-LD, for search engines and calendar apps."""

import json

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


def event_jsonld(occurrence, build_absolute_uri):
    event = occurrence.event
    url = build_absolute_uri(occurrence.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
        "startDate": (
            occurrence.local_start.date() if event.all_day else occurrence.local_start
        ).isoformat(),
        "endDate": (occurrence.last_day if event.all_day else occurrence.local_end).isoformat(),
        "eventStatus": f"https://schema.org/{SCHEMA_STATUS[occurrence.status]}",
        "eventAttendanceMode": f"https://schema.org/{SCHEMA_ATTENDANCE[event.attendance]}",
        "inLanguage": event.languages or ["nl"],
        "isAccessibleForFree": event.is_free,
        "offers": {
            "@type": "Offer",
            "price": "0" if event.is_free else None,
            "priceCurrency": "EUR",
            "description": event.price or None,
            "url": event.registration_url or url,
        },
    }
    locations = []
    if event.venue and event.attendance != "online":
        locations.append(
            {
                "@type": "Place",
                "name": event.venue.name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": event.venue.street_address,
                    "postalCode": event.venue.postal_code,
                    "addressLocality": event.venue.locality,
                    "addressCountry": "BE",
                },
            }
        )
    online = event.online_url and event.attendance != "in_person"
    if online or occurrence.status == "moved_online":
        locations.append({"@type": "VirtualLocation", "url": event.online_url or url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.organiser:
        data["organizer"] = {
            "@type": "Organization",
            "name": event.organiser.name,
            "url": build_absolute_uri(event.organiser.get_absolute_url()),
        }
    if event.image:
        data["image"] = [build_absolute_uri(event.image.url)]
    data["offers"] = {k: v for k, v in data["offers"].items() if v is not None}
    return (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
