"""Parts of pages kept until a table they were made from is written
(genk_rainbow/stored_parts.py): a page from its stored parts is the page made afresh; every kind
of change shows at once; what is upcoming follows the clock; nothing one visitor may see alone
is ever served to another."""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from actionplan.models import Action, Objective, YearFocus
from genk_rainbow.identity import SiteIdentity
from genk_rainbow.stored_parts import CSRF_MARK, part_store
from partners.models import Membership, Partner, Role
from tests.factories import EventFactory, StaffUserFactory, UserFactory
from tests.genk_rainbow.conftest import same_parts
from tests.site.test_public_pages import public_urls

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_every_page_from_its_stored_parts_is_the_page_made_afresh(
    client, fragments, site, settings
):
    urls = public_urls("nl") + public_urls("en")
    afresh = {url: same_parts(page(client, url)) for url in urls}
    for url in urls:
        page(client, url)  # its parts are kept now
    assert len(part_store.parts) > 40
    for url in urls:
        assert same_parts(page(client, url)) == afresh[url], url
    settings.FRAGMENT_CACHE_SECONDS = 0
    assert same_parts(page(client, "/nl/")) == afresh["/nl/"]


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/nl/", 0),  # the city's identity is a kept value too
        ("/nl/agenda/", 0),
        ("/nl/partners/", 0),
        ("/nl/actieplan/", 1),  # the plan, for its title (or a 404)
        ("/nl/agenda/kalender.ics", 0),
    ],
)
def test_a_page_from_its_stored_parts_reads_almost_nothing(
    client, fragments, site, url, queries, django_assert_num_queries
):
    page(client, url)
    with django_assert_num_queries(queries):
        page(client, url)


def _objective_title_by_update():
    objective = Objective.objects.order_by("number").first()
    Objective.objects.filter(pk=objective.pk).update(title_nl="Iedereen welkom in Genk")
    return "/nl/", "Iedereen welkom in Genk"


def _partner_by_bulk_create():
    Partner.objects.bulk_create(
        [Partner(name_nl="Holebihuis Maasland", slug_nl="holebihuis", kind="advocacy")]
    )
    return "/nl/partners/", "Holebihuis Maasland"


def _focus_by_raw_sql():
    with connection.cursor() as cursor:
        cursor.execute("UPDATE actionplan_yearfocus SET intro_nl = %s", ["Een nieuwe klemtoon."])
    return YearFocus.objects.first().get_absolute_url(), "Een nieuwe klemtoon."


def _event_by_save():
    EventFactory(title_nl="Regenboogwandeling", start=timezone.now() + datetime.timedelta(days=2))
    return "/nl/agenda/", "Regenboogwandeling"


def _progress_by_record_progress():
    action = Action.objects.public().order_by("pk").first()
    action.record_progress(status="postponed", progress=40, date=timezone.localdate())
    return "/nl/actieplan/", "Uitgesteld"


@pytest.mark.parametrize(
    "change",
    [
        _objective_title_by_update,
        _partner_by_bulk_create,
        _focus_by_raw_sql,
        _event_by_save,
        _progress_by_record_progress,
    ],
)
def test_every_kind_of_change_shows_at_once(client, fragments, site, change):
    urls = ["/nl/", "/nl/partners/", "/nl/agenda/", "/nl/actieplan/"]
    urls += [YearFocus.objects.first().get_absolute_url()]
    before = {url: page(client, url) for url in urls}
    url, shown = change()
    assert shown not in before[url]
    assert shown in page(client, url)


def test_an_event_that_ended_leaves_the_agenda_with_the_clock(client, fragments, site, monkeypatch):
    """No table changes when an event ends: the agenda's part is made again each minute."""
    now = timezone.now()
    EventFactory(
        title_nl="Ochtendwandeling",
        start=now - datetime.timedelta(hours=1),
        end=now + datetime.timedelta(seconds=30),
    )
    assert "Ochtendwandeling" in page(client, "/nl/agenda/")
    later = now + datetime.timedelta(seconds=django_settings.FRAGMENT_CLOCK_SECONDS + 30)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Ochtendwandeling" not in page(client, "/nl/agenda/")


def test_each_language_has_its_own_parts(client, fragments, site):
    assert "Binnenkort" in page(client, "/nl/")
    english = page(client, "/en/")
    assert "Coming up" in english and "Binnenkort" not in english


