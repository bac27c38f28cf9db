"""Synthetic data on top of the real plan, for the benchmark (docs/performance.md) and demos.

Scale 1 is about the real city's size; scale 100 gives about 800 actions, 20,000 progress
updates, 10,000 events, 500 partners and 20,000 activities. The same --seed gives the same data
(dates are placed around 1 January of the current year, so the agenda always has upcoming
events). Running it again first removes the demo data of the previous run (slugs "demo-...").
"""

import datetime
import random

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from actionplan.models import Action, Objective, ProgressUpdate, Status, TargetGroup
from events.models import (
    TZ,
    Event,
    EventStatus,
    Facility,
    Frequency,
    OccurrenceOverride,
    Place,
    PlaceKind,
    Publication,
    StoredOccurrence,
)
from indicators.models import Indicator, IndicatorTarget, IndicatorValue, Kind
from partners.models import Activity, ActivityStatus, Partner, PartnerKind

PREFIX = "demo-"
# Per unit of scale.
ACTIONS, UPDATES_PER_ACTION, EVENTS, PARTNERS, ACTIVITIES, PLACES = 8, 25, 100, 5, 200, 5
# Demo places get made-up coordinates in a box of about 6 by 6 km: no real address or spot.
DEMO_LATITUDE, DEMO_LONGITUDE, DEMO_SPREAD = 50.965, 5.50, 0.03
BATCH = 2000
LOOKAHEAD = datetime.timedelta(days=800)  # long enough for two dates of a yearly series
WORDS = [
    "regenboog",
    "jongeren",
    "zorg",
    "school",
    "buurt",
    "cultuur",
    "sport",
    "welzijn",
    "vorming",
    "dialoog",
    "ontmoeting",
    "zichtbaarheid",
    "veiligheid",
    "netwerk",
    "inclusie",
    "Genk",
]


