"""The event rules on the model: the review guards (shared with activities through
genk_rainbow.review), the first-publish SEQUENCE, revision versus direct edit, and who may
edit which events. Each test fails when the guard it names is removed."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from events.models import Event, Publication
from partners.models import Membership, Role
from tests.factories import EventFactory, PartnerFactory, StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_member():
    partner = PartnerFactory()
    member = UserFactory()
    Membership.objects.create(user=member, partner=partner, role=Role.MEMBER)
    return partner, member


@pytest.fixture
def proposed(partner_member):
    partner, member = partner_member
    return EventFactory(organiser=partner, proposed_by=member, publication=Publication.SUBMITTED)


def test_only_city_staff_publish_or_reject(proposed, partner_member):
    _partner, member = partner_member
    with pytest.raises(PermissionDenied):
        proposed.publish(member)
    with pytest.raises(PermissionDenied):
        proposed.reject(UserFactory(), "Nee.")
    proposed.refresh_from_db()
    assert proposed.publication == Publication.SUBMITTED


def test_staff_never_review_their_own_partners_event(proposed):
    colleague = StaffUserFactory()
    Membership.objects.create(user=colleague, partner=proposed.organiser, role=Role.MEMBER)
    assert not proposed.can_be_reviewed_by(colleague)
    with pytest.raises(PermissionDenied):
        proposed.publish(colleague)
    with pytest.raises(PermissionDenied):
        proposed.reject(colleague, "Nee.")


def test_staff_never_review_an_event_they_proposed(partner_member):
    staff = StaffUserFactory()
    event = EventFactory(publication=Publication.SUBMITTED, proposed_by=staff)
    with pytest.raises(PermissionDenied):
        event.publish(staff)


@pytest.mark.parametrize("state", [Publication.DRAFT, Publication.PUBLISHED, Publication.REJECTED])
def test_only_a_submitted_event_is_reviewed(state, partner_member):
    partner, member = partner_member
    event = EventFactory(organiser=partner, proposed_by=member, publication=state)
    with pytest.raises(ValidationError):
        event.publish(StaffUserFactory())
    with pytest.raises(ValidationError):
        event.reject(StaffUserFactory(), "Nee.")
    event.refresh_from_db()
    assert (event.publication, event.sequence, event.reviewed_by) == (state, 0, None)


def test_a_rejection_needs_a_reason_and_is_recorded(proposed, django_capture_on_commit_callbacks):
    staff = StaffUserFactory()
    with pytest.raises(ValidationError):
        proposed.reject(staff, "  ")
    with django_capture_on_commit_callbacks(execute=True):
        proposed.reject(staff, "Datum valt samen met IDAHOT.")
    proposed.refresh_from_db()
    assert proposed.publication == Publication.REJECTED
    assert proposed.review_comment == "Datum valt samen met IDAHOT."
    assert proposed.reviewed_by == staff and proposed.reviewed_at is not None
    assert "IDAHOT" in mail.outbox[-1].body  # the one place the author hears of it


def test_publishing_records_the_reviewer_and_raises_sequence(proposed):
    staff = StaffUserFactory()
    assert proposed.sequence == 0
    proposed.publish(staff)
    proposed.refresh_from_db()
    assert proposed.publication == Publication.PUBLISHED
    assert proposed.sequence == 1  # calendars that saw the draft update
    assert (proposed.reviewed_by, proposed.reviewed_at is not None) == (staff, True)


def test_a_partners_edit_of_a_published_event_is_a_revision(partner_member):
    partner, member = partner_member
    event = EventFactory(organiser=partner, title_nl="Oud", sequence=3)
    target = event.edit_target(member)
    assert target.pk is None and target.revision_of == event
    target.title_nl = "Nieuw"
    target.save_edit(member)
    event.refresh_from_db()
    assert (event.title_nl, event.sequence, event.publication) == ("Oud", 3, "published")
    assert (target.publication, target.proposed_by) == (Publication.SUBMITTED, member)
    assert event.edit_target(member) == target  # a second edit changes the same revision

    staff = StaffUserFactory()
    original = target.publish(staff)
    assert original.pk == event.pk and Event.objects.count() == 1
    event.refresh_from_db()
    assert (event.title_nl, event.sequence, event.reviewed_by) == ("Nieuw", 4, staff)


def test_staff_edit_a_published_event_in_place_with_a_new_sequence():
    staff = StaffUserFactory()
    event = EventFactory(sequence=2)
    assert event.edit_target(staff) is event
    event.title_nl = "Anders"
    event.save_edit(staff)
    event.refresh_from_db()
    assert (event.title_nl, event.sequence, event.publication) == ("Anders", 3, "published")
    assert not Event.objects.filter(revision_of=event).exists()


def test_an_edit_of_an_unpublished_event_keeps_its_sequence(partner_member):
    partner, member = partner_member
    event = EventFactory(organiser=partner, publication=Publication.REJECTED)
    assert event.edit_target(member) is event
    event.save_edit(member)
    event.refresh_from_db()
    assert (event.publication, event.sequence) == (Publication.SUBMITTED, 0)
    assert event.submitted_at is not None
    event.save_edit(StaffUserFactory())
    event.refresh_from_db()
    assert (event.publication, event.sequence) == (Publication.SUBMITTED, 0)


def test_new_events_staff_publish_partners_propose(partner_member):
    partner, member = partner_member
    staff = StaffUserFactory()
    by_staff = EventFactory.build(publication=Publication.DRAFT)
    by_staff.save_edit(staff)
    assert (by_staff.publication, by_staff.sequence, by_staff.proposed_by) == (
        Publication.PUBLISHED,
        1,
        staff,
    )
    by_partner = EventFactory.build(organiser=partner, publication=Publication.DRAFT)
    by_partner.save_edit(member)
    assert (by_partner.publication, by_partner.proposed_by) == (Publication.SUBMITTED, member)


def test_only_who_may_edit_saves_an_edit(partner_member):
    partner, _member = partner_member
    outsider = UserFactory()
    Membership.objects.create(user=outsider, partner=PartnerFactory(), role=Role.ADMIN)
    event = EventFactory(organiser=partner, publication=Publication.REJECTED)
    with pytest.raises(PermissionDenied):
        event.save_edit(outsider)


def test_editable_by(partner_member):
    partner, member = partner_member
    own = EventFactory(organiser=partner)
    other = EventFactory(organiser=PartnerFactory())
    city = EventFactory(organiser=None)
    assert list(Event.objects.editable_by(member)) == [own]
    assert set(Event.objects.editable_by(StaffUserFactory())) == {own, other, city}
    assert not Event.objects.editable_by(UserFactory()).exists()
    assert all(event.can_be_edited_by(member) for event in Event.objects.editable_by(member))
    assert not other.can_be_edited_by(member)


def test_authors_preview_the_public_page_of_an_event_not_yet_published(client):
    from django.urls import reverse

    partner = PartnerFactory()
    author = UserFactory()
    Membership.objects.create(user=author, partner=partner)
    event = EventFactory(title_nl="Regenboogcafé", organiser=partner, publication="submitted")
    assert client.get(event.get_absolute_url()).status_code == 404  # not public
    client.force_login(author)
    page = client.get(reverse("events:preview", args=[event.pk])).content.decode()
    assert "<h1>Regenboogcafé</h1>" in page
    assert "Ze is nog niet openbaar." in page
    assert "application/ld+json" not in page  # nothing for search engines
    client.force_login(UserFactory())  # someone of another organisation
    assert client.get(reverse("events:preview", args=[event.pk])).status_code == 404


def test_the_event_form_in_sections_still_shows_every_field_once(staff_user):
    from django.template import Context, Template

    from events.forms import EventForm

    form = EventForm(user=staff_user)
    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))
    for name in form.fields:
        assert html.count(f'id="div_id_{name}"') == 1, name  # crispy wraps every field
    legends = [
        legend.strip() for legend in __import__("re").findall(r"<legend[^>]*>(.*?)</legend>", html)
    ]
    assert legends[:1] == ["Wat"] and {"Wanneer", "Waar", "Deelnemen", "Afbeelding"} <= set(legends)
