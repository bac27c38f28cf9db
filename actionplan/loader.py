"""Load the city's content (actionplan/data/rainbow_plan.yaml) into the database: the Rainbow
Action Plan with its indicators, partners, pages, the places (rainbow elements, help points,
venues) and the agenda's yearly events.

Loading again updates what changed: each object is looked up by a key that staff do not change
(a code, a number, an identifier, the Dutch slug it was created with); a missing one is created,
and an existing one takes the file's new texts and figures. What the file does not own is never
touched: recorded progress, reviews and history (an update adds a history record), a plan's
state and an event's publication after the first load, relations set once at creation, and any
field the file leaves empty (staff fill in what the city's text does not say).
"""

import datetime
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction

from genk_rainbow import languages
from genk_rainbow.models import Page, SiteIdentity
from partners.models import Partner, PartnerKindIntro

from .content_check import read_content
from .models import (
    Action,
    ActionPartner,
    Objective,
    Plan,
    PlanState,
    PolicyAim,
    TargetGroup,
    YearFocus,
    YearFocusItem,
)

DATA_FILE = Path(__file__).resolve().parent / "data" / "rainbow_plan.yaml"
# The agenda (events) sits above the action plan in the import graph: its model is reached by
# name, as DESIGN.md has apps refer to each other's models, and its state by value.
EVENT_MODEL, PLACE_MODEL, PUBLISHED = "events.Event", "events.Place", "published"
# Indicators build on the plan too (their app sits above this one): reached by name as well.
INDICATOR_MODEL = "indicators.Indicator"


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, list[str]] = field(default_factory=dict)  # label -> "object: fields"

    def count(self, label, was_created):
        self.created.setdefault(label, 0)
        self.created[label] += int(was_created)

    def changed(self, label, obj, names):
        self.updated.setdefault(label, []).append(f"{obj}: {', '.join(names)}")

    @property
    def total(self):
        return sum(self.created.values()) + sum(len(items) for items in self.updated.values())


