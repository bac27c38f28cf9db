"""`manage.py screenshots` in CI: every main page, at desktop and phone width, in every
language, signed out and (workspace, progress board) signed in as city staff; a page that does
not answer 200 fails the command."""

import pytest
from django.core.management import CommandError, call_command

from actionplan.loader import load_rainbow_plan
from genk_rainbow.identity import SiteIdentity
from genk_rainbow.models import Page
from tests.factories import EventFactory, StaffUserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_main_pages_are_photographed_in_each_language_and_width(live_server, tmp_path):
    load_rainbow_plan()
    EventFactory()
    staff = StaffUserFactory(email="staff@genk.example")
    call_command("screenshots", base_url=live_server.url, out=str(tmp_path), staff=staff.email)
    names = sorted(path.name for path in tmp_path.iterdir())
    languages = len(SiteIdentity.current().language_codes)
    assert len(names) == 12 * 2 * languages, names
    assert "board-nl-phone.jpg" in names and "home-en-desktop.jpg" in names
    assert all(path.stat().st_size > 5000 for path in tmp_path.iterdir())


def test_a_page_that_does_not_answer_fails_the_command(live_server, tmp_path):
    load_rainbow_plan()
    EventFactory()
    Page.objects.filter(key="help").delete()
    with pytest.raises(CommandError, match="HTTP 404"):
        call_command("screenshots", base_url=live_server.url, out=str(tmp_path), languages=["nl"])
