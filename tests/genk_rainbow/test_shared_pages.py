"""Signed-in users on public pages get the stored page with their own parts
(genk_rainbow/shared_pages.py): what they get equals the page made afresh for them."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import resolve, reverse
from django.utils import translation

from tests.genk_rainbow.conftest import same_parts
from tests.site.test_public_pages import public_urls

pytestmark = pytest.mark.django_db


def _shared_urls():
    urls = public_urls("nl")
    return [url for url in urls if hasattr(resolve(url.split("?")[0]).func, "personal_when")]


@pytest.mark.parametrize("who", ["member", "staff"])
def test_a_signed_in_user_gets_the_page_made_for_them(site, settings, who):
    user = Client()
    user.force_login(site[who])
    urls = _shared_urls()
    assert len(urls) > 25
    settings.PAGE_CACHE_SECONDS = 0
    fresh = {url: user.get(url) for url in urls}
    settings.PAGE_CACHE_SECONDS = 300
    caches["pages"].clear()
    anonymous = Client()
    for url in urls:
        anonymous.get(url)  # stored
        shared = user.get(url)
        assert shared.status_code == fresh[url].status_code == 200, url
        assert same_parts(shared.content.decode()) == same_parts(fresh[url].content.decode()), url
        assert "no-store" in shared["Cache-Control"] and not shared.has_header("ETag"), url


def test_the_stored_page_carries_the_users_own_navigation(
    site, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 300
    caches["pages"].clear()
    url = reverse("events:agenda")
    Client().get(url)
    anonymous = Client().get(url).content.decode()
    assert "Werkruimte" not in anonymous and "Aanmelden voor partners" in anonymous
    member = Client()
    member.force_login(site["member"])
    with django_assert_max_num_queries(2):  # the session and the user: the page is stored
        response = member.get(url)
    html = response.content.decode()
    assert "Werkruimte" in html and "Afmelden" in html and "Aanmelden voor partners" not in html
    assert 'name="csrfmiddlewaretoken"' in html and response.cookies.get(settings.CSRF_COOKIE_NAME)
    assert "Regenboogpicknick" in html


def test_a_member_sees_the_internal_activity_on_the_action_page(site, settings):
    """The action page says it is personal for those who see more: never the stored page."""
    settings.PAGE_CACHE_SECONDS = 300
    caches["pages"].clear()
    with translation.override("nl"):
        url = site["action"].get_absolute_url()
    Client().get(url)
    assert "Interne vorming" not in Client().get(url).content.decode()
    for who in ("member", "staff"):
        user = Client()
        user.force_login(site[who])
        assert "Interne vorming" in user.get(url).content.decode(), who


def test_a_page_made_for_a_signed_in_user_is_never_stored(site, settings):
    settings.PAGE_CACHE_SECONDS = 300
    caches["pages"].clear()
    member = Client()
    member.force_login(site["member"])
    member.get(reverse("events:agenda"))
    assert not [key for key in caches["pages"]._cache if ":page:" in key]
