"""The city's names and contact block come from content (the content file, then the admin),
never from templates: every page's footer and the contact page show them, and what the city's
text does not say is marked as still to be completed."""

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from actionplan.loader import load_rainbow_plan
from genk_rainbow.models import SiteIdentity

pytestmark = pytest.mark.django_db


def footer(client, url="/nl/"):
    tree = lxml.html.fromstring(client.get(url).content)
    return " ".join(tree.xpath("//footer")[0].text_content().split())


def test_the_loaded_plan_names_the_city_and_marks_the_missing_contact(client, rainbow_plan):
    text = footer(client)
    assert "Stad Genk" in text and "Regenboog Genk is een website van Stad Genk." in text
    assert "aan te vullen door de stad" in text
    assert "City of Genk" in footer(client, "/en/")
    contact = client.get("/nl/contact/")
    assert contact.status_code == 200
    assert "aan te vullen door de stad" in contact.content.decode()


@override_settings(PAGE_CACHE_SECONDS=300)
def test_contacts_staff_enter_show_at_once_on_every_page_even_a_stored_one(client, rainbow_plan):
    assert "Telefoon" not in footer(client)  # the page is now stored for anonymous visitors
    identity = SiteIdentity.objects.get()
    identity.service_name_nl = "Dienst Diversiteit"
    identity.phone = "+32 89 00 00 00"
    identity.email = "diversiteit@example.org"
    identity.save()
    text = footer(client)
    assert "Dienst Diversiteit, Stad Genk" in text
    assert "Telefoon: +32 89 00 00 00" in text and "E-mail: diversiteit@example.org" in text
    assert "aan te vullen" not in text
    tree = lxml.html.fromstring(client.get("/nl/").content)
    assert tree.xpath("//footer//a[@href='tel:+3289000000']")


def test_loading_the_content_again_keeps_what_staff_entered(rainbow_plan):
    identity = SiteIdentity.objects.get()
    identity.email = "diversiteit@example.org"
    identity.save()
    load_rainbow_plan()
    assert SiteIdentity.objects.get().email == "diversiteit@example.org"


def test_a_phone_number_with_letters_is_refused_in_the_users_language(rainbow_plan):
    identity = SiteIdentity.objects.get()
    identity.phone = "bel ons maar"
    with pytest.raises(ValidationError) as refused:
        identity.full_clean()
    assert "telefoonnummer" in str(refused.value.message_dict["phone"])


def test_the_city_logo_shows_in_the_header_only_when_the_city_supplied_one(
    client, rainbow_plan, settings, tmp_path
):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from genk_rainbow.images import clean_image

    settings.MEDIA_ROOT = tmp_path
    brand = "//header//a[contains(@class, 'navbar-brand')]"
    tree = lxml.html.fromstring(client.get("/nl/").content)
    assert not tree.xpath(f"{brand}//img[contains(@class, 'site-logo')]")
    assert " ".join(tree.xpath(brand)[0].text_content().split()) == "Regenboog Genk"
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), "navy").save(buffer, "PNG")
    identity = SiteIdentity.objects.get()
    identity.logo = clean_image(SimpleUploadedFile("logo.png", buffer.getvalue(), "image/png"))
    identity.save()
    tree = lxml.html.fromstring(client.get("/nl/").content)
    assert tree.xpath(f"{brand}//img[contains(@class, 'site-logo')]")[0].get("alt") == "Stad Genk"
