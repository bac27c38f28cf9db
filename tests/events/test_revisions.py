"""A partner's edit of a published event loses nothing: the edit form starts from every current
value (relations included), the reviewer sees what changed field by field, and publishing the
revision copies every field and relation. The tests walk Event's own field list, so a field
added later is checked without changing them (and one of a kind they do not know fails)."""

import datetime

import pytest
from django.db import models
from django.urls import reverse
from django.utils import translation
from modeltranslation.translator import translator

from events.models import Event, Facility, Publication
from partners.models import Membership, Role
from tests.factories import (
    ActionFactory,
    EventFactory,
    PartnerFactory,
    PlaceFactory,
    StaffUserFactory,
    TargetGroupFactory,
    UserFactory,
)

# Genk's names and languages (Dutch and English), as its content file gives them.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("genk_identity")]


@pytest.fixture
def partner_member():
    partner = PartnerFactory()
    member = UserFactory()
    Membership.objects.create(user=member, partner=partner, role=Role.MEMBER)
    return partner, member


def full_event(partner):
    """A published event with every optional field and relation filled in."""
    start = datetime.datetime(2030, 6, 28, 19, 0, tzinfo=datetime.UTC)
    event = EventFactory(
        organiser=partner,
        start=start,
        end=start + datetime.timedelta(hours=3),
        place=PlaceFactory(name_nl="C-Mine", name_en="C-Mine"),
        related_action=ActionFactory(),
        image="events/poster.png",
        image_alt_nl="Een regenboogvlag",
        image_alt_en="A rainbow flag",
        image_credit="Stad Genk",
        is_free=False,
        price_nl="€5",
        price_en="€5",
        registration_url="https://example.org/inschrijven",
        registration_contact="info@example.org",
        languages=["nl", "en"],
        description_nl="Uitleg.",
        description_en="Explanation.",
        online_url="https://example.org/live",
        attendance="mixed",
    )
    event.target_groups.set([TargetGroupFactory(), TargetGroupFactory()])
    event.facilities.set(
        [
            Facility.objects.create(code="rolstoel", name_nl="Rolstoel", name_en="Wheelchair"),
            Facility.objects.create(code="ringleiding", name_nl="Ringleiding", name_en="Loop"),
        ]
    )
    return event


def snapshot(event):
    """Every revised field's value, relations as sets of primary keys."""
    values = {}
    for field in Event.revised_fields():
        if field.many_to_many:
            values[field.name] = set(getattr(event, field.name).values_list("pk", flat=True))
        elif isinstance(field, models.FileField):
            values[field.name] = getattr(event, field.name).name
        else:
            values[field.name] = getattr(event, field.attname)
    return values


def as_submitted(form):
    """What a browser sends for an unbound form left as it opened."""
    data = {}
    for name, bound in form.fields.items():
        if form[name].field.disabled or isinstance(bound, models.FileField):
            continue
        value = form[name].value()
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, datetime.datetime):
            data[name] = value.strftime("%Y-%m-%dT%H:%M")
        elif value is True:
            data[name] = "on"
        else:
            data[name] = getattr(value, "pk", value)
    data.pop("image", None)
    return data


def test_a_partners_edit_keeps_every_field_and_relation_after_publication(client, partner_member):
    partner, member = partner_member
    event = full_event(partner)
    before = snapshot(event)

    client.force_login(member)
    form = client.get(reverse("events:edit", kwargs={"pk": event.pk})).context["form"]
    for field in Event._meta.many_to_many:  # the form opens with the relations ticked
        assert {getattr(v, "pk", v) for v in form[field.name].value()} == before[field.name]
    data = {**as_submitted(form), "title_nl": "Regenboogcafé XL"}
    assert client.post(reverse("events:edit", kwargs={"pk": event.pk}), data).status_code == 302
    revision = Event.objects.get(revision_of=event)

    client.force_login(StaffUserFactory())
    page = client.get(reverse("events:workspace_detail", kwargs={"pk": revision.pk}))
    title = Event._meta.get_field("title_nl").verbose_name
    assert [c.label for c in page.context["changes"]] == [title]
    assert "Regenboogcafé XL" in page.content.decode()
    client.post(reverse("events:review", kwargs={"pk": revision.pk}), {"decision": "accept"})

    event.refresh_from_db()
    after = snapshot(event)
    assert after.pop("title_nl") == "Regenboogcafé XL"
    changed_by_review = {"title", "updated_at", "reviewed_by", "reviewed_at", "submitted_at"}
    for name, value in before.items():
        if name not in changed_by_review and name != "title_nl":
            assert after[name] == value, f"{name} was lost when the revision was published"


