import datetime
import io

import lxml.html
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from partners.models import Activity, ActivityStatus, Membership, Role
from tests.factories import (
    ActionFactory,
    PartnerFactory,
    StaffUserFactory,
    TargetGroupFactory,
    UserFactory,
)

# Genk's names and languages (Dutch and English), as its content file gives them.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("genk_identity")]


@pytest.fixture
def partner():
    return PartnerFactory(name_en="OGWA", slug_en="ogwa", slug_nl="ogwa")


@pytest.fixture
def member(partner):
    user = UserFactory()
    Membership.objects.create(user=user, partner=partner, role=Role.MEMBER)
    return user


def activity_data(partner, **changes):
    return {
        "partner": partner.pk,
        "title_nl": "IDAHOT-wandeling",
        "date": "2026-05-17",
        "description_nl": "Een wandeling door het centrum.",
        "participants_count": "35",
        "place": "Stadsplein",
        "is_public": "on",
        **changes,
    }


def jpeg_with_gps():
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (50.0, 58.0, 0.0), 3: "E", 4: (5.0, 30.0, 0.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "purple").save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("walk.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_the_whole_workflow_from_draft_to_public_pages(client, partner, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    action = ActionFactory(objective__plan__state="current")
    group = TargetGroupFactory()
    client.force_login(member)

    response = client.post(
        reverse("partners:activity_create"),
        activity_data(
            partner,
            related_action=action.pk,
            target_groups=[group.pk],
            photo=jpeg_with_gps(),
            photo_alt="Mensen met regenboogvlaggen op het stadsplein",
        ),
    )
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert (activity.status, activity.created_by) == (ActivityStatus.DRAFT, member)
    assert not Image.open(activity.photo.path).getexif()
    assert list(activity.target_groups.all()) == [group]

    client.post(reverse("partners:activity_submit", kwargs={"pk": activity.pk}))
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.SUBMITTED
    assert (
        client.get(reverse("partners:activity_edit", kwargs={"pk": activity.pk})).status_code == 404
    )

    client.force_login(StaffUserFactory())
    assert activity.title in client.get(reverse("review_queue")).content.decode()
    client.post(
        reverse("partners:activity_review", kwargs={"pk": activity.pk}), {"decision": "accept"}
    )
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.ACCEPTED

    client.logout()
    with translation.override("nl"):
        for url in [partner.get_absolute_url(), action.get_absolute_url()]:
            html = client.get(url).content.decode()
            assert "IDAHOT-wandeling" in html, url
            assert 'alt="Mensen met regenboogvlaggen op het stadsplein"' in html


def test_returned_activity_is_edited_and_resubmitted(client, partner, member):
    activity = Activity.objects.create(
        partner=partner, title="Vorming", date=datetime.date(2026, 3, 1), description="x",
        created_by=member, status=ActivityStatus.SUBMITTED,
    )  # fmt: skip
    staff = StaffUserFactory()
    client.force_login(staff)

    no_comment = client.post(
        reverse("partners:activity_review", kwargs={"pk": activity.pk}), {"decision": "return"}
    )
    assert no_comment.status_code == 400
    assert "Zeg wat de partner moet aanpassen." in no_comment.content.decode()
    client.post(
        reverse("partners:activity_review", kwargs={"pk": activity.pk}),
        {"decision": "return", "comment": "Voeg het aantal deelnemers toe."},
    )
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.RETURNED

    client.force_login(member)
    page = client.get(reverse("partners:activity_edit", kwargs={"pk": activity.pk}))
    assert "Voeg het aantal deelnemers toe." in page.content.decode()
    client.post(
        reverse("partners:activity_edit", kwargs={"pk": activity.pk}),
        activity_data(partner, title_nl="Vorming jeugdwerkers", participants_count="12"),
    )
    client.post(reverse("partners:activity_submit", kwargs={"pk": activity.pk}))
    activity.refresh_from_db()
    assert (activity.status, activity.participants_count) == (ActivityStatus.SUBMITTED, 12)


def test_a_member_cannot_accept_their_own_activity(partner, member):
    activity = Activity.objects.create(
        partner=partner, title="x", date=datetime.date(2026, 1, 1), description="x",
        created_by=member, status=ActivityStatus.SUBMITTED,
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        activity.accept(member)

    staff_member = StaffUserFactory()  # city staff who is also a member of this partner
    Membership.objects.create(user=staff_member, partner=partner)
    with pytest.raises(PermissionDenied):
        activity.accept(staff_member)


def test_only_submitted_activities_can_be_reviewed(partner, member):
    draft = Activity.objects.create(
        partner=partner,
        title="x",
        date=datetime.date(2026, 1, 1),
        description="x",
        created_by=member,
    )
    with pytest.raises(ValidationError):
        draft.accept(StaffUserFactory())


def test_bad_input_keeps_what_was_typed(client, partner, member):
    client.force_login(member)
    response = client.post(
        reverse("partners:activity_create"),
        activity_data(
            partner,
            date="2999-01-01",
            participants_count="-3",
            photo=SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg"),
            photo_alt="",
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not Activity.objects.exists()
    assert "IDAHOT-wandeling" in html and "Stadsplein" in html
    assert 'id="form-errors"' in html
    form = response.context["form"]
    assert {"date", "participants_count", "photo"} <= form.errors.keys()


def test_photo_needs_a_description(client, partner, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(member)
    response = client.post(
        reverse("partners:activity_create"), activity_data(partner, photo=jpeg_with_gps())
    )
    assert "photo_alt" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_visibility_internal_activities_stay_inside(client, partner, member):
    common = {
        "partner": partner,
        "description": "x",
        "created_by": member,
        "status": ActivityStatus.ACCEPTED,
    }
    Activity.objects.create(
        title="Openbare vorming", date=datetime.date(2026, 1, 1), is_public=True, **common
    )
    Activity.objects.create(title="Interne vergadering", date=datetime.date(2026, 2, 1), **common)
    Activity.objects.create(
        title="Nog een ontwerp",
        date=datetime.date(2026, 3, 1),
        **{**common, "status": ActivityStatus.DRAFT},
    )
    url = reverse("partners:detail", kwargs={"slug": partner.slug})
    outsider = UserFactory()
    Membership.objects.create(user=outsider, partner=PartnerFactory())

    for user, visible in [
        (None, ["Openbare vorming"]),
        (outsider, ["Openbare vorming"]),
        (member, ["Interne vergadering", "Openbare vorming"]),
        (StaffUserFactory(), ["Interne vergadering", "Openbare vorming"]),
    ]:
        client.logout()
        if user:
            client.force_login(user)
        html = client.get(url).content.decode()
        shown = [
            t for t in ["Interne vergadering", "Openbare vorming", "Nog een ontwerp"] if t in html
        ]
        assert shown == visible, user
        if len(shown) == 2:  # newest first
            assert html.index("Interne vergadering") < html.index("Openbare vorming")


def test_partner_pages_show_nothing_personal(client, partner, member):
    member.first_name, member.last_name = "Robin", "Peeters"
    member.save()
    Activity.objects.create(
        partner=partner, title="Openbaar", date=datetime.date(2026, 1, 1), description="x",
        created_by=member, status=ActivityStatus.ACCEPTED, is_public=True,
    )  # fmt: skip
    html = client.get(reverse("partners:detail", kwargs={"slug": partner.slug})).content.decode()
    assert member.email not in html
    assert "Robin" not in html and "Peeters" not in html


def test_a_partner_writes_the_activity_in_each_language(client, partner, member):
    client.force_login(member)
    page = client.get(reverse("partners:activity_create")).content.decode()
    assert 'name="title_en"' in page and 'name="description_en"' in page
    data = activity_data(
        partner, title_en="IDAHOT walk", description_en="A walk through the centre."
    )
    assert client.post(reverse("partners:activity_create"), data).status_code == 302
    activity = Activity.objects.get()
    assert (activity.title_nl, activity.title_en) == ("IDAHOT-wandeling", "IDAHOT walk")
    with translation.override("en"):
        assert str(activity) == "IDAHOT walk"
    missing_dutch = activity_data(partner, title_nl="", title_en="Only English")
    response = client.post(reverse("partners:activity_create"), missing_dutch)
    assert response.status_code == 200 and Activity.objects.count() == 1


def language_tabs(page):
    """[(tab text, is the open one, names of the fields in its pane)] of a form's texts."""
    tree = lxml.html.fromstring(page)
    tabs = tree.xpath("//*[@data-language-tabs]//*[@role='tab']")
    return [
        (
            " ".join(tab.text_content().split()),
            tab.get("aria-selected") == "true",
            [
                f.get("name")
                for f in tree.get_element_by_id(tab.get("aria-controls")).xpath(".//*[@name]")
            ],
        )
        for tab in tabs
    ]


def test_the_texts_come_in_a_tab_per_language_and_a_tab_to_correct_opens_first(
    client, partner, member
):
    client.force_login(member)
    url = reverse("partners:activity_create")
    assert language_tabs(client.get(url).content.decode()) == [
        ("Nederlands", True, ["title_nl", "description_nl"]),
        ("Engels", False, ["title_en", "description_en"]),
    ]
    too_long = "x" * 201
    page = client.post(url, activity_data(partner, title_en=too_long)).content.decode()
    assert language_tabs(page)[:2] == [
        ("Nederlands", False, ["title_nl", "description_nl"]),
        ("Engels te verbeteren", True, ["title_en", "description_en"]),
    ]
    page = client.post(url, activity_data(partner, title_nl="", title_en=too_long)).content
    assert [(text, is_open) for text, is_open, _ in language_tabs(page.decode())] == [
        ("Nederlands te verbeteren", True),
        ("Engels te verbeteren", False),
    ]
    assert not Activity.objects.exists()
