"""The review journeys in a real browser, a partner and a staff member side by side (two
browser contexts): an event is proposed, published, edited by the partner, the edit reviewed
through its diff and published without losing a field; an activity is submitted, returned
with a comment, sent again and accepted, and each step mails the people it concerns."""

import datetime
import io

import pytest
from django.core import mail
from PIL import Image

from actionplan.loader import load_rainbow_plan
from events.models import Event, Facility, Publication
from partners.models import Activity, ActivityStatus, Membership, Partner, Role
from tests.browser.steps import sign_in
from tests.factories import (
    PASSWORD_FOR_TESTS,
    PlaceFactory,
    StaffUserFactory,
    UserFactory,
    totp_code,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(browser, live_server, page, settings):
    """OGWA's member signed in in `page`, a city staff member signed in in a second window.
    Both read their mails in Dutch (the default language); the links point at this server."""
    settings.SITE_URL = live_server.url
    load_rainbow_plan()
    ogwa = Partner.objects.get(slug_nl="ogwa")
    member = UserFactory(email="sam@ogwa.example", username="sam@ogwa.example")
    Membership.objects.create(user=member, partner=ogwa, role=Role.MEMBER)
    staff = StaffUserFactory(email="staff@genk.example", username="staff@genk.example")
    sign_in(page, member.email, PASSWORD_FOR_TESTS)
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    staff_page = context.new_page()
    staff_page.set_default_timeout(10_000)
    sign_in(staff_page, staff.email, PASSWORD_FOR_TESTS, totp_code())
    mail.outbox.clear()
    yield ogwa, member, page, staff, staff_page
    context.close()


def sent_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def poster(tmp_path):
    path = tmp_path / "poster.png"
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "purple").save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def snapshot(event):
    values = {}
    for field in Event.revised_fields():
        if field.many_to_many:
            values[field.name] = set(getattr(event, field.name).values_list("pk", flat=True))
        else:
            value = getattr(event, field.attname)
            values[field.name] = value.name if hasattr(value, "name") else value
    return values


