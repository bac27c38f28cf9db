"""The probe's list of bad inputs: dates at the edges of the calendar, NUL bytes, huge numbers.
Each answers with a clear message (a form error or a 400 page), never a 500, and quickly: a
repeating event must not loop when a date passes the year 9999."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import TZ, Frequency
from tests.factories import EventFactory, PlaceFactory, UserFactory

EDGE_DATES = ["9999-06-01", "9999-12-29", "9999-12-31", "0001-01-01", "0000-01-01", "2026-02-29",
              "2026-13-01", "2026-00-10", "10000-01-01", "-1-01-01"]  # fmt: skip
EDGE_MONTHS = ["9999-11", "9999-12", "0001-01", "2026-13", "2026-00", "10000-01"]


@pytest.fixture
def yearly_event(db):
    start = datetime.datetime(2021, 5, 17, 10, 0, tzinfo=TZ)
    return EventFactory(
        start=start, end=start + datetime.timedelta(hours=2), recurrence=Frequency.YEARLY
    )


def get_quickly(client, url):
    began = time.monotonic()
    response = client.get(url)
    assert time.monotonic() - began < 2, f"{url} took over 2 s"
    return response


@pytest.mark.parametrize("value", EDGE_DATES)
def test_agenda_day_at_the_calendar_edges(client, yearly_event, value):
    response = get_quickly(client, f"{reverse('events:agenda')}?day={value}")
    assert response.status_code == 200
    if value.startswith(("9999", "0001")):
        assert "2000" in response.content.decode() and "2100" in response.content.decode()


@pytest.mark.parametrize("value", EDGE_MONTHS)
def test_agenda_month_at_the_calendar_edges(client, yearly_event, value):
    assert get_quickly(client, f"{reverse('events:agenda')}?month={value}").status_code == 200


@pytest.mark.parametrize("value", EDGE_DATES)
def test_event_page_with_an_edge_date(client, yearly_event, value):
    url = f"{yearly_event.get_absolute_url()}?date={value}"
    assert get_quickly(client, url).status_code == 200


def test_repeating_dates_stop_at_the_last_year_python_knows(yearly_event):
    """The repetition code itself, asked for the very end of the calendar, ends."""
    end = datetime.datetime.max.replace(tzinfo=datetime.UTC) - datetime.timedelta(days=2)
    start = end - datetime.timedelta(days=400)
    began = time.monotonic()
    dates = [o.local_start.date() for o in yearly_event.occurrences_between(start, end)]
    assert time.monotonic() - began < 2
    assert dates == [datetime.date(9999, 5, 17)]


def test_a_nul_byte_anywhere_gets_a_400_page_in_the_visitors_language(client, db):
    response = client.get(f"{reverse('events:agenda')}?q=a%00b")
    assert response.status_code == 400
    assert "ongeldige" in response.content.decode().lower()
    response = client.get("/en/agenda/?q=%00", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "invalid" in response.content.decode().lower()


def test_a_nul_byte_in_a_posted_form_gets_a_400(client, db):
    response = client.post(
        reverse("account_login"), {"login": "a\x00@example.org", "password": "x"}
    )
    assert response.status_code == 400


ADMIN_FILTERS = [
    ("events:event", "start__gte=0001-01-01"), ("events:event", "start__year=1"),
    ("events:event", "start__year=9999&start__month=12&start__day=31"),
    ("events:event", "start__year=99999"), ("events:event", "q=%00"),
    ("partners:activity", "date__year=0"), ("partners:activity", "date__gte=9999-12-31"),
    ("partners:activity", "partner__id__exact=%00"), ("partners:partner", "kind=%00"),
    ("actionplan:reminder", "sent_at__gte=0001-01-01+00:00:00%2B00:00"),
    ("actionplan:reminder", "sent_at__lt=9999-12-31+23:59:59"),
]  # fmt: skip


@pytest.mark.parametrize(("model", "query"), ADMIN_FILTERS)
def test_admin_lists_answer_edge_filters_without_a_server_error(client, superuser, model, query):
    client.force_login(superuser)
    app, name = model.split(":")
    response = get_quickly(client, f"{reverse(f'admin:{app}_{name}_changelist')}?{query}")
    assert response.status_code in (200, 302, 400), response.status_code


def test_the_event_form_refuses_a_date_past_2100(client, db):
    from events.forms import EventForm

    form = EventForm(
        data={"title_nl": "Feest", "summary_nl": "Kort.", "start": "9999-12-31T10:00",
              "end": "9999-12-31T12:00", "all_day": "on", "attendance": "in_person",
              "status": "scheduled"},
        user=UserFactory(is_staff=True),
    )  # fmt: skip
    assert not form.is_valid()
    assert "2100" in str(form.errors["start"]) and "2100" in str(form.errors["end"])


def test_a_published_event_page_survives_an_event_at_the_end_of_the_calendar(client, db):
    """Data from before the bounds (or written around the forms) still shows."""
    start = datetime.datetime(9999, 12, 31, 10, tzinfo=TZ)
    event = EventFactory(start=start, end=start + datetime.timedelta(hours=2))
    assert get_quickly(client, event.get_absolute_url()).status_code == 200


def test_an_event_starting_now_is_within_bounds(db):
    EventFactory(start=timezone.now(), end=timezone.now(), place=PlaceFactory()).full_clean()
