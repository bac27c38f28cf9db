"""Event cards are kept per version of all they show ({% cache %} in
includes/occurrence_list.html, the `fragments` store): a page made afresh after a change
reuses the other cards, and every change to what a card shows is on the next page at once."""

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone, translation

from events.models import EventStatus, OccurrenceOverride

pytestmark = pytest.mark.django_db


def agenda_page(client):
    return client.get(reverse("events:agenda")).content.decode()


def test_cards_are_kept_and_the_page_is_the_same(client, fragments, agenda, settings):
    first = agenda_page(client)
    assert caches["fragments"]._cache, "the cards were kept"
    assert agenda_page(client) == first
    settings.FRAGMENT_CACHE_SECONDS = 0
    assert agenda_page(client) == first


@pytest.mark.parametrize("what", ["title", "place", "organiser", "one date", "language"])
def test_a_change_to_what_a_card_shows_is_on_the_next_page(client, fragments, agenda, what):
    agenda_page(client)
    if what == "title":
        agenda["single"].title_nl = "Regenboogpicknick in het park"
        agenda["single"].save()
        expected = "Regenboogpicknick in het park"
    elif what == "place":
        agenda["place"].name_nl = "Stadspark"
        agenda["place"].save()
        expected = "Stadspark"
    elif what == "organiser":
        agenda["partner"].name_nl = "OGWA vzw"
        agenda["partner"].save()
        expected = "OGWA vzw"
    elif what == "one date":
        series = agenda["series"]
        day = timezone.localtime(series.start).date()
        OccurrenceOverride.objects.create(
            event=series, original_date=day, status=EventStatus.CANCELLED, note_nl="Storm."
        )
        expected = "is-cancelled"
    else:  # the same place name in both languages: the card's words and date differ
        agenda["place"].name_en = agenda["place"].name_nl
        agenda["place"].save()
        dutch = agenda_page(client)
        with translation.override("en"):
            english = client.get(reverse("events:agenda")).content.decode()
        weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        assert any("<time" in english and day in english for day in weekdays)
        assert not any(day in dutch for day in weekdays)
        return
    assert expected in agenda_page(client)


def month_page(client, day):
    url = reverse("events:month", kwargs={"year": day.year, "month": day.month})
    return client.get(url).content.decode()


@pytest.mark.parametrize("what", ["title", "one date", "language"])
def test_a_change_to_what_the_month_grid_shows_is_on_the_next_page(client, fragments, agenda, what):
    """The month view's grid is kept whole, per version of its days' events and dates."""
    series = agenda["series"]
    day = timezone.localtime(series.start).date()
    first = month_page(client, day)
    assert "Regenboogcafé" in first and first == month_page(client, day)
    if what == "title":
        series.title_nl = "Regenboogcafé met quiz"
        series.save()
        assert "Regenboogcafé met quiz" in month_page(client, day)
    elif what == "one date":
        OccurrenceOverride.objects.create(
            event=series, original_date=day, status=EventStatus.CANCELLED, note_nl="Storm."
        )
        assert "event-status-cancelled" in month_page(client, day)
    else:
        with translation.override("en"):
            english = month_page(client, day)
        grid = english[english.index("<table") : english.index("</table>")]
        assert 'class="day-name">Sunday' in grid and 'class="day-name">zondag' not in grid
