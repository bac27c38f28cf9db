"""The home page's figures: actions done of the plan, and this year's accepted public partner
activities and the people they reached (the yearly report's rule, reports.figures)."""

import datetime

import lxml.html
from django.utils import timezone

from actionplan.models import Action, Status
from partners.models import Activity, ActivityStatus
from tests.factories import PartnerFactory


def figures(client):
    tree = lxml.html.fromstring(client.get("/nl/").content)
    return [
        " ".join(card.text_content().split())
        for card in tree.xpath("//ul[contains(@class, 'home-figures')]/li")
    ]


def activity(participants, **changes):
    fields = {
        "partner": PartnerFactory(), "title": "Ontmoeting", "description": "x",
        "date": timezone.localdate(), "participants_count": participants,
        "status": ActivityStatus.ACCEPTED, "is_public": True,
    }  # fmt: skip
    return Activity.objects.create(**{**fields, **changes})


def test_the_home_page_counts_what_was_done_and_whom_partners_reached(client, rainbow_plan):
    year = timezone.localdate().year
    total = Action.objects.public().count()
    assert figures(client) == [
        f"0 van {total} acties van het plan uitgevoerd",
        f"0 activiteiten van partners in {year}",
        f"0 mensen bereikt in {year}",
    ]
    action = Action.objects.public().first()
    action.record_progress(status=Status.DONE, progress=100, date=datetime.date(2025, 6, 1))
    activity(30)
    activity(12)
    activity(500, is_public=False)  # the partner keeps it internal: not in public figures
    activity(80, status=ActivityStatus.SUBMITTED)  # not accepted yet
    activity(40, date=datetime.date(year - 1, 12, 31))  # last year
    assert figures(client) == [
        f"1 van {total} acties van het plan uitgevoerd",
        f"2 activiteiten van partners in {year}",
        f"42 mensen bereikt in {year}",
    ]
