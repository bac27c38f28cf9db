"""Event images reach visitors as WebP copies by width with the cleaned original as fallback,
with their size (no layout shift), lazy where they are not the page's main image."""

import io
import re

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from genk_rainbow.images import clean_image
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def photo(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "purple").save(buffer, "JPEG")
    return clean_image(SimpleUploadedFile("poster.jpg", buffer.getvalue(), "image/jpeg"))


def test_an_event_image_comes_as_webp_copies_by_width(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    event = EventFactory(title_nl="Filmavond", image=photo(1000, 500), image_alt_nl="Een affiche")
    tree = lxml.html.fromstring(client.get(event.get_absolute_url()).content)
    source, img = tree.xpath("//main//picture//source")[0], tree.xpath("//main//figure//img")[0]
    assert source.get("type") == "image/webp"
    widths = [int(w) for w in re.findall(r" (\d+)w", source.get("srcset"))]
    assert widths == [400, 800, 1000]  # never wider than the original
    for url in re.findall(r"(\S+) \d+w", source.get("srcset")):
        with Image.open(tmp_path / url.removeprefix(settings.MEDIA_URL)) as copy:
            assert copy.format == "WEBP" and copy.width in widths
    assert (img.get("alt"), img.get("width"), img.get("height")) == ("Een affiche", "1000", "500")
    assert img.get("loading") is None  # the page's own image loads at once

    agenda = lxml.html.fromstring(client.get("/nl/agenda/").content)
    thumb = agenda.xpath("//ul[contains(@class, 'occurrence-list')]//img")[0]
    assert thumb.get("loading") == "lazy" and thumb.get("alt") == "Een affiche"


def test_an_unreadable_stored_file_is_shown_without_copies(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    event = EventFactory(image=photo(300, 200), image_alt_nl="Een affiche")
    (tmp_path / event.image.name).write_bytes(b"not an image any more")
    tree = lxml.html.fromstring(client.get(event.get_absolute_url()).content)
    assert not tree.xpath("//main//source")
    assert tree.xpath("//main//figure//img")[0].get("src") == event.image.url
