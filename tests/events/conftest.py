"""Fixtures of the events tests."""

import datetime

import pytest
from django.utils import timezone

from events.models import Frequency
from tests.factories import EventFactory, PartnerFactory, PlaceFactory


@pytest.fixture
def agenda(genk_identity):
    """A single event and a weekly series of OGWA's at the city hall (in Dutch and English)."""
    partner = PartnerFactory(name_nl="OGWA", name_en="OGWA")
    place = PlaceFactory(name_nl="Stadhuis", name_en="City hall")
    single = EventFactory(title_nl="Regenboogpicknick", organiser=partner, place=place)
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=2)
    series = EventFactory(
        title_nl="Regenboogcafé", organiser=partner, place=place, start=start,
        end=start + datetime.timedelta(hours=2), recurrence=Frequency.WEEKLY,
    )  # fmt: skip
    return {"partner": partner, "place": place, "single": single, "series": series}
