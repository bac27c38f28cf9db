"""The anonymous page cache (genk_rainbow/page_cache.py): a change shows at once, signed-in
users get one only through shared_pages.py (with their own parts), visitors still get no
cookies."""

import datetime
import gzip
import re
import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from actionplan.models import Action
from genk_rainbow import generations
from genk_rainbow.notifications import Kind, Notification
from genk_rainbow.page_cache import LocalPages, StoredPage, local_pages
from partners.models import Invitation
from tests.factories import (
    ActionFactory,
    EventFactory,
    ObjectiveFactory,
    PartnerFactory,
    PlanFactory,
)


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def action(db):
    objective = ObjectiveFactory(plan=PlanFactory(state="current"), number=1)
    action = ActionFactory(objective=objective, title_nl="Regenboogzebrapad")
    with translation.override("nl"):
        action.url = action.get_absolute_url()
    return action


def test_a_stored_page_is_served_without_queries_and_without_cookies(
    client, page_cache, action, django_assert_num_queries
):
    client.get(action.url)
    with django_assert_num_queries(0):
        response = client.get(action.url)
    assert "Regenboogzebrapad" in response.content.decode()
    assert not response.cookies
    assert "Set-Cookie" not in response.headers


def test_an_edit_shows_at_once_for_an_anonymous_visitor(client, page_cache, action):
    assert "Regenboogzebrapad" in client.get(action.url).content.decode()
    action.title_nl = "Regenboogbank"
    action.save()
    html = client.get(action.url).content.decode()
    assert "Regenboogbank" in html and "Regenboogzebrapad" not in html


def test_a_new_event_shows_at_once_in_the_agenda(client, page_cache, rainbow_plan):
    client.get("/nl/agenda/")
    EventFactory(title_nl="Regenboogpicknick", start=timezone.now() + datetime.timedelta(days=3))
    assert "Regenboogpicknick" in client.get("/nl/agenda/").content.decode()


def test_made_up_parameters_neither_bypass_the_cache_nor_fill_it(
    client, page_cache, action, django_assert_num_queries
):
    client.get(action.url)
    stored = len(caches["pages"]._cache)
    with django_assert_num_queries(0):
        for n in range(50):
            assert client.get(f"{action.url}?utm={n}").status_code == 200
    assert len(caches["pages"]._cache) == stored


def test_the_parameters_a_view_reads_make_their_own_page_in_any_order(
    client, page_cache, rainbow_plan, django_assert_num_queries
):
    client.get("/nl/agenda/?online=on&q=picknick&utm=1")
    with django_assert_num_queries(0):
        client.get("/nl/agenda/?q=picknick&online=on")
    first = client.get("/nl/agenda/?q=zebrapad").content.decode()
    assert 'value="zebrapad"' in first, "another search is another page"


def test_a_view_that_declares_no_parameters_is_not_cached_with_a_query(
    client, page_cache, staff_user
):
    """The sign-in page declares nothing: with a query string it is made afresh each time."""
    client.get("/nl/accounts/password/reset/?x=1")
    assert not [k for k in caches["pages"]._cache if "password" in k]


@pytest.mark.parametrize("name", ["events:calendar", "events:atom", "events:rss"])
def test_a_stored_feed_still_answers_304_to_a_client_that_has_it(
    client, page_cache, rainbow_plan, name, django_assert_num_queries
):
    """A subscription asking again with the ETag it has gets 304 Not Modified, also when the
    answer comes from the cache."""
    url = reverse(name)
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    with django_assert_num_queries(0):  # from the cache
        again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""


def _nonces(html):
    return set(re.findall(r'nonce="([^"]+)"', html))


def test_a_csrf_or_unknown_cookie_still_gets_the_stored_page(
    client, page_cache, action, django_assert_num_queries
):
    """One visit to the sign-in page leaves a CSRF cookie; that visitor is still anonymous."""
    client.get(action.url)  # stored by a visitor without cookies
    visitor = client.__class__()
    visitor.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    visitor.cookies["_pk_id"] = "unknown"
    with django_assert_num_queries(0):
        response = visitor.get(action.url)
    assert "Regenboogzebrapad" in response.content.decode()
    assert not response.cookies


def test_a_session_cookie_never_gets_a_stored_page(client, page_cache, action):
    client.get(action.url)
    Action.objects.filter(pk=action.pk).update(title_nl="Regenboogbank")  # no signal: stale
    with_session = client.__class__()
    with_session.cookies[settings.SESSION_COOKIE_NAME] = "expired-or-not"
    assert "Regenboogbank" in with_session.get(action.url).content.decode()