def test_propose_publish_edit_diff_publish_keeps_every_field(people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    _ogwa, member, page, staff, staff_page = people
    for code, name in [("wheelchair-x", "Wheelchair accessible"), ("loop-x", "Hearing loop")]:
        if not Facility.objects.filter(name_en=name).exists():
            Facility.objects.create(code=code, name_nl=name, name_en=name)
    PlaceFactory(name_nl="C-Mine", name_en="C-Mine")

    # The partner proposes an event with target groups, facilities, languages and an image.
    page.goto("/en/workspace/")
    page.get_by_role("link", name="Propose an event").click()
    page.get_by_label("Title (Dutch)").fill("Regenboogcafé")
    page.get_by_label("Summary (Dutch)").fill("Gezellig samenzijn in C-Mine.")
    page.get_by_role("tab", name="English").click()
    page.get_by_label("Title (English)").fill("Rainbow café")
    page.get_by_label("Start*", exact=True).fill("2030-06-28T19:00")
    page.get_by_label("End*", exact=True).fill("2030-06-28T23:00")
    page.get_by_label("Place", exact=True).select_option(label="C-Mine – Genk")
    page.get_by_label("LGBTI+ people").check()
    page.get_by_label("Young people").check()
    page.get_by_label("Wheelchair accessible").check()
    page.get_by_label("Hearing loop").check()
    page.locator("#id_languages_0").check()
    page.locator("#id_languages_1").check()
    page.get_by_label("Image", exact=True).set_input_files(str(poster(tmp_path)))
    page.get_by_label("Description of the image (Dutch)").fill("Een regenboogvlag")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The city will review your event").wait_for()
    event = Event.objects.get(title_nl="Regenboogcafé")
    assert [m.subject for m in sent_to(staff.email)] == ["Na te kijken: Regenboogcafé"]

    # Staff publish it from the review queue; the partner is told.
    staff_page.goto("/en/workspace/review/")
    staff_page.get_by_role("link", name="Rainbow café").click()
    staff_page.get_by_label("Publish").check()
    staff_page.get_by_role("button", name="Save decision").click()
    staff_page.get_by_text("The event is published.").wait_for()
    assert [m.subject for m in sent_to(member.email)] == ["Gepubliceerd: Regenboogcafé"]
    event.refresh_from_db()
    assert event.publication == Publication.PUBLISHED and event.image
    before = snapshot(event)
    assert len(before["target_groups"]) == 2 and len(before["facilities"]) == 2

    # The partner edits the title only: the form opens with everything ticked.
    page.goto(f"/en/workspace/events/{event.pk}/edit/")
    for label in ["LGBTI+ people", "Young people", "Wheelchair accessible", "Hearing loop"]:
        assert page.get_by_label(label).is_checked(), label
    page.get_by_label("Title (Dutch)").fill("Regenboogcafé XL")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Your changes wait for review by the city.").wait_for()
    revision = Event.objects.get(revision_of=event)

    # The reviewer sees exactly what changed, then publishes.
    staff_page.goto(f"/en/workspace/events/{revision.pk}/")
    rows = staff_page.locator("table.revision-diff tbody tr")
    assert rows.count() == 1, rows.all_inner_texts()
    assert "Regenboogcafé XL" in rows.first.inner_text()
    staff_page.get_by_label("Publish").check()
    staff_page.get_by_role("button", name="Save decision").click()
    staff_page.get_by_text("The event is published.").wait_for()

    event.refresh_from_db()
    after = snapshot(event)
    assert after.pop("title_nl") == "Regenboogcafé XL"
    for name, value in before.items():
        if name not in {"title", "title_nl", "updated_at", "reviewed_at", "submitted_at"}:
            assert after[name] == value, f"{name} was lost"
    page.goto(event.get_absolute_url().replace("/nl/", "/en/", 1))
    assert page.get_by_role("heading", name="Rainbow café").is_visible()


def test_submit_return_resubmit_accept_with_the_mails_of_each_step(people, settings):
    _ogwa, member, page, staff, staff_page = people

    page.goto("/en/workspace/")
    page.get_by_role("link", name="Log an activity").click()
    page.get_by_label("Title (Dutch)").fill("Vorming jeugdwerkers")
    page.get_by_label("Date").fill((datetime.date.today() - datetime.timedelta(days=2)).isoformat())
    page.get_by_label("Description (Dutch)*", exact=True).fill("Een vorming over gender.")
    page.get_by_role("button", name="Save as draft").click()
    page.get_by_role("button", name="Submit to the city").click()
    page.get_by_text("Submitted. The city will review the activity.").wait_for()
    assert [m.subject for m in sent_to(staff.email)] == ["Na te kijken: Vorming jeugdwerkers"]
    activity = Activity.objects.get()
    link = f"{settings.SITE_URL}/nl/werkruimte/activiteiten/{activity.pk}/"
    assert link in sent_to(staff.email)[0].body

    # Staff return it with a comment: the partner gets the comment by mail.
    staff_page.goto(f"/en/workspace/activities/{activity.pk}/")
    staff_page.get_by_label("Return to the partner with a comment").check()
    staff_page.get_by_label("Comment for the partner").fill("Hoeveel deelnemers waren er?")
    staff_page.get_by_role("button", name="Save decision").click()
    staff_page.get_by_text("The activity was returned to the partner.").wait_for()
    returned = sent_to(member.email)
    assert len(returned) == 1 and "Hoeveel deelnemers waren er?" in returned[0].body

    # The partner sees it in the workspace, adds the number and sends it again.
    page.goto("/en/workspace/")
    page.get_by_role("link", name="1 unread notification").click()
    notice = page.get_by_role("link", name="Teruggestuurd met een opmerking: Vorming jeugdwerkers")
    assert notice.get_attribute("href") == link
    page.goto(f"/en/workspace/activities/{activity.pk}/")
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Number of participants").fill("14")
    page.get_by_role("button", name="Save as draft").click()
    page.get_by_role("button", name="Submit to the city").click()
    page.get_by_text("Submitted. The city will review the activity.").wait_for()
    assert len(sent_to(staff.email)) == 2

    # Staff accept it: the partner is told.
    staff_page.goto(f"/en/workspace/activities/{activity.pk}/")
    staff_page.get_by_label("Accept").check()
    staff_page.get_by_role("button", name="Save decision").click()
    staff_page.get_by_text("The activity was accepted.").wait_for()
    activity.refresh_from_db()
    assert (activity.status, activity.participants_count) == (ActivityStatus.ACCEPTED, 14)
    assert [m.subject for m in sent_to(member.email)] == [
        "Teruggestuurd met een opmerking: Vorming jeugdwerkers",
        "Aanvaard: Vorming jeugdwerkers",
    ]
