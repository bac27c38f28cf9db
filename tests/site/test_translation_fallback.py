"""Content without an English text shows the Dutch one; city staff see that it is a fallback."""

import pytest
from django.utils import translation

from genk_rainbow.models import Page, PageKey
from tests.factories import ActionFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db

MARKER = "Dutch text, no English translation yet"


@pytest.fixture
def half_translated_action():
    return ActionFactory(
        objective__plan__state="current",
        title_nl="Regenboogzebrapad vernieuwen",
        title_en="Renew the rainbow crossing",
        summary_nl="Het zebrapad krijgt nieuwe kleuren.",
        summary_en="",
        description_nl="Een **nieuw** zebrapad.",
        description_en="",
    )


def english_page(client, obj):
    with translation.override("en"):
        return client.get(obj.get_absolute_url()).content.decode()


def test_staff_see_which_texts_fall_back_to_dutch(staff_client, half_translated_action):
    html = english_page(staff_client, half_translated_action)
    assert "Het zebrapad krijgt nieuwe kleuren." in html  # the fallback itself
    assert MARKER in html
    marker = html[html.index(MARKER) :].split("</p>")[0]
    assert "Summary, description" in marker
    assert "title" not in marker.lower()


def test_visitors_and_partners_see_the_fallback_without_the_marker(client, half_translated_action):
    html = english_page(client, half_translated_action)
    assert "Het zebrapad krijgt nieuwe kleuren." in html
    assert MARKER not in html
    client.force_login(UserFactory())
    assert MARKER not in english_page(client, half_translated_action)


def test_no_marker_on_dutch_pages_or_complete_translations(staff_client, half_translated_action):
    with translation.override("nl"):
        html = staff_client.get(half_translated_action.get_absolute_url()).content.decode()
    assert "Dutch text" not in html and "Nederlandse tekst" not in html
    partner = PartnerFactory(description_nl="Tekst", description_en="Text")
    assert MARKER not in english_page(staff_client, partner)


def test_marker_on_content_pages(staff_client, rainbow_plan):
    page = Page.objects.get(key=PageKey.PRIVACY)
    page.body_en = ""
    page.save()
    with translation.override("en"):
        html = staff_client.get(page.get_absolute_url()).content.decode()
    assert MARKER in html
