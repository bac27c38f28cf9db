"""The staff start page as a dashboard: what waits for city staff, each card with its figures
and links; partners see none of it."""

import datetime

import lxml.html
from django.core.files.uploadedfile import SimpleUploadedFile

from actionplan.models import Action
from partners.models import Activity, ActivityStatus, Invitation, Membership
from tests.factories import EventFactory, PartnerFactory, UserFactory

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def cards(client):
    """{card heading: [its list items]} of the dashboard."""
    tree = lxml.html.fromstring(client.get("/nl/werkruimte/").content)
    found = {}
    for card in tree.xpath("//div[contains(@class, 'dashboard')]/section"):
        heading = " ".join(card.xpath(".//h3")[0].text_content().split())
        found[heading] = [" ".join(li.text_content().split()) for li in card.xpath(".//ul/li")]
    return found


def test_staff_see_what_waits_for_them(staff_client, rainbow_plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    EventFactory(title_nl="Zonder beeld")
    EventFactory(
        title_nl="Met beeld", image=SimpleUploadedFile("a.png", PNG), image_alt_nl="Een vlag"
    )
    partner = PartnerFactory(name_nl="OGWA")
    Activity.objects.create(
        partner=partner, title_nl="Wandeling", title="Wandeling", description="x",
        date=datetime.date(2026, 5, 17), status=ActivityStatus.SUBMITTED,
    )  # fmt: skip
    Invitation.create(email="sam@ogwa.example", partner=partner, role="member", invited_by=None)
    found = cards(staff_client)
    assert "Regenboogactieplan 2020-2025" in found, found.keys()
    # Nothing in the loaded plan has an update in the last 90 days: every open action waits.
    waiting = Action.objects.needing_attention(datetime.date.today()).count()
    assert waiting > 0 and f"{waiting} acties vragen aandacht" in found, found.keys()
    assert len(found[f"{waiting} acties vragen aandacht"]) == 5  # the first five, linked
    assert [item.split(" ")[0:2] for item in found[
        "Evenementen van de komende 90 dagen zonder afbeelding of beschrijving ervan"
    ]] == [["Zonder", "beeld"]]  # fmt: skip
    assert found["Recente activiteiten van partners"] == ["Wandeling OGWA · Ingediend"]
    assert found["Openstaande uitnodigingen"][0] == "sam@ogwa.example · OGWA"


def test_a_partner_member_sees_no_staff_dashboard(client, db):
    member = UserFactory()
    Membership.objects.create(user=member, partner=PartnerFactory())
    client.force_login(member)
    assert cards(client) == {}