class Command(BaseCommand):
    help = "Generate deterministic synthetic demo data (see docs/performance.md)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, scale, seed, **options):
        call_command("load_rainbow_plan", verbosity=0, stdout=self.stdout)
        self.random = random.Random(seed)
        self.origin = datetime.date(timezone.localdate().year, 1, 1)
        with transaction.atomic():
            self.remove_previous()
            partners = self.partners(PARTNERS * scale)
            actions = self.actions(ACTIONS * scale, partners)
            updates = self.progress(actions)
            places = self.places(PLACES * scale)
            events = self.events(EVENTS * scale, partners, actions, places)
            activities = self.activities(ACTIVITIES * scale, partners, actions)
            values = self.indicators()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data (scale {scale}, seed {seed}): {len(partners)} partners, "
                f"{len(actions)} actions, {updates} progress updates, {events} events, "
                f"{activities} activities, {values} indicator values."
            )
        )

    def words(self, count):
        return " ".join(self.random.choice(WORDS) for _ in range(count))

    def day(self, years_back, years_ahead):
        return self.origin + datetime.timedelta(
            days=self.random.randint(-366 * years_back, 366 * years_ahead)
        )

    def remove_previous(self):
        Event.objects.filter(slug_nl__startswith=PREFIX).delete()
        Place.objects.filter(slug_nl__startswith=PREFIX).delete()
        Activity.objects.filter(title__startswith=PREFIX).delete()
        demo_actions = Action.objects.filter(slug_nl__startswith=PREFIX)
        ProgressUpdate.objects.filter(action__in=demo_actions).delete()
        demo_actions.delete()
        Partner.objects.filter(slug_nl__startswith=PREFIX).delete()
        demo_values = IndicatorValue.objects.filter(internal_note__startswith=PREFIX)
        IndicatorTarget.objects.filter(indicator__recorded_values__in=demo_values).delete()
        demo_values.delete()

    def partners(self, count):
        kinds = PartnerKind.values
        partners = [
            Partner(
                name=f"Demo {i} {self.words(2)}",
                name_nl=f"Demo {i} {self.words(2)}",
                slug=f"{PREFIX}partner-{i}",
                slug_nl=f"{PREFIX}partner-{i}",
                slug_en=f"{PREFIX}partner-{i}-en",
                kind=kinds[i % len(kinds)],
                summary=self.words(8),
                summary_nl=self.words(8),
                description_nl=self.words(40),
                in_rainbow_network=self.random.random() < 0.3,
            )
            for i in range(count)
        ]
        return Partner.objects.bulk_create(partners, batch_size=BATCH)

    def actions(self, count, partners):
        objectives = list(Objective.objects.filter(plan__state="current").order_by("number"))
        groups = list(TargetGroup.objects.all())
        actions = []
        for i in range(count):
            start = self.origin.year - self.random.randint(0, 4)
            title = f"Demo-actie {i}: {self.words(4)}"
            actions.append(
                Action(
                    objective=objectives[i % len(objectives)],
                    identifier=f"D{i}",
                    title=title,
                    title_nl=title,
                    title_en=f"Demo action {i}",
                    slug=f"{PREFIX}actie-{i}",
                    slug_nl=f"{PREFIX}actie-{i}",
                    slug_en=f"{PREFIX}action-{i}",
                    summary_nl=self.words(12),
                    description_nl=self.words(60),
                    start_year=start,
                    end_year=start + self.random.randint(0, 3),
                    recurring=self.random.random() < 0.1,
                    lead_partner=self.random.choice(partners) if partners else None,
                    is_public=self.random.random() < 0.95,
                )
            )
        actions = Action.objects.bulk_create(actions, batch_size=BATCH)
        through = Action.target_groups.through
        through.objects.bulk_create(
            [
                through(action_id=a.pk, targetgroup_id=g.pk)
                for a in actions
                for g in self.random.sample(groups, min(2, len(groups)))
            ],
            batch_size=BATCH,
        )
        return actions

    def progress(self, actions):
        """UPDATES_PER_ACTION updates per action, then each action's state is set from its
        latest update, as Action.record_progress keeps it."""
        statuses = [Status.IN_PROGRESS, Status.IN_PROGRESS, Status.DONE, Status.POSTPONED]
        updates = []
        for action in actions:
            day = self.origin - datetime.timedelta(days=366 * 4)
            progress = 0
            for _ in range(UPDATES_PER_ACTION):
                day += datetime.timedelta(days=self.random.randint(20, 70))
                progress = min(100, progress + self.random.randint(0, 8))
                status = Status.DONE if progress == 100 else self.random.choice(statuses[:2])
                text = self.words(15)
                updates.append(
                    ProgressUpdate(
                        action=action,
                        date=day,
                        status=status,
                        progress=progress,
                        text=text,
                        text_nl=text,
                    )
                )
            latest = updates[-1]
            action.status, action.progress, action.last_update_on = (
                latest.status,
                latest.progress,
                latest.date,
            )
        ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)
        Action.objects.bulk_update(
            actions, ["status", "progress", "last_update_on"], batch_size=BATCH
        )
        return len(updates)

    def places(self, count):
        def near(centre):
            return round(centre + self.random.uniform(-DEMO_SPREAD, DEMO_SPREAD), 6)

        places = [
            Place(
                name=f"Demo-zaal {i}",
                name_nl=f"Demo-zaal {i}",
                name_en=f"Demo hall {i}",
                slug=f"{PREFIX}zaal-{i}",
                slug_nl=f"{PREFIX}zaal-{i}",
                slug_en=f"{PREFIX}hall-{i}",
                kind=PlaceKind.VENUE,
                latitude=near(DEMO_LATITUDE),
                longitude=near(DEMO_LONGITUDE),
            )
            for i in range(count)
        ]
        return Place.objects.bulk_create(places, batch_size=BATCH)

    def events(self, count, partners, actions, places):
        """Mostly single events over seven years around today; one in fifty repeats, begun in
        the last three years, for two years or (one in a hundred) with no end."""
        recurrences = [Frequency.WEEKLY, Frequency.MONTHLY, Frequency.YEARLY]
        events = []
        for i in range(count):
            recurring = i % 50 == 0
            day = self.day(3, 0 if recurring else 3)
            start = datetime.datetime.combine(
                day, datetime.time(self.random.choice([10, 14, 19, 20])), tzinfo=TZ
            )
            until = None if i % 100 == 0 else day + datetime.timedelta(days=2 * 366)
            title = f"Demo-activiteit {i}: {self.words(3)}"
            events.append(
                Event(
                    title=title,
                    title_nl=title,
                    title_en=f"Demo event {i}",
                    slug=f"{PREFIX}activiteit-{i}",
                    slug_nl=f"{PREFIX}activiteit-{i}",
                    slug_en=f"{PREFIX}event-{i}",
                    summary=self.words(10),
                    summary_nl=self.words(10),
                    description_nl=self.words(50),
                    start=start,
                    end=start + datetime.timedelta(hours=self.random.choice([1, 2, 3])),
                    organiser=self.random.choice(partners) if partners else None,
                    place=self.random.choice(places) if places else None,
                    related_action=self.random.choice(actions)
                    if self.random.random() < 0.3
                    else None,
                    recurrence=self.random.choice(recurrences) if recurring else Frequency.NONE,
                    recurrence_until=until if recurring else None,
                    publication=Publication.PUBLISHED
                    if self.random.random() < 0.95
                    else Publication.SUBMITTED,
                    status=EventStatus.CANCELLED
                    if self.random.random() < 0.03
                    else EventStatus.SCHEDULED,
                )
            )
        events = Event.objects.bulk_create(events, batch_size=BATCH)
        groups = list(TargetGroup.objects.all())
        facilities = list(Facility.objects.all())
        self.link(Event.target_groups.through, "event_id", "targetgroup_id", events, groups, 2)
        self.link(Event.facilities.through, "event_id", "facility_id", events, facilities, 2)
        # One running series in five has a cancelled date and a moved one ahead.
        now, overrides = timezone.now(), []
        running = [
            (event, upcoming[:2])
            for event in events
            if event.recurrence
            and len(upcoming := list(event.occurrences_between(now, now + LOOKAHEAD))) > 1
        ]
        for event, (cancelled, moved) in running[::5]:
            overrides += [
                OccurrenceOverride(
                    event=event,
                    original_date=cancelled.original_date,
                    status=EventStatus.CANCELLED,
                ),
                OccurrenceOverride(
                    event=event,
                    original_date=moved.original_date,
                    status=EventStatus.RESCHEDULED,
                    new_start=moved.start + datetime.timedelta(hours=2),
                    new_end=moved.end + datetime.timedelta(hours=2),
                ),
            ]
        OccurrenceOverride.objects.bulk_create(overrides)
        # bulk_create sends no signals: store the dates of the new events here.
        StoredOccurrence.objects.refresh(Event.objects.filter(slug_nl__startswith=PREFIX))
        return len(events)

    def indicators(self):
        """Made-up targets (from the plan's second year to its last) and a value a year (up
        to last year) for the plan's indicators that have none: figures for demos only, never
        the city's. A milestone is reached in a past year. Values are marked "demo-" in
        their internal note, so the next run removes them and their indicators' targets."""
        count = 0
        today = timezone.localdate()
        for indicator in Indicator.objects.filter(plan__state="current").select_related("plan"):
            if indicator.recorded_values.exists() or indicator.targets.exists():
                continue
            plan = indicator.plan
            years = range(plan.start_year + 1, plan.end_year + 1)
            base = self.random.randint(20, 200)
            for number, year in enumerate(years):
                if indicator.kind == Kind.MILESTONE:
                    target = 1 if year == plan.end_year else 0
                else:
                    target = base + number * self.random.randint(5, 30)
                indicator.set_target(year=year, value=target)
            for number, year in enumerate(
                range(plan.start_year + 1, min(plan.end_year, today.year - 1) + 1)
            ):
                if indicator.kind == Kind.MILESTONE:
                    value = 1 if year >= plan.end_year - 1 else 0
                else:
                    value = max(0, base + number * self.random.randint(0, 35) - 10)
                indicator.record_value(
                    date=datetime.date(year, 5, 17), value=value,
                    source={"nl": "Demogegevens", "en": "Demo data"},
                    internal_note=f"{PREFIX}data",
                )  # fmt: skip
                count += 1
        return count

    def link(self, through, own, other, objects, choices, most):
        """Between 0 and `most` random `choices` for each object, in bulk."""
        if not choices:
            return
        through.objects.bulk_create(
            [
                through(**{own: obj.pk, other: choice.pk})
                for obj in objects
                for choice in self.random.sample(choices, self.random.randint(0, most))
            ],
            batch_size=BATCH,
        )

    def activities(self, count, partners, actions):
        if not partners:
            return 0
        activities = []
        for i in range(count):
            accepted = self.random.random() < 0.85
            activities.append(
                Activity(
                    partner=self.random.choice(partners),
                    title=f"{PREFIX}{i} {self.words(4)}",
                    date=self.day(4, 0),
                    description=self.words(40),
                    related_action=self.random.choice(actions)
                    if self.random.random() < 0.5
                    else None,
                    participants_count=self.random.randint(5, 200),
                    is_public=accepted,
                    status=ActivityStatus.ACCEPTED if accepted else ActivityStatus.SUBMITTED,
                )
            )
        activities = Activity.objects.bulk_create(activities, batch_size=BATCH)
        groups = list(TargetGroup.objects.all())
        self.link(
            Activity.target_groups.through, "activity_id", "targetgroup_id", activities, groups, 3
        )
        return len(activities)
