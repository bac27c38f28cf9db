"""A partner's logo, uploaded by staff in the admin: cleaned, shown on the partners page and
the partner's page with an alt text naming the partner, and in its Organization JSON-LD."""

import io
import json
import re

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from genk_rainbow.images import clean_image
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def test_a_partners_logo_is_on_its_pages_and_in_its_structured_data(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (600, 300), "teal").save(buffer, "PNG")
    logo = clean_image(SimpleUploadedFile("logo.png", buffer.getvalue(), "image/png"))
    partner = PartnerFactory(name_nl="OGWA", logo=logo)
    for url in ["/nl/partners/", partner.get_absolute_url()]:
        tree = lxml.html.fromstring(client.get(url).content)
        img = tree.xpath("//div[contains(@class, 'partner-logo')]//img")[0]
        assert img.get("alt") == "Logo van OGWA", url
        assert tree.xpath("//div[contains(@class, 'partner-logo')]//source[@type='image/webp']")
    page = client.get(partner.get_absolute_url()).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1)
    )
    assert data["logo"] == f"http://testserver{partner.logo.url}"


def test_a_partner_without_a_logo_shows_none(client):
    partner = PartnerFactory()
    tree = lxml.html.fromstring(client.get(partner.get_absolute_url()).content)
    assert not tree.xpath("//div[contains(@class, 'partner-logo')]")
