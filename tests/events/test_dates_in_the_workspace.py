"""A repeating event's dates are set in the workspace without JSON: dates without the event
are date pickers in the event form (and in the admin), one date is cancelled or moved with a
reason; each mistake gets a clear message and keeps what was typed."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from events.models import Event, EventStatus, Frequency, OccurrenceOverride
from partners.models import Membership, Role
from tests.factories import EventFactory, PartnerFactory, PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def idahot():
    """A partner's yearly IDAHOT walk on 17 May, and a member of the partner."""
    partner, member = PartnerFactory(), UserFactory()
    Membership.objects.create(user=member, partner=partner, role=Role.MEMBER)
    start = datetime.datetime(2027, 5, 17, 18, tzinfo=BRUSSELS)
    event = EventFactory(
        organiser=partner,
        place=PlaceFactory(),
        proposed_by=member,
        start=start,
        end=start + datetime.timedelta(hours=2),
        recurrence=Frequency.YEARLY,
        recurrence_until=datetime.date(2035, 5, 17),
    )
    return event, member


def form_data(client, event):
    form = client.get(reverse("events:edit", kwargs={"pk": event.pk})).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, False, [], ""):
            continue
        if isinstance(value, datetime.datetime):
            value = value.strftime("%Y-%m-%dT%H:%M")
        elif isinstance(value, list):
            value = [getattr(v, "pk", v) for v in value]
        elif value is True:
            value = "on"
        data[name] = getattr(value, "pk", value)
    data.pop("image", None)
    data.pop("organiser", None)
    return data


