"""The commands the restore procedure (docs/deployment.md) runs after restoring a backup."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from partners.models import Invitation, Role
from tests.factories import ActionFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def invitation_sent(when):
    invitation, token = Invitation.create(
        email="nieuw@cavaria.be", partner=PartnerFactory(), role=Role.MEMBER, invited_by=None
    )
    Invitation.objects.filter(pk=invitation.pk).update(created_at=when)
    return token


def test_invitations_sent_before_the_backup_no_longer_open(client):
    now = timezone.now()
    restored = invitation_sent(now - datetime.timedelta(days=2))  # maybe accepted since
    sent_after_restore = invitation_sent(now)

    call_command("expire_invitations", "--before", (now - datetime.timedelta(days=1)).isoformat())

    accept = "partners:invitation"
    assert client.get(reverse(accept, kwargs={"token": restored}), follow=True).status_code == 410
    assert (
        client.get(reverse(accept, kwargs={"token": sent_after_restore}), follow=True).status_code
        == 200
    )


def test_a_date_alone_means_the_whole_day():
    invitation_sent(timezone.make_aware(datetime.datetime(2026, 11, 27, 23, 0)))
    call_command("expire_invitations", "--before", "2026-11-27")
    assert not Invitation.objects.pending().exists()


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01"])
def test_a_wrong_date_is_refused(value):
    with pytest.raises(CommandError, match="not a date"):
        call_command("expire_invitations", "--before", value)


def test_end_all_sessions_signs_everyone_out(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("account_email")).status_code == 200

    call_command("end_all_sessions")

    assert not Session.objects.exists()
    assert client.get(reverse("account_email")).status_code == 302  # to the sign-in page


def test_clear_page_cache_serves_the_restored_content_and_keeps_the_rate_limits(
    client, settings, write_underneath, fragments
):
    settings.PAGE_CACHE_SECONDS = 300
    caches["pages"].clear()
    action = ActionFactory(objective__plan__state="current", title_nl="Regenboogzebrapad")
    urls = [action.get_absolute_url(), action.objective.plan.get_absolute_url()]
    for url in urls:
        assert "Regenboogzebrapad" in client.get(url).content.decode()  # stored
    settings.PAGE_CACHE_SECONDS = 0  # the plan page made afresh: its part is stored
    assert "Regenboogzebrapad" in client.get(urls[1]).content.decode()
    # A restore changes the database underneath, past the portal.
    write_underneath(
        "UPDATE actionplan_action SET title_nl = %s WHERE id = %s", "Regenboogbank", action.pk
    )
    assert "Regenboogzebrapad" in client.get(urls[1]).content.decode()
    settings.PAGE_CACHE_SECONDS = 300
    for url in urls:
        assert "Regenboogzebrapad" in client.get(url).content.decode()
    caches["default"].set("rate-limit-marker", 3)

    call_command("clear_page_cache")

    for url in urls:
        assert "Regenboogbank" in client.get(url).content.decode()
    settings.PAGE_CACHE_SECONDS = 0
    assert "Regenboogbank" in client.get(urls[1]).content.decode()
    assert caches["default"].get("rate-limit-marker") == 3
    caches["pages"].clear()
