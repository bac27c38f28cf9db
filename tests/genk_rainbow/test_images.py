"""Every uploaded image passes genk_rainbow.images.clean_image."""

import io

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image, ImageCms, PngImagePlugin

from genk_rainbow.images import MAX_UPLOAD_BYTES, clean_image
from partners.models import Activity, Membership
from tests.factories import PartnerFactory, UserFactory


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


# Each kind of metadata carries a marker that must not reach the saved file.
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>SECRET-XMP</dc:creator></x:xmpmeta>'
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()  # starts "...acsp"
# An IPTC block (Photoshop APP13, resource 0x0404) with a by-line, as photo tools write it.
IPTC_RECORD = b"\x1c\x02\x50\x00\x0aSECRET-BY"
IPTC = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00" + len(IPTC_RECORD).to_bytes(4, "big")
IPTC += IPTC_RECORD


def jpeg_with_all_metadata():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 90)).save(
        buffer, "JPEG", exif=exif_with_gps(), xmp=XMP, comment=b"SECRET-COMMENT", icc_profile=ICC
    )
    data = buffer.getvalue()
    app13 = b"\xff\xed" + (len(IPTC) + 2).to_bytes(2, "big") + IPTC
    return data[:2] + app13 + data[2:]  # right after the start-of-image marker


def png_with_all_metadata():
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "SECRET-TEXT")  # tEXt
    text.add_text("SecretZipped", "SECRET-ZTXT " * 20, zip=True)  # zTXt
    text.add_itxt("Description", "SECRET-ITXT", lang="nl")  # iTXt
    text.add_itxt("XML:com.adobe.xmp", XMP.decode())  # XMP lives in an iTXt chunk
    buffer = io.BytesIO()
    Image.new("RGBA", (64, 48), (200, 30, 90, 128)).save(
        buffer, "PNG", pnginfo=text, exif=exif_with_gps(), icc_profile=ICC
    )
    return buffer.getvalue()


def webp_with_all_metadata():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 90)).save(
        buffer, "WEBP", exif=exif_with_gps(), xmp=XMP, icc_profile=ICC, quality=90
    )
    return buffer.getvalue()


# Byte strings that give metadata away: our markers, the EXIF camera make, the headers of
# EXIF, XMP, IPTC and ICC blocks, and the names of PNG and WebP metadata chunks.
LEAKS = {
    "JPEG": [b"SECRET", b"PhoneMaker", b"Exif\x00", b"adobe", b"8BIM", b"acsp"],
    "PNG": [b"SECRET", b"PhoneMaker", b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"iCCP"],
    "WEBP": [b"SECRET", b"PhoneMaker", b"EXIF", b"XMP ", b"ICCP", b"adobe", b"acsp"],
}
BUILDERS = {
    "JPEG": jpeg_with_all_metadata,
    "PNG": png_with_all_metadata,
    "WEBP": webp_with_all_metadata,
}


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_no_metadata_reaches_the_saved_upload(client, settings, tmp_path, fmt):
    original = BUILDERS[fmt]()
    # The test images really carry every kind (the zTXt text is compressed: its name shows).
    for leak in LEAKS[fmt]:
        assert leak in original, leak
    partner, member = PartnerFactory(), UserFactory()
    Membership.objects.create(user=member, partner=partner)
    settings.MEDIA_ROOT = tmp_path
    client.force_login(member)

    # The partners' activity form, as a browser posts it.
    response = client.post(
        reverse("partners:activity_create"),
        {
            "partner": partner.pk,
            "title_nl": "IDAHOT-wandeling",
            "date": "2026-05-17",
            "description_nl": "Een wandeling.",
            "participants_count": "35",
            "place": "Stadsplein",
            "photo": SimpleUploadedFile(f"anna.{fmt.lower()}", original),
            "photo_alt": "Mensen met regenboogvlaggen",
        },
    )

    assert response.status_code == 302
    saved = Activity.objects.get().photo
    data = saved.read()
    for leak in LEAKS[fmt]:
        assert leak not in data, leak
    image = Image.open(io.BytesIO(data))
    assert image.format == fmt and image.size == (64, 48)
    assert not image.getexif()
    assert not {"exif", "xmp", "comment", "icc_profile", "photoshop"} & image.info.keys()
    assert not getattr(image, "text", {})  # PNG text chunks, as Pillow reads them
    assert image.convert("RGB").getpixel((10, 10)) == pytest.approx((200, 30, 90), abs=8)


def test_a_palette_png_keeps_its_transparency():
    image = Image.new("P", (8, 8), 1)
    image.putpalette([255, 255, 255, 200, 30, 90])
    image.putpixel((0, 0), 0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", transparency=0)
    upload = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")

    cleaned = Image.open(io.BytesIO(clean_image(upload).read())).convert("RGBA")

    assert cleaned.getpixel((0, 0))[3] == 0
    assert cleaned.getpixel((4, 4)) == (200, 30, 90, 255)
