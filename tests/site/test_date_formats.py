"""Dates read as each language writes them: `1 December 2026` on English pages (not the US
`Dec. 1, 2026` or `12/01/2026`), `1 december 2026` on Dutch ones."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.formats import date_format, number_format

from tests.factories import EventFactory


@pytest.mark.parametrize(
    ("language", "long", "short", "number"),
    [
        ("nl", "1 december 2026", "1-12-2026", "1.234,5"),
        ("en", "1 December 2026", "01/12/2026", "1,234.5"),
    ],
)
def test_dates_and_numbers_per_language(language, long, short, number):
    day = datetime.date(2026, 12, 1)
    with translation.override(language):
        assert date_format(day, "DATE_FORMAT") == long
        assert date_format(day, "SHORT_DATE_FORMAT") == short
        assert number_format(1234.5, 1, force_grouping=True) == number


@pytest.mark.django_db
def test_an_english_event_page_writes_the_day_first(client):
    start = datetime.datetime(2027, 5, 17, 18, tzinfo=ZoneInfo("Europe/Brussels"))
    event = EventFactory(start=start, end=start + datetime.timedelta(hours=2))
    with translation.override("en"):
        page = client.get(event.get_absolute_url()).content.decode()
    assert "17 May 2027" in page and "May 17, 2027" not in page
