"""In the browser: a partner admin resends and revokes an invitation (the old link stops
working), and a staff member sets a repeating event's dates without the event with date
pickers and cancels one date with a reason."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from events.models import Event, EventStatus, Frequency
from partners.models import Invitation, Membership, Role
from tests.browser.steps import sign_in
from tests.factories import (
    PASSWORD_FOR_TESTS,
    EventFactory,
    PartnerFactory,
    PlaceFactory,
    StaffUserFactory,
    UserFactory,
    totp_code,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_admin_resends_and_revokes_an_invitation(page):
    partner = PartnerFactory(name_en="OGWA", name_nl="OGWA", slug_en="ogwa", slug_nl="ogwa")
    admin = UserFactory(email="admin@ogwa.example", username="admin@ogwa.example")
    Membership.objects.create(user=admin, partner=partner, role=Role.ADMIN)
    _invitation, old_token = Invitation.create(
        email="new@ogwa.example", partner=partner, role=Role.MEMBER, invited_by=admin
    )
    sign_in(page, admin.email, PASSWORD_FOR_TESTS)
    page.get_by_role("link", name="Members and invitations").click()
    page.get_by_role("button", name="Send again to new@ogwa.example").click()
    page.get_by_text("A new invitation was sent to new@ogwa.example.").wait_for()
    assert mail.outbox[-1].to == ["new@ogwa.example"]
    new_link = re.search(r"https?://\S+/invitation/\S+", mail.outbox[-1].body).group(0)
    assert old_token not in new_link

    page.get_by_role("button", name="Revoke the invitation to new@ogwa.example").click()
    page.get_by_text("The invitation to new@ogwa.example was revoked.").wait_for()
    assert page.get_by_text("No open invitations.").is_visible()
    page.get_by_role("button", name="Sign out").click()
    page.goto(new_link)
    assert page.get_by_text("This invitation link is not valid").is_visible()


def test_staff_set_dates_without_the_event_and_cancel_one_date(page):
    staff = StaffUserFactory(email="staff@genk.example", username="staff@genk.example")
    start = datetime.datetime(2027, 5, 17, 18, tzinfo=ZoneInfo("Europe/Brussels"))
    event = EventFactory(
        title_en="IDAHOT walk",
        place=PlaceFactory(),
        start=start,
        end=start + datetime.timedelta(hours=2),
        recurrence=Frequency.YEARLY,
        recurrence_until=datetime.date(2035, 5, 17),
    )
    sign_in(page, staff.email, PASSWORD_FOR_TESTS, totp_code())
    page.goto(f"/en/workspace/events/{event.pk}/edit/")
    dates = page.locator('input[type="date"][name="exception_dates"]')
    dates.nth(0).fill("2029-06-20")  # not a date of the series
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Not a date of this repetition: 20 June 2029.").first.wait_for()
    page.locator('input[type="date"][name="exception_dates"]').nth(0).fill("2029-05-17")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Your changes were saved.").wait_for()
    event.refresh_from_db()
    assert event.exception_dates == ["2029-05-17"]

    page.get_by_role("link", name="Cancel or move one date").click()
    page.get_by_label("Date as scheduled").fill("2030-05-17")
    page.get_by_label("Cancel this date").check()
    page.get_by_label("Reason, shown with the date (Dutch)*").fill("Storm verwacht.")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The change to this date is saved.").wait_for()
    assert Event.objects.get(pk=event.pk).occurrence_on(datetime.date(2030, 5, 17)).status == (
        EventStatus.CANCELLED
    )
