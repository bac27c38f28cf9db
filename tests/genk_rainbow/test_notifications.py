"""Every review step tells the people it concerns, by email in their language with a link, and
in the workspace: submitted -> the reviewers; returned, accepted, published, rejected -> the
partner's author and admins; an accepted invitation -> who sent it. Mails leave after the
transaction commits, a mail server that is down loses none of them, and optional mails can be
switched off."""

import datetime
import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Publication
from genk_rainbow.models import MailSettings, Notification
from genk_rainbow.notifications import Kind
from partners.models import Activity, ActivityStatus, Invitation, Membership, Role
from tests.factories import EventFactory, PartnerFactory, StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    partner = PartnerFactory(name_nl="OGWA", name_en="OGWA")
    author, admin, colleague = UserFactory(), UserFactory(), UserFactory()
    Membership.objects.create(user=author, partner=partner, role=Role.MEMBER)
    Membership.objects.create(user=admin, partner=partner, role=Role.ADMIN)
    Membership.objects.create(user=colleague, partner=partner, role=Role.MEMBER)
    reviewers = [StaffUserFactory(), StaffUserFactory()]
    return partner, author, admin, colleague, reviewers


def activity_of(partner, author, status=ActivityStatus.DRAFT):
    return Activity.objects.create(
        partner=partner,
        title="IDAHOT-wandeling",
        date=timezone.localdate() - datetime.timedelta(days=3),
        description="Een wandeling.",
        created_by=author,
        status=status,
        submitted_at=timezone.now() if status == ActivityStatus.SUBMITTED else None,
    )


def mailed_to():
    return sorted(address for message in mail.outbox for address in message.to)


def emails(*users):
    return sorted(user.email for user in users)


def test_a_submitted_activity_is_mailed_to_the_reviewers_with_a_link(
    client, people, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://regenboog.genk.be"
    partner, author, _admin, _colleague, reviewers = people
    activity = activity_of(partner, author)
    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("partners:activity_submit", kwargs={"pk": activity.pk}))
    assert mailed_to() == emails(*reviewers)
    link = f"https://regenboog.genk.be{reverse('partners:activity_detail', args=[activity.pk])}"
    assert link in mail.outbox[0].body
    assert "IDAHOT-wandeling" in mail.outbox[0].subject and "OGWA" in mail.outbox[0].body


def test_no_mail_leaves_before_the_transaction_commits(people, django_capture_on_commit_callbacks):
    partner, author, *_ = people
    activity = activity_of(partner, author)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        activity.submit(author)
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 2


def test_a_returned_activity_tells_author_and_admins_the_comment_in_their_language(
    client, people, django_capture_on_commit_callbacks
):
    partner, author, admin, _colleague, reviewers = people
    MailSettings.objects.create(user=admin, language="en")
    activity = activity_of(partner, author, ActivityStatus.SUBMITTED)
    client.force_login(reviewers[0])
    url = reverse("partners:activity_review", kwargs={"pk": activity.pk})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "return", "comment": "Voeg het aantal deelnemers toe."})
    assert mailed_to() == emails(author, admin)  # not the colleague, not the reviewers
    by_address = {message.to[0]: message for message in mail.outbox}
    assert "Voeg het aantal deelnemers toe." in by_address[author.email].body
    assert by_address[author.email].subject.startswith("Teruggestuurd")
    assert by_address[admin.email].subject.startswith("Returned with a comment")
    assert "/en/" in by_address[admin.email].body and "/nl/" in by_address[author.email].body


