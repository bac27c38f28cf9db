"""The agenda on a phone (390 px) and on a desktop (1280 px), in Chromium: on the phone the
filters wait behind one button that counts the active ones, so the first event is on the first
screen; on the desktop the filters are open beside the events. Each event has a date badge."""

import datetime

import pytest

from actionplan.loader import load_rainbow_plan
from actionplan.models import TargetGroup
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def agenda():
    load_rainbow_plan()
    group = TargetGroup.objects.first()
    start = datetime.datetime(2027, 5, 17, 18, 0, tzinfo=datetime.UTC)
    event = EventFactory(title_nl="Regenboogwandeling", start=start)
    event.target_groups.set([group])
    return group


def test_on_a_phone_the_filters_wait_behind_one_button_and_events_come_first(page, agenda):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/nl/agenda/?month=2027-05")
    button = page.locator("summary", has_text="Filters")
    assert button.inner_text().strip() == "Filters (1 actief)"
    assert not page.get_by_label("Doelgroep").is_visible()
    title = page.get_by_role("link", name="Regenboogwandeling")
    assert title.bounding_box()["y"] + title.bounding_box()["height"] < 844  # first screen
    badge = page.locator(".date-badge").first
    assert " ".join(badge.inner_text().split()) == "17 MEI"
    button.click()
    page.get_by_label("Doelgroep").select_option(label=agenda.name_nl)
    page.get_by_role("button", name="Evenementen tonen").click()
    page.wait_for_url("**target_group=*")
    assert page.locator("summary", has_text="Filters").inner_text().strip() == "Filters (2 actief)"


def test_on_a_desktop_the_filters_are_open_beside_the_events(page, agenda):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/nl/agenda/")
    assert page.get_by_label("Doelgroep").is_visible()
    assert not page.locator("summary", has_text="Filters").is_visible()


def test_on_a_phone_the_month_lists_the_days_with_events_as_touch_targets(page, agenda):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/nl/agenda/2027/5/")
    link = page.get_by_role("link", name="Regenboogwandeling")
    box = link.bounding_box()
    assert box["height"] >= 44 and box["width"] > 300  # the whole width, easy to touch
    assert page.get_by_text("maandag 17 mei").is_visible()
    assert not page.get_by_text("dinsdag 18 mei").is_visible()  # a day without events
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.locator("table.month-grid thead").is_visible()  # the grid on a desktop