def other_value(event, field):
    """A value different from the event's for any kind of field Event has; a new kind of field
    fails here until the test knows how to change it."""
    current = getattr(event, field.attname)
    if field.many_to_many:
        related = field.related_model
        if related is Facility:
            return [Facility.objects.create(code=f"f-{field.name}", name_nl="Nieuw")]
        return [TargetGroupFactory()]
    if field.choices:
        return next(value for value, _label in field.flatchoices if value and value != current)
    if isinstance(field, models.BooleanField):
        return not current
    if isinstance(field, models.URLField):
        return f"https://example.org/{field.name}"
    if isinstance(field, models.FileField):
        return f"events/{field.name}.png"
    if isinstance(field, models.CharField | models.TextField):
        return f"nieuw {field.name}"[: field.max_length]
    if isinstance(field, models.DateTimeField):
        return (current or event.start) + datetime.timedelta(days=1, hours=1)
    if isinstance(field, models.DateField):
        return datetime.date(2030, 5, 17)
    if isinstance(field, models.ForeignKey):
        related = {
            "place": lambda: PlaceFactory(name_nl="Nieuwe zaal"),
            "related_action": ActionFactory,
            "reviewed_by": StaffUserFactory,
        }
        return related[field.name]().pk
    if isinstance(field, models.JSONField):
        return {"languages": ["tr"], "exception_dates": ["2030-05-17"]}[field.name]
    raise AssertionError(f"the revision test cannot change {field.name}: teach other_value")


def test_publishing_a_revision_copies_every_field_the_model_has(partner_member):
    partner, member = partner_member
    event = full_event(partner)
    revision = event.edit_target(member)
    revision.save_edit(member)
    changed = {}
    mirrored = translator.get_options_for_model(Event).all_fields  # title follows title_nl
    for field in [f for f in Event.revised_fields() if f.name not in mirrored]:
        value = other_value(revision, field)
        if field.many_to_many:
            getattr(revision, field.name).set(value)
            changed[field.name] = {obj.pk for obj in value}
        else:
            setattr(revision, field.attname, value)
            changed[field.name] = value
    revision.end = revision.start + datetime.timedelta(hours=2)
    changed["end"] = revision.end
    revision.save()

    reviewer = StaffUserFactory()
    original = revision.publish(reviewer)
    assert original.pk == event.pk and not Event.objects.filter(revision_of=event).exists()
    original.refresh_from_db()
    after = snapshot(original)
    bookkeeping = {"updated_at", "reviewed_by", "reviewed_at", "review_comment"}
    for name, value in changed.items():
        if name not in bookkeeping:
            assert after[name] == value, f"publishing a revision does not copy {name}"
    assert (original.publication, original.reviewed_by) == (Publication.PUBLISHED, reviewer)


def test_the_reviewer_sees_each_change_old_and_new(partner_member):
    partner, member = partner_member
    event = full_event(partner)
    revision = event.edit_target(member)
    revision.summary_nl = "Nu met DJ."
    revision.is_free = True
    revision.save_edit(member)
    revision.target_groups.set([TargetGroupFactory(name_nl="Jongeren")])
    old_groups = ", ".join(sorted(str(g) for g in event.target_groups.all()))
    changes = {c.label: (c.old, c.new) for c in revision.revision_changes()}
    changes_made = ["summary_nl", "is_free", "target_groups"]
    label = {name: Event._meta.get_field(name).verbose_name for name in changes_made}
    assert changes == {
        label["summary_nl"]: ("Een activiteit in Genk.", "Nu met DJ."),
        label["is_free"]: ("nee", "ja"),
        label["target_groups"]: (old_groups, "Jongeren"),
    }
    assert event.revision_changes() == []  # the published event itself is no revision


def test_an_event_written_on_an_english_page_keeps_its_english_title(client, partner_member):
    partner, member = partner_member
    client.force_login(member)
    data = {
        "title_nl": "Regenboogcafé",
        "title_en": "Rainbow café",
        "summary_nl": "Gezellig.",
        "organiser": partner.pk,
        "start": "2030-06-28T19:00",
        "end": "2030-06-28T23:00",
        "attendance": "in_person",
        "new_place_name": "Ontmoetingszaal",
        "status": "scheduled",
        "is_free": "on",
    }
    with translation.override("en"):
        assert client.post(reverse("events:create"), data).status_code == 302
    event = Event.objects.get()
    assert (event.title_nl, event.title_en) == ("Regenboogcafé", "Rainbow café")
