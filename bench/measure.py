"""In-process part of the benchmark: SQL queries and server time per page (page cache off).

Run by bin/bench as `python -m bench.measure OUT.json` with DATABASE_URL pointing at a database
made by `manage.py generate_demo_data`; writes {page: {url, queries, median_ms, p95_ms,
afresh_queries, afresh_median_ms}}: each page from its stored parts (genk_rainbow/
stored_parts.py: as long as the tables it reads are not written), and made wholly afresh (no
part or fragment kept: the first request after a change to everything it shows).
"""

import json
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ.setdefault("CONN_MAX_AGE", "600")  # one connection, as production keeps them

import django

django.setup()

from allauth.mfa.totp.internal.auth import TOTP  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from actionplan.models import Action, Objective, Plan, TargetGroup, YearFocus  # noqa: E402
from events.models import Event  # noqa: E402
from genk_rainbow.roles import CITY_STAFF_GROUP  # noqa: E402
from partners.models import Partner  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
FRAGMENT_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS


def public_urls():
    """Every public page, with the objects that carry the most data."""
    plan = Plan.objects.current()
    objective = Objective.objects.filter(plan=plan).order_by("number").first()
    # The same kind of object at both scales: with updates, upcoming events and activities,
    # so every query of the page runs (Django skips one when there is nothing to look up).
    upcoming = Event.objects.published().filter(start__gte=timezone.now())
    action = (
        Action.objects.filter(
            is_public=True,
            pk__in=upcoming.values("related_action"),
            activities__isnull=False,
        )
        .annotate(n=Count("updates", distinct=True))
        .order_by("-n", "pk")
        .first()
    )
    partner = (
        Partner.objects.filter(pk__in=upcoming.values("organiser"))
        .annotate(n=Count("activities"))
        .order_by("-n", "pk")
        .first()
    )
    focus = YearFocus.objects.order_by("-year").first()
    event = (
        Event.objects.published()
        .filter(recurrence="", start__gte=timezone.now())
        .order_by("start")
        .first()
    )
    month = timezone.localdate()
    group = TargetGroup.objects.order_by("order", "pk").first()
    return {
        "home": reverse("home"),
        "plan": reverse("actionplan:current_plan"),
        "objective": objective.get_absolute_url(),
        "action": action.get_absolute_url(),
        "year focus": reverse("actionplan:focus", kwargs={"year": focus.year}),
        "partners list": reverse("partners:list"),
        "partners of a kind": reverse("partners:list") + "?kind=advocacy&page=2",
        "partner": partner.get_absolute_url(),
        "agenda": reverse("events:agenda"),
        "agenda filtered": reverse("events:agenda") + f"?target_group={group.code}&free=on&page=2",
        "agenda of a day": reverse("events:agenda") + f"?day={event.local_date.isoformat()}",
        "month view": reverse("events:month", kwargs={"year": month.year, "month": month.month}),
        "archive": reverse("events:archive"),
        "event": event.get_absolute_url(),
        "feed .ics": reverse("events:calendar"),
        "feed rss": reverse("events:rss"),
        "yearly report": reverse(
            "reports:year", kwargs={"plan": plan.slug, "year": timezone.localdate().year - 1}
        ),
    }


def staff_urls():
    return {
        "staff: progress board": reverse("actionplan:progress_board"),
        "staff: review queue": reverse("review_queue"),
    }


def staff_client():
    user, _ = get_user_model().objects.get_or_create(
        username="bench-staff@example.org",
        defaults={"email": "bench-staff@example.org", "is_staff": True},
    )
    user.groups.add(Group.objects.get_or_create(name=CITY_STAFF_GROUP)[0])
    if not user.authenticator_set.exists():
        TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client = Client()
    client.force_login(user)
    return client


def measure(client, url):
    stored = _measure(client, url)
    settings.FRAGMENT_CACHE_SECONDS = 0
    try:
        afresh = _measure(client, url)
    finally:
        settings.FRAGMENT_CACHE_SECONDS = FRAGMENT_CACHE_SECONDS
    return {
        **stored,
        "afresh_queries": afresh["queries"],
        "afresh_median_ms": afresh["median_ms"],
        "afresh_p95_ms": afresh["p95_ms"],
    }


def _measure(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # The fewest of three requests: a part that follows the clock is made again once a minute.
    counts = []
    for _ in range(3):
        queries.clear()
        with connection.execute_wrapper(count):
            client.get(url)
        counts.append(len(queries))
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "url": url,
        "queries": min(counts),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
    }


def main(out):
    translation.activate("nl")
    results = {}
    anonymous = Client()
    for name, url in public_urls().items():
        results[name] = measure(anonymous, url)
    staff = staff_client()
    for name, url in staff_urls().items():
        results[name] = measure(staff, url)
    with open(out, "w") as f:
        json.dump(results, f, indent=1)
    for name, row in results.items():
        print(
            f"{name:24} {row['queries']:3} q  {row['median_ms']:7} ms  {row['p95_ms']:7} ms"
            f"  afresh {row['afresh_queries']:3} q  {row['afresh_median_ms']:7} ms"
        )


if __name__ == "__main__":
    main(sys.argv[1])