def sync(model, lookup, values, report, label, *, create_only=(), bump_sequence=False):
    """Create the object `lookup` finds nothing for, or update the fields whose value in the
    file differs from the stored one. Empty values never erase, `create_only` fields are staff's
    after the first load; a changed event gets a new SEQUENCE so calendars pick it up."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**{**lookup, **values})
        report.count(label, True)
        return obj, True
    report.count(label, False)
    names = [
        name
        for name, value in values.items()
        if name not in create_only and value not in ("", None) and getattr(obj, name) != value
    ]
    if names:
        for name in names:
            setattr(obj, name, values[name])
        if bump_sequence:
            obj.sequence += 1
        obj.save(update_fields=[*names, *(["sequence"] if bump_sequence else [])])
        report.changed(label, obj, names)
    return obj, False


def translated(name, texts):
    """{'nl': 'x', 'en': 'y'} -> {'name_nl': 'x', 'name_en': 'y'} for the configured languages.
    A language the file does not have stays empty (the page shows the Dutch text), except a
    slug: each language's slugs are unique, so it borrows the default language's slug."""
    default = texts.get(languages.codes()[0], "") if name == "slug" else ""
    return {f"{name}_{code}": texts.get(code) or default for code in languages.codes()}


def _by_default_slug(item):
    """The lookup key of an object: its slug in the default language, as it was created."""
    return {languages.default_field("slug"): item["slug"][languages.codes()[0]]}


IDENTITY_TEXTS = ["city_name", "site_name", "tagline", "intro", "service_name", "opening_hours"]
IDENTITY_FIELDS = [
    "address", "phone", "email", "domain", "primary_colour", "data_licence",
    "privacy_email", "accessibility_email", "rainbow_drawings", "locality", "country",
]  # fmt: skip


def load_rainbow_plan(path=DATA_FILE, *, dry_run=False) -> LoadReport:
    """Load the content file (checked first: ContentError lists every problem with its line).
    With dry_run, everything is done and rolled back: the report says what would be created."""
    data = read_content(Path(path).read_text(encoding="utf-8"))
    report = LoadReport()
    with transaction.atomic():
        groups = _load_target_groups(data["target_groups"], report)
        partners = _load_partners(data["partners"], report)
        _load_partner_kinds(data["partner_kinds"], report)
        _load_pages(data["pages"], report)
        _load_identity(data.get("identity"), report)
        actions = _load_plan(data["plan"], groups, partners, report)
        places = _load_places(data.get("places", []), partners, actions, report)
        _load_events(data.get("events", []), groups, partners, actions, places, report)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _load_target_groups(items, report):
    groups = {}
    for order, item in enumerate(items):
        group, _created = sync(
            TargetGroup,
            {"code": item["code"]},
            {**translated("name", item["name"]), "order": order},
            report,
            "target groups",
        )
        groups[group.code] = group
    return groups


def _load_partners(items, report):
    partners = {}
    for item in items:
        partner, _created = sync(
            Partner,
            _by_default_slug(item),
            {
                **translated("name", item["name"]),
                **translated("slug", item["slug"]),
                **translated("summary", item["summary"]),
                **translated("description", item["description"]),
                "kind": item["kind"],
                "website": item.get("website") or "",
                "in_rainbow_network": item.get("rainbow_network", False),
            },
            report,
            "partners",
        )
        partners[item["slug"][languages.codes()[0]]] = partner
    return partners


def _load_partner_kinds(items, report):
    for item in items:
        sync(
            PartnerKindIntro,
            {"kind": item["kind"]},
            translated("intro", item["intro"]),
            report,
            "partner kind introductions",
        )


def _load_pages(items, report):
    for item in items:
        sync(
            Page,
            {"key": item["key"]},
            {**translated("title", item["title"]), **translated("body", item["body"])},
            report,
            "pages",
        )


def _load_identity(item, report):
    """The portal's names, languages and the city's contacts: the one row (what the file leaves
    empty, staff fill in)."""
    if not item:
        return
    fields = {name: item[name] for name in IDENTITY_FIELDS if name in item}
    fields["languages"] = " ".join(item.get("languages", []))
    for name in IDENTITY_TEXTS:
        fields.update(translated(name, item.get(name) or {}))
    current = SiteIdentity.objects.order_by("pk").first()
    sync(SiteIdentity, {"pk": current.pk} if current else {}, fields, report, "identity")


def _load_plan(item, groups, partners, report):
    plan, created = sync(
        Plan,
        _by_default_slug(item),
        {
            **translated("title", item["title"]),
            **translated("slug", item["slug"]),
            **translated("intro", item["intro"]),
            "start_year": item["start_year"],
            "end_year": item["end_year"],
            # A second plan marked current arrives as a draft: staff make it current.
            "state": (
                PlanState.DRAFT
                if item.get("state") == PlanState.CURRENT
                and Plan.objects.filter(state=PlanState.CURRENT).exists()
                else item.get("state", PlanState.DRAFT)
            ),
        },
        report,
        "plans",
        create_only=["state"],
    )
    if created:
        for order, aim in enumerate(item.get("aims", [])):
            PolicyAim.objects.create(order=order, **translated("text", aim))
            report.count("policy aims", True)

    objectives, actions, pending_links = {}, {}, []
    for objective_item in item["objectives"]:
        objective, _created = sync(
            Objective,
            {"plan": plan, "number": objective_item["number"]},
            {
                **translated("title", objective_item["title"]),
                **translated("slug", objective_item["slug"]),
                **translated("description", objective_item["description"]),
            },
            report,
            "objectives",
        )
        objectives[objective.number] = objective
        for action_item in objective_item["actions"]:
            action, created = _load_action(objective, action_item, groups, partners, report)
            actions[action.identifier] = action
            if created:
                pending_links.append((action, action_item.get("other_objectives", [])))

    # Links to other objectives wait until every objective of the plan exists.
    for action, numbers in pending_links:
        action.other_objectives.set(objectives[number] for number in numbers)

    _load_indicators(plan, item.get("indicators", []), objectives, actions, report)

    for focus_item in item.get("year_focus", []):
        focus, created = sync(
            YearFocus,
            {"year": focus_item["year"]},
            {"plan": plan, **translated("intro", focus_item["intro"])},
            report,
            "year focuses",
        )
        if created:
            for order, identifier in enumerate(focus_item["actions"]):
                YearFocusItem.objects.create(focus=focus, action=actions[identifier], order=order)
    return actions


def _load_indicators(plan, items, objectives, actions, report):
    """The plan's indicators, without values or targets (the plan text gives none)."""
    Indicator = apps.get_model(INDICATOR_MODEL)
    for order, item in enumerate(items):
        indicator, created = sync(
            Indicator,
            {"plan": plan, "code": item["code"]},
            {
                **translated("name", item["name"]),
                **translated("slug", item["slug"]),
                **translated("unit", item.get("unit", {})),
                **translated("description", item.get("description", {})),
                "kind": item["kind"],
                "direction": item.get("direction", "higher"),
                "order": order,
            },
            report,
            "indicators",
        )
        if created:
            indicator.objectives.set(objectives[number] for number in item.get("objectives", []))
            indicator.actions.set(actions[identifier] for identifier in item.get("actions", []))