@pytest.mark.parametrize("url", [None, "/nl/form/"])
def test_a_page_with_a_csrf_token_is_never_stored_or_shared(client, page_cache, db, url, settings):
    """A form's CSRF token is the visitor's own: such a page is never stored, so two visitors
    never get the same one, also when the first came with a CSRF cookie already. The sign-in
    page, and a page with a form that says nothing about caching."""
    if url:
        settings.ROOT_URLCONF = "tests.genk_rainbow.nonce_urls"
    url = url or reverse("account_login")
    first, second = client.__class__(), client.__class__()
    first.get(url)  # gets its CSRF cookie
    tokens = []
    for visitor in (first, second, first):
        html = visitor.get(url).content.decode()
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1))
    assert len(set(tokens)) == 3
    assert not [key for key in caches["pages"]._cache if ":page:" in key]


def test_a_stored_page_keeps_the_csp_header_of_its_nonces(client, page_cache, action, settings):
    """The page cache is outermost; what it replays must still match: the nonce in the stored
    HTML is the one the stored Content-Security-Policy header allows, and the other security
    headers are there as on a page made afresh."""
    made = client.get(action.url)
    again = client.__class__().get(action.url)
    assert again.content == made.content
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
        assert again[header] == made[header]
    settings.ROOT_URLCONF = "tests.genk_rainbow.nonce_urls"
    first = client.get("/nl/nonced/")
    stored = client.__class__().get("/nl/nonced/")
    (nonce,) = _nonces(stored.content.decode())
    assert stored.content == first.content
    assert f"'nonce-{nonce}'" in stored["Content-Security-Policy"]


def test_an_http_request_is_redirected_even_when_the_https_page_is_stored(
    client, page_cache, action, settings
):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(action.url, secure=True).status_code == 200  # stored
    assert client.get(action.url).status_code == 301


def test_anonymous_pages_tell_shared_caches_how_long_and_signed_in_pages_not_at_all(
    staff_client, page_cache, action, settings
):
    client = staff_client.__class__()  # staff_client is the `client` fixture, signed in
    settings.PUBLIC_CACHE_MAX_AGE, settings.PUBLIC_CACHE_S_MAXAGE = 30, 120
    settings.PUBLIC_CACHE_STALE_WHILE_REVALIDATE = 600
    for response in (client.get(action.url), client.__class__().get(action.url)):  # made, stored
        control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert control == {"public", "max-age=30", "s-maxage=120", "stale-while-revalidate=600"}
        assert response["ETag"]
    feed = client.get(reverse("events:rss"))
    assert "public" in feed["Cache-Control"] and "s-maxage=120" in feed["Cache-Control"]
    private = staff_client.get(action.url)["Cache-Control"]
    assert "private" in private and "no-store" in private and "public" not in private


