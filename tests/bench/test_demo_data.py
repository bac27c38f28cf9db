"""The benchmark's data generator: the sizes the issue names, the same data for the same seed,
a second run replacing the first."""

import pytest
from django.core.management import call_command

from actionplan.models import Action, ProgressUpdate
from events.models import Event, OccurrenceOverride
from indicators.models import IndicatorTarget, IndicatorValue
from partners.models import Activity, Partner

pytestmark = pytest.mark.django_db


def snapshot():
    demo_events = Event.objects.filter(slug_nl__startswith="demo-")
    return {
        "actions": Action.objects.filter(slug_nl__startswith="demo-").count(),
        "updates": ProgressUpdate.objects.filter(action__slug_nl__startswith="demo-").count(),
        "events": demo_events.count(),
        "repeating": demo_events.exclude(recurrence="").count(),
        "changed dates": OccurrenceOverride.objects.filter(event__in=demo_events).count(),
        "events with target groups": demo_events.filter(target_groups__isnull=False)
        .distinct()
        .count(),
        "partners": Partner.objects.filter(slug_nl__startswith="demo-").count(),
        "activities": Activity.objects.filter(title__startswith="demo-").count(),
        "titles": list(demo_events.order_by("start", "slug_nl").values_list("title_nl", "start")),
        "indicator values": list(
            IndicatorValue.objects.filter(internal_note__startswith="demo-")
            .order_by("indicator__code", "date")
            .values_list("indicator__code", "date", "value")
        ),
        "targets": IndicatorTarget.objects.count(),
    }


def test_scale_one_is_deterministic_and_a_second_run_replaces_the_first():
    call_command("generate_demo_data", scale=1, seed=7, verbosity=0)
    first = snapshot()
    call_command("generate_demo_data", scale=1, seed=7, verbosity=0)
    again = snapshot()

    assert again == first
    sizes = {k: v for k, v in first.items() if k != "titles"}
    assert sizes["actions"] == 8 and sizes["updates"] == 200 and sizes["events"] == 100
    assert sizes["partners"] == 5 and sizes["activities"] == 200
    assert sizes["repeating"] == 2 and sizes["changed dates"] == 2
    assert 0 < sizes["events with target groups"] < 100
    assert Action.objects.filter(identifier="2023-3").exists()  # on top of the real plan
    # The plan's five indicators get made-up targets 2021-2025 and values (demo data only).
    assert sizes["targets"] == 25 and len(sizes["indicator values"]) >= 5
    call_command("generate_demo_data", scale=1, seed=8, verbosity=0)
    assert snapshot()["titles"] != first["titles"]