def test_an_accepted_activity_is_mailed_to_author_and_admins(
    people, django_capture_on_commit_callbacks
):
    partner, author, admin, _colleague, reviewers = people
    activity = activity_of(partner, author, ActivityStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        activity.accept(reviewers[0])
    assert mailed_to() == emails(author, admin)
    assert all(m.subject.startswith("Aanvaard") for m in mail.outbox)


def test_proposed_published_and_rejected_events_are_mailed(
    client, people, django_capture_on_commit_callbacks
):
    partner, author, admin, _colleague, reviewers = people
    event = EventFactory(organiser=partner, publication=Publication.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        event.save_edit(author)
    assert mailed_to() == emails(*reviewers)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event.publish(reviewers[0])
    assert mailed_to() == emails(author, admin)
    assert all(m.subject.startswith("Gepubliceerd") for m in mail.outbox)

    mail.outbox.clear()
    other = EventFactory(organiser=partner, proposed_by=author, publication=Publication.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        other.reject(reviewers[1], "Valt samen met IDAHOT.")
    assert mailed_to() == emails(author, admin)
    assert all("Valt samen met IDAHOT." in m.body for m in mail.outbox)


def test_the_inviter_hears_that_the_invitation_was_accepted(
    people, django_capture_on_commit_callbacks
):
    partner, _author, admin, *_ = people
    invitation, _token = Invitation.create(
        email="nieuw@example.org", partner=partner, role=Role.MEMBER, invited_by=admin
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitation.accept(UserFactory(email="nieuw@example.org"))
    assert mailed_to() == [admin.email]
    assert "nieuw@example.org" not in mail.outbox[0].body  # the newcomer is not named
    assert reverse("partners:members", kwargs={"slug": partner.slug}) in mail.outbox[0].body


def test_optional_mails_can_be_switched_off_but_a_return_always_goes(
    client, people, django_capture_on_commit_callbacks
):
    partner, author, admin, *_rest, reviewers = people
    client.force_login(author)
    response = client.post(reverse("notifications"), {"language": "nl"})  # box unticked
    assert response.status_code == 302
    MailSettings.objects.create(user=admin, optional_mails=False)
    accepted = activity_of(partner, author, ActivityStatus.SUBMITTED)
    returned = activity_of(partner, author, ActivityStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        accepted.accept(reviewers[0])
        returned.return_to_partner(reviewers[0], "Graag een foto.")
    assert [m.subject for m in mail.outbox if m.to == [author.email]] == [
        "Teruggestuurd met een opmerking: IDAHOT-wandeling"
    ]
    assert author.notifications.count() == 2  # both still listed in the workspace


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_mail_server_that_is_down_loses_nothing(
    people, settings, django_capture_on_commit_callbacks
):
    partner, author, *_ = people
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    activity = activity_of(partner, author)
    with django_capture_on_commit_callbacks(execute=True):
        activity.submit(author)  # the partner's submission still succeeds
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.SUBMITTED
    waiting = Notification.objects.unsent()
    assert waiting.count() == 2 and {n.last_error for n in waiting} == {"ConnectionRefusedError"}

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_notifications")
    assert len(mail.outbox) == 2 and not Notification.objects.unsent().exists()
    call_command("send_notifications")
    assert len(mail.outbox) == 2  # nothing twice


def test_the_workspace_counts_unread_notifications_and_the_list_marks_them_read(
    client, people, django_capture_on_commit_callbacks
):
    partner, author, *_rest, reviewers = people
    activity_of(partner, author, ActivityStatus.SUBMITTED).accept(reviewers[0])
    client.force_login(author)
    assert "1 ongelezen melding" in client.get(reverse("workspace")).content.decode()
    page = client.get(reverse("notifications")).content.decode()
    assert "Aanvaard: IDAHOT-wandeling" in page
    assert "0 ongelezen meldingen" in client.get(reverse("workspace")).content.decode()
    assert author.notifications.get().kind == Kind.ACCEPTED


def test_the_title_is_in_the_recipients_language_whatever_page_caused_it(
    people, django_capture_on_commit_callbacks
):
    partner, author, admin, *_ = people
    MailSettings.objects.create(user=admin, language="en")
    event = EventFactory(organiser=partner, proposed_by=author, title_nl="Regenboogcafé",
                         title_en="Rainbow café", publication=Publication.SUBMITTED)  # fmt: skip
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        event.publish(StaffUserFactory())
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        author.email: "Gepubliceerd: Regenboogcafé",
        admin.email: "Published: Rainbow café",
    }
