"""The review queue at scale: each list (partners' activities, proposed events) paginated on
its own, oldest first, a bad page number is a message, and the queries do not grow."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Publication
from partners.models import Activity, ActivityStatus
from tests.factories import EventFactory, PartnerFactory, UserFactory
from workspace.workspace import REVIEW_PAGE_SIZE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def make_activities(count, partner, user, start):
    for n in range(count):
        Activity.objects.create(
            partner=partner, title=f"Activiteit {start + n:03d}", date=datetime.date(2026, 3, 1),
            description="x", created_by=user, status=ActivityStatus.SUBMITTED,
            submitted_at=timezone.now() - datetime.timedelta(days=1000 - start - n),
        )  # fmt: skip


def make_events(count):
    events = [EventFactory(publication=Publication.SUBMITTED) for _ in range(count)]
    for n, event in enumerate(events):  # updated_at is set on save: order them by hand
        type(event).objects.filter(pk=event.pk).update(
            updated_at=timezone.now() - datetime.timedelta(days=1000 - n)
        )
    return events


def test_review_queue_pages_each_list_on_its_own(staff_client):
    partner, user = PartnerFactory(), UserFactory()
    make_activities(REVIEW_PAGE_SIZE + 2, partner, user, 0)
    events = make_events(REVIEW_PAGE_SIZE + 4)

    response = staff_client.get(f"{reverse('review_queue')}?activities=2")
    html = response.content.decode()

    assert [a.title for a in response.context["activities"]] == [
        f"Activiteit {n:03d}" for n in (REVIEW_PAGE_SIZE, REVIEW_PAGE_SIZE + 1)
    ]
    assert [e.pk for e in response.context["events"]] == [e.pk for e in events[:REVIEW_PAGE_SIZE]]
    assert f"{REVIEW_PAGE_SIZE + 2} activities wait for a review." in html
    assert f"{REVIEW_PAGE_SIZE + 4} events wait for a review." in html
    # the events' "next" link keeps the activities on their page 2
    assert 'href="?activities=2&amp;events=2"' in html
    assert '<nav aria-label="Pages of activities to review">' in html
    assert '<nav aria-label="Pages of events to review">' in html

    second = staff_client.get(f"{reverse('review_queue')}?activities=2&events=2")
    assert [e.pk for e in second.context["events"]] == [e.pk for e in events[REVIEW_PAGE_SIZE:]]


@pytest.mark.parametrize("query", ["?activities=x", "?events=-4", "?activities=99&events=1e309"])
def test_review_queue_bad_page_is_a_message(staff_client, query):
    make_activities(2, PartnerFactory(), UserFactory(), 0)
    make_events(1)
    response = staff_client.get(f"{reverse('review_queue')}{query}")
    assert response.status_code == 200
    assert "There is no page" in response.content.decode()


def test_review_queue_queries_do_not_grow(staff_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(f"{reverse('review_queue')}?events=2").status_code == 200
        return len(queries)

    partner, user = PartnerFactory(), UserFactory()
    make_activities(3, partner, user, 0)
    make_events(REVIEW_PAGE_SIZE + 1)
    small = count()
    make_activities(10 * REVIEW_PAGE_SIZE, partner, user, 3)
    make_events(4 * REVIEW_PAGE_SIZE)
    assert count() == small <= 10