def _load_action(objective, item, groups, partners, report):
    lead = item.get("lead_partner")
    action, created = sync(
        Action,
        {"objective": objective, "identifier": item["identifier"]},
        {
            **translated("title", item["title"]),
            **translated("slug", item["slug"]),
            **translated("summary", item["summary"]),
            **translated("description", item["description"]),
            "start_year": item.get("start_year"),
            "end_year": item.get("end_year"),
            "recurring": item.get("recurring", False),
            "lead_partner": partners[lead] if lead else None,
        },
        report,
        "actions",
    )
    if not created:
        return action, False
    action.target_groups.set(groups[code] for code in item.get("target_groups", []))
    for link in item.get("partners", []):
        ActionPartner.objects.create(
            action=action, partner=partners[link["partner"]], **translated("role", link["role"])
        )
    for update in item.get("updates", []):
        action.record_progress(
            status=update["status"],
            progress=update["progress"],
            date=update["date"],
            text=update.get("text", {}),
            from_plan_text=update.get("from_plan_text", False),
        )
    return action, True


def _moment(value):
    """A YAML date or date-time (2023-10-03T14:00), read as local time in Brussels."""
    local = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=local)
    return datetime.datetime.combine(value, datetime.time.min, tzinfo=local)


def _load_places(items, partners, actions, report):
    Place = apps.get_model(PLACE_MODEL)
    places = {}
    for item in items:
        partner, related = item.get("partner"), item.get("related_action")
        place, _created = sync(
            Place,
            _by_default_slug(item),
            {
                **translated("name", item["name"]),
                **translated("slug", item["slug"]),
                **translated("where", item.get("where", {})),
                **translated("description", item.get("description", {})),
                "slug": item["slug"][languages.codes()[0]],
                "kind": item["kind"],
                "street_address": item.get("street_address", ""),
                "postal_code": item.get("postal_code", ""),
                "locality": item.get("locality", ""),
                "latitude": item.get("latitude"),
                "longitude": item.get("longitude"),
                "partner": partners[partner] if partner else None,
                "related_action": actions.get(related) if related else None,
            },
            report,
            "places",
        )
        places[item["slug"][languages.codes()[0]]] = place
    return places


def _load_events(items, groups, partners, actions, places, report):
    Event = apps.get_model(EVENT_MODEL)
    for item in items:
        start, end = _moment(item["start"]), _moment(item["end"])
        if item.get("all_day"):
            end += datetime.timedelta(days=1)  # the day after the last day, as in iCalendar
        organiser = item.get("organiser")
        related = item.get("related_action")
        event, created = sync(
            Event,
            _by_default_slug(item),
            {
                **translated("title", item["title"]),
                **translated("slug", item["slug"]),
                **translated("summary", item["summary"]),
                **translated("description", item["description"]),
                "start": start,
                "end": end,
                "all_day": item.get("all_day", False),
                "recurrence": item.get("recurrence", ""),
                "is_example": item.get("is_example", False),
                "organiser": partners[organiser] if organiser else None,
                "related_action": actions.get(related) if related else None,
                "place": places[item["place"]] if item.get("place") else None,
                "publication": PUBLISHED,
            },
            report,
            "events",
            create_only=["publication"],
            bump_sequence=True,
        )
        if created:
            event.target_groups.set(groups[code] for code in item.get("target_groups", []))