def test_dates_without_the_event_are_date_pickers_not_json(client, staff_user, idahot):
    event, _member = idahot
    client.force_login(staff_user)
    page = client.get(reverse("events:edit", kwargs={"pk": event.pk})).content.decode()
    assert 'type="date" class="form-control" name="exception_dates"' in page
    data = {**form_data(client, event), "exception_dates": ["2029-05-17", "", "2031-05-17"]}
    response = client.post(reverse("events:edit", kwargs={"pk": event.pk}), data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.exception_dates == ["2029-05-17", "2031-05-17"]
    dates = [o.original_date.year for o in event.occurrences_between(
        datetime.datetime(2027, 1, 1, tzinfo=BRUSSELS), datetime.datetime(2032, 1, 1, tzinfo=BRUSSELS)
    )]  # fmt: skip
    assert dates == [2027, 2028, 2030]

    data["exception_dates"] = ["2031-05-17"]  # the box of 2029 cleared
    client.post(reverse("events:edit", kwargs={"pk": event.pk}), data)
    event.refresh_from_db()
    assert event.exception_dates == ["2031-05-17"]


@pytest.mark.parametrize(
    ("language", "value", "message"),
    [
        ("nl", "2029-06-20", "Geen datum van deze herhaling: 20 juni 2029."),
        ("en", "2029-06-20", "Not a date of this repetition: 20 June 2029."),
        ("nl", "20-06-2029x", "is geen datum"),
        ("en", "2300-05-17", "Choose a date between 2000 and 2100."),
    ],
)
def test_a_wrong_date_gets_a_clear_message_in_each_language(
    client, staff_user, idahot, language, value, message
):
    event, _member = idahot
    client.force_login(staff_user)
    data = {**form_data(client, event), "exception_dates": [value]}
    with translation.override(language):
        response = client.post(reverse("events:edit", kwargs={"pk": event.pk}), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert value in response.content.decode()  # what was typed stays
    event.refresh_from_db()
    assert event.exception_dates == []


def test_a_partner_cancels_one_date_with_a_reason(client, idahot):
    event, member = idahot
    client.force_login(member)
    url = reverse("events:dates", kwargs={"pk": event.pk})
    response = client.post(url, {"original_date": "2028-05-17", "change": "cancel"})
    assert response.status_code == 400
    assert "Geef de reden" in response.content.decode()
    data = {"original_date": "2028-05-17", "change": "cancel", "note_nl": "Storm verwacht."}
    assert client.post(url, data).status_code == 302
    override = OccurrenceOverride.objects.get()
    assert (override.status, override.note_nl) == (EventStatus.CANCELLED, "Storm verwacht.")
    assert event.occurrence_on(datetime.date(2028, 5, 17)).is_cancelled
    assert "Storm verwacht." in client.get(url).content.decode()

    remove = reverse("events:date_remove", kwargs={"pk": event.pk, "override_pk": override.pk})
    assert client.post(remove).status_code == 302
    assert not OccurrenceOverride.objects.exists()


def test_moving_a_date_needs_the_new_time_and_a_date_of_the_series(client, idahot):
    event, member = idahot
    client.force_login(member)
    url = reverse("events:dates", kwargs={"pk": event.pk})
    moved = {"original_date": "2029-05-17", "change": "move", "note_nl": "Zaal bezet."}
    assert "Geef de nieuwe datum" in client.post(url, moved).content.decode()
    with translation.override("en"):
        wrong_day = client.post(
            reverse("events:dates", kwargs={"pk": event.pk}),
            {**moved, "original_date": "2029-05-18", "new_start": "2029-05-19T18:00"},
        )
    assert "The event is not scheduled on this date." in wrong_day.content.decode()
    backwards = {**moved, "new_start": "2029-05-19T18:00", "new_end": "2029-05-19T17:00"}
    assert "Het einde kan niet voor het begin" in client.post(url, backwards).content.decode()

    assert client.post(url, {**moved, "new_start": "2029-05-19T18:00"}).status_code == 302
    occurrence = event.occurrence_on(datetime.date(2029, 5, 17))
    assert occurrence.start == datetime.datetime(2029, 5, 19, 18, tzinfo=BRUSSELS)
    assert occurrence.end - occurrence.start == datetime.timedelta(hours=2)
    # a second change of the same date replaces the first
    client.post(url, {"original_date": "2029-05-17", "change": "cancel", "note_nl": "Toch niet."})
    assert OccurrenceOverride.objects.get().status == EventStatus.CANCELLED


def test_only_repeating_events_have_dates_to_change(client, idahot):
    event, member = idahot
    single = EventFactory(organiser=event.organiser)
    client.force_login(member)
    assert client.get(reverse("events:dates", kwargs={"pk": single.pk})).status_code == 404
    assert Event.objects.filter(exception_dates=[]).count() == 2


def test_the_admin_sets_exception_dates_with_date_pickers(client, superuser, idahot):
    event, _member = idahot
    client.force_login(superuser)
    page = client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    assert 'type="date" class="form-control" name="exception_dates"' in page
    assert "Voer een geldige JSON in" not in page
    assert 'type="checkbox" name="languages"' in page


def test_a_stored_date_that_is_no_date_gets_a_message_not_a_crash(idahot):
    event, _member = idahot
    event.exception_dates = ["17 mei 2029"]
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "17 mei 2029" in str(error.value.message_dict["exception_dates"])


def test_a_changed_date_gives_the_event_a_new_sequence_for_calendars(client, idahot):
    """Calendar clients apply a changed date (RECURRENCE-ID) only with a higher SEQUENCE; the
    calendar's Last-Modified moves with it."""
    event, member = idahot
    event.refresh_from_db()
    before = (event.sequence, event.updated_at)
    client.force_login(member)
    url = reverse("events:dates", kwargs={"pk": event.pk})
    data = {"original_date": "2028-05-17", "change": "cancel", "note_nl": "Storm verwacht."}
    assert client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert event.sequence == before[0] + 1 and event.updated_at > before[1]
    override = OccurrenceOverride.objects.get()
    remove = reverse("events:date_remove", kwargs={"pk": event.pk, "override_pk": override.pk})
    client.post(remove)
    assert Event.objects.get(pk=event.pk).sequence == before[0] + 2
