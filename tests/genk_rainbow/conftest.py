"""What the tests of the stored pages and their parts share."""

import datetime
import re

import pytest

from actionplan.models import Action
from partners.models import Activity, ActivityStatus, Membership, Partner, Role
from tests.factories import EventFactory, PlaceFactory, StaffUserFactory, UserFactory


@pytest.fixture
def site(rainbow_plan):
    """The real plan, an event and a place, and a partner with an internal activity on an
    action: its members and staff see it on the action's and the partner's pages."""
    place = PlaceFactory()
    EventFactory(title_nl="Regenboogpicknick", place=place)
    partner = Partner.objects.order_by("pk").first()
    action = Action.objects.public().order_by("pk").first()
    member = UserFactory()
    Membership.objects.create(user=member, partner=partner, role=Role.MEMBER)
    Activity.objects.create(
        partner=partner, title_nl="Interne vorming", date=datetime.date(2025, 3, 1),
        description_nl="x", created_by=member, status=ActivityStatus.ACCEPTED,
        is_public=False, related_action=action,
    )  # fmt: skip
    return {"member": member, "staff": StaffUserFactory(), "action": action, "partner": partner}


def same_parts(html):
    """The page without what differs on every request: CSRF tokens and nonces."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", html)
    return re.sub(r'nonce="[^"]+"', "nonce", html)
