"""Every uploaded image passes genk_rainbow.images.clean_image."""

import io

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from genk_rainbow.images import MAX_UPLOAD_BYTES, clean_image


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def image_file(fmt="JPEG", size=(64, 48), exif=None, name="photo.jpg"):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 90))
    image.save(buffer, fmt, **({"exif": exif} if exif is not None else {}))
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def exif_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (50.0, 58.0, 0.0), 3: "E", 4: (5.0, 30.0, 0.0)}  # GPS: Genk
    return exif


def test_exif_and_gps_are_removed_and_the_name_is_random():
    upload = image_file(exif=exif_with_gps(), name="anna-at-the-pride.jpg")
    assert Image.open(io.BytesIO(upload.read())).getexif()  # the original carries them
    upload.seek(0)

    cleaned = clean_image(upload)

    image = Image.open(io.BytesIO(cleaned.read()))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert "anna" not in cleaned.name and cleaned.name.endswith(".jpg")
    assert image.size == (64, 48)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(fmt):
    cleaned = clean_image(image_file(fmt, name=f"x.{fmt.lower()}"))
    assert Image.open(io.BytesIO(cleaned.read())).format == fmt


def test_a_file_that_is_not_an_image_is_refused():
    upload = SimpleUploadedFile("photo.jpg", b"%PDF-1.7 not an image", content_type="image/jpeg")
    with pytest.raises(forms.ValidationError, match="not an image"):
        clean_image(upload)


def test_other_image_formats_are_refused():
    with pytest.raises(forms.ValidationError, match="JPEG, PNG or WebP"):
        clean_image(image_file("GIF", name="x.gif"))


def test_a_decompression_bomb_is_refused():
    # A small PNG file that claims 20000 x 20000 pixels (400 megapixels).
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < MAX_UPLOAD_BYTES
    upload = SimpleUploadedFile("bomb.png", buffer.getvalue(), content_type="image/png")
    with pytest.raises(forms.ValidationError, match="too many pixels"):
        clean_image(upload)


def test_a_too_large_file_is_refused():
    upload = SimpleUploadedFile(
        "big.jpg", b"\xff" * (MAX_UPLOAD_BYTES + 1), content_type="image/jpeg"
    )
    with pytest.raises(forms.ValidationError, match="too large"):
        clean_image(upload)
