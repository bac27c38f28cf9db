"""Form errors reach everyone: the summary at the top links to each field, and each field with
an error says so to assistive technology (aria-invalid) and points at its message."""

import datetime
import re

import pytest
from django.urls import reverse

from partners.models import Activity, ActivityStatus, Membership, Role
from tests.factories import PartnerFactory, StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def ids(html):
    return set(re.findall(r'\sid="([^"]+)"', html))


def assert_errors_are_linked(html, fields):
    summary = html[html.index('id="form-errors"') :].split("</div>")[0]
    targets = re.findall(r'href="#([^"]*)"', summary)
    assert len(targets) == len(fields), summary
    assert set(targets) <= ids(html), f"summary links to missing ids: {targets}"
    for name in fields:
        controls = re.findall(rf'<(?:input|select|textarea)[^>]*name="{name}"[^>]*>', html)
        assert controls, name
        for control in controls:
            assert 'aria-invalid="true"' in control, control
        described = re.search(
            rf'(?:<fieldset|<(?:input|select|textarea)[^>]*name="{name}")[^>]*'
            r'aria-describedby="([^"]+)"',
            html,
        )
        assert described, f"{name}: no aria-describedby"
        error_ids = [i for i in described.group(1).split() if i.endswith("_error")]
        assert error_ids and set(error_ids) <= ids(html), (name, described.group(1))


@pytest.fixture
def member():
    user = UserFactory()
    Membership.objects.create(user=user, partner=PartnerFactory(), role=Role.ADMIN)
    return user


def test_activity_form_errors(client, member):
    client.force_login(member)
    partner = member.memberships.get().partner
    response = client.post(
        reverse("partners:activity_create"), {"partner": partner.pk, "place": "Genk"}
    )
    assert response.status_code == 200
    assert_errors_are_linked(response.content.decode(), ["title_nl", "date", "description_nl"])


def test_review_decision_errors_link_to_the_first_radio(client, member):
    activity = Activity.objects.create(
        partner=member.memberships.get().partner,
        title="Vorming",
        date=datetime.date(2026, 3, 1),
        description="Tekst",
        created_by=member,
        status=ActivityStatus.SUBMITTED,
    )
    client.force_login(StaffUserFactory())
    url = reverse("partners:activity_review", kwargs={"pk": activity.pk})
    html = client.post(url, {}).content.decode()
    assert 'href="#id_decision_0"' in html
    assert_errors_are_linked(html, ["decision"])


def test_invitation_form_errors(client, member):
    client.force_login(member)
    partner = member.memberships.get().partner
    url = reverse("partners:members", kwargs={"slug": partner.slug})
    html = client.post(url, {"email": "geen adres", "role": Role.MEMBER}).content.decode()
    assert_errors_are_linked(html, ["email"])
