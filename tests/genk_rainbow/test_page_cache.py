"""The anonymous page cache (genk_rainbow/page_cache.py): a change shows at once, signed-in
users never get a stored page, visitors still get no cookies."""

import datetime

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone, translation

from actionplan.models import Action
from tests.factories import ActionFactory, EventFactory, ObjectiveFactory, PlanFactory


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


def test_signed_in_users_never_get_a_stored_page(client, staff_client, page_cache, action):
    anonymous = client.__class__()
    anonymous.get(action.url)  # stored
    # A change that bypasses the signals: the stored anonymous page is now stale.
    Action.objects.filter(pk=action.pk).update(title_nl="Regenboogbank")
    assert "Regenboogzebrapad" in anonymous.get(action.url).content.decode()
    response = staff_client.get(action.url)
    assert "Regenboogbank" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


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
    """ConditionalGetMiddleware sits outside the page cache: a subscription asking again with
    the ETag it has gets 304 Not Modified, also when the answer comes from the cache."""
    url = reverse(name)
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    with django_assert_num_queries(0):  # from the cache
        again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