def test_made_up_parameters_neither_reach_another_visitor_nor_fill_the_store(
    client, fragments, site
):
    """A part's page links carry the query: one asked with unknown parameters is not kept."""
    for day in range(25):
        EventFactory(start=timezone.now() + datetime.timedelta(days=day + 1))
    assert "utm_source" not in page(client, "/nl/agenda/?page=2")
    kept = len(part_store.parts)
    for n in range(20):
        assert f"utm_source={n}" in page(client, f"/nl/agenda/?page=2&utm_source={n}")
    assert len(part_store.parts) == kept
    assert "utm_source" not in page(client, "/nl/agenda/?page=2")


@pytest.mark.parametrize("member_first", [True, False])
def test_what_a_member_sees_alone_is_never_kept_for_others(fragments, site, member_first):
    with translation.override("nl"):
        url = site["action"].get_absolute_url()
    member = Client()
    member.force_login(site["member"])
    visits = [(member, True), (Client(), False)]
    for who, sees_internal in visits if member_first else reversed(visits):
        assert ("Interne vorming" in page(who, url)) is sees_internal


def test_the_parts_of_a_members_page_are_kept_for_the_members_of_the_same_partners(
    fragments, site, django_assert_max_num_queries
):
    """The action page lists the internal activities of the partners a member belongs to:
    its parts are kept per such set of partners (Activity.objects.audience_of), and staff
    (who see all) have their own."""
    with translation.override("nl"):
        url = site["action"].get_absolute_url()
    colleague, other_member, staff = UserFactory(), UserFactory(), StaffUserFactory()
    Membership.objects.create(user=colleague, partner=site["partner"], role=Role.MEMBER)
    other = Partner.objects.exclude(pk=site["partner"].pk).order_by("pk").first()
    Membership.objects.create(user=other_member, partner=other, role=Role.MEMBER)
    clients = {}
    for name, user in [("member", site["member"]), ("colleague", colleague),
                       ("other", other_member), ("staff", staff)]:  # fmt: skip
        clients[name] = Client()
        clients[name].force_login(user)
    assert "Interne vorming" in page(clients["member"], url)
    with django_assert_max_num_queries(9):  # the colleague's page is from the member's parts
        assert "Interne vorming" in page(clients["colleague"], url)
    assert "Interne vorming" not in page(clients["other"], url)
    assert "Interne vorming" in page(clients["staff"], url)
    assert "Interne vorming" not in page(Client(), url)


def test_staff_get_the_kept_board_with_their_own_csrf_token(fragments, site):
    """The board's part is kept for all staff, with a mark where each form's token goes."""
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(StaffUserFactory())
    second.force_login(StaffUserFactory())
    board = reverse("actionplan:progress_board")
    page(first, board)
    kept = [stored[2] for _, stored, _ in part_store.parts.values() if isinstance(stored[2], str)]
    assert any(CSRF_MARK in html for html in kept)
    assert not any(re.search(r'csrfmiddlewaretoken" value="\w', html) for html in kept)
    html = page(second, board)  # from the kept part
    token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', html)[1]
    action = Action.objects.filter(objective__plan__state="current").order_by("pk").first()
    prefix = f"action-{action.pk}"
    response = second.post(
        reverse("actionplan:record_progress", kwargs={"pk": action.pk}),
        {
            "csrfmiddlewaretoken": token,
            f"{prefix}-status": "in_progress",
            f"{prefix}-progress": "35",
            f"{prefix}-date": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.progress == 35


def test_signed_in_partners_and_visitors_share_the_public_parts(
    fragments, site, django_assert_max_num_queries
):
    member = Client()
    member.force_login(UserFactory())
    assert "Regenboogpicknick" in page(member, "/nl/agenda/")
    with django_assert_max_num_queries(0):  # the agenda's part is the partner's
        assert "Regenboogpicknick" in page(Client(), "/nl/agenda/")


def test_kept_values_follow_their_tables_at_once(fragments, site):
    """Whether a user is city staff, whose partners a member shares, and the city's identity
    are kept between requests (kept_value): a change to any of them counts at the next."""
    staff_user = StaffUserFactory()
    staff = Client()
    staff.force_login(staff_user)
    board = reverse("actionplan:progress_board")
    assert staff.get(board).status_code == 200
    staff_user.groups.clear()  # no longer city staff
    assert staff.get(board).status_code == 403

    newcomer = UserFactory()
    member = Client()
    member.force_login(newcomer)
    with translation.override("nl"):
        url = site["action"].get_absolute_url()
    assert "Interne vorming" not in page(member, url)
    Membership.objects.create(user=newcomer, partner=site["partner"], role=Role.MEMBER)
    assert "Interne vorming" in page(member, url)

    assert "Stad Voorbeeld" not in page(Client(), "/nl/")
    SiteIdentity.objects.update(city_name_nl="Stad Voorbeeld")
    assert "Stad Voorbeeld" in page(Client(), "/nl/")