def test_a_stored_page_answers_304_to_a_client_that_has_it(
    client, page_cache, action, django_assert_num_queries
):
    first = client.get(action.url)
    with django_assert_num_queries(0):
        again = client.get(action.url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert "public" in again["Cache-Control"]


def test_a_change_saved_in_another_process_shows_within_the_local_seconds(
    client, page_cache, action, monkeypatch, django_assert_num_queries, write_underneath
):
    """Each process serves its copy while it trusts the generation it read (1 s); the process
    that saved a change knows at once (the tests above), the others within that second."""
    client.get(action.url)
    client.get(action.url)  # stored, and this process keeps a copy
    write_underneath(
        "UPDATE actionplan_action SET title_nl = %s WHERE id = %s", "Regenboogbank", action.pk
    )
    # What the write did in the other process: a new generation for the table, in Redis.
    caches["pages"].set(generations.key("actionplan_action"), "elsewhere", None)
    with django_assert_num_queries(0):
        assert "Regenboogzebrapad" in client.get(action.url).content.decode()
    later = time.monotonic() + settings.PAGE_CACHE_LOCAL_SECONDS
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert "Regenboogbank" in client.get(action.url).content.decode()


@pytest.mark.parametrize("how", ["save", "update", "bulk_create"])
def test_any_write_to_content_makes_the_stored_pages_stale(client, page_cache, action, how):
    """The SQL says which table changed (genk_rainbow/generations.py): QuerySet.update() and
    bulk_create, which send no signal, make the pages stale too."""
    client.get(action.url)
    client.get(action.url)  # stored
    if how == "save":
        action.title_nl = "Regenboogbank"
        action.save()
    elif how == "update":
        Action.objects.filter(pk=action.pk).update(title_nl="Regenboogbank")
    else:
        Action.objects.filter(pk=action.pk).delete()
        action.pk, action.title_nl = None, "Regenboogbank"
        Action.objects.bulk_create([action])
    assert "Regenboogbank" in client.get(action.url).content.decode()


def test_the_copies_of_a_process_stay_within_their_bytes(settings):
    settings.PAGE_CACHE_LOCAL_BYTES = 1000
    copies = LocalPages()
    now = {generations.EPOCH: "1"}
    later = {generations.EPOCH: "2"}

    def page():
        return StoredPage((), ("1",), time.time() + 60, 200, [], b"x" * 200, None)

    for n in range(5):
        copies.put(f"page-{n}", page())
    assert copies.get("page-0", now)  # served again: kept over older ones
    copies.put("page-5", page())
    assert copies.size <= 1000
    assert copies.get("page-1", now) is None
    assert copies.get("page-0", now) and copies.get("page-5", now)
    assert copies.get("page-5", later) is None, "a copy of other generations is never served"


def test_a_change_makes_stale_only_the_pages_that_show_it(
    client, page_cache, rainbow_plan, django_assert_num_queries
):
    """A page is kept with the tables it read: a new event renews the agenda, not the plan's
    page or the partners (genk_rainbow/generations.py)."""
    plan, partners, agenda = "/nl/actieplan/", "/nl/partners/", "/nl/agenda/"
    for url in (plan, partners, agenda, plan, partners, agenda):
        client.get(url)  # made, then stored
    EventFactory(title_nl="Regenboogpicknick", start=timezone.now() + datetime.timedelta(days=3))
    with django_assert_num_queries(0):
        assert client.get(plan).status_code == client.get(partners).status_code == 200
    assert "Regenboogpicknick" in client.get(agenda).content.decode()


def test_saving_what_no_public_page_shows_keeps_the_stored_pages(
    client, page_cache, action, staff_user, django_assert_num_queries, write_underneath
):
    """A notification, an invitation or a history record is not content: the stored pages
    stay; a partner is, and makes them stale."""
    client.get(action.url)
    client.get(action.url)  # stored
    partner = PartnerFactory()
    client.get(action.url)  # made afresh after the partner: stored again
    Notification.objects.create(
        recipient=staff_user, kind=Kind.values[0], subject="x", body="x", url="/"
    )
    Invitation.create(email="a@example.org", partner=partner, role="member", invited_by=staff_user)
    action.history.first().save()
    with django_assert_num_queries(0):
        assert "Regenboogzebrapad" in client.get(action.url).content.decode()
    write_underneath(
        "UPDATE actionplan_action SET title_nl = %s WHERE id = %s", "Regenboogbank", action.pk
    )
    partner.save()
    assert "Regenboogbank" in client.get(action.url).content.decode()


@pytest.mark.parametrize("stored", [False, True])
def test_a_page_that_holds_no_secret_is_compressed_for_a_client_that_takes_gzip(
    client, page_cache, action, stored
):
    plain = client.get(action.url).content  # made, and stored
    if not stored:
        caches["pages"].clear()
        local_pages.forget()
    response = client.get(action.url, headers={"accept-encoding": "gzip, deflate, br"})
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain
    assert int(response["Content-Length"]) == len(response.content) < len(plain) / 2
    assert "Accept-Encoding" in response["Vary"] and "public" in response["Cache-Control"]
    assert response["ETag"].startswith('W/"')
    again = client.get(
        action.url, headers={"accept-encoding": "gzip", "if-none-match": response["ETag"]}
    )
    assert again.status_code == 304
    assert "Content-Encoding" not in client.get(action.url).headers, "only when asked for"


def test_a_page_with_a_secret_is_never_compressed(page_cache, action, staff_client):
    """BREACH guesses a secret from the compressed size: a CSRF token or a signed-in user's
    page is sent as it is."""
    sign_in = Client().get(reverse("account_login"), headers={"accept-encoding": "gzip"})
    assert "csrfmiddlewaretoken" in sign_in.content.decode()
    assert "Content-Encoding" not in sign_in.headers
    signed_in = staff_client.get(action.url, headers={"accept-encoding": "gzip"})
    assert signed_in.status_code == 200 and "Content-Encoding" not in signed_in.headers
