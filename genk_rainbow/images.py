"""One way in for every uploaded image: verified by Pillow, re-encoded without metadata.

Only the pixels are kept: a new image is built from them, so nothing Pillow read (EXIF with
GPS, XMP, IPTC, JPEG comments, PNG text chunks, ICC profiles) can reach the saved file, even
where Pillow's encoders copy `image.info` on their own (the JPEG comment, the PNG ICC profile).
An ICC profile is applied before it is dropped (pixels converted to sRGB, which browsers
assume without a profile), so a wide-gamut phone photo keeps its colours; the profile itself
is not kept because it is free text (description, copyright) and names the device."""

import contextlib
import io
import uuid
import warnings

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; more is a decompression bomb here
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def clean_image(upload):
    """Return a new upload with only the pixels of `upload`: no EXIF, GPS or other metadata,
    under a random name. Raises forms.ValidationError with a message for the user."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            _("The image is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)}
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as probe:
                image_format = probe.format
                if probe.width * probe.height > MAX_PIXELS:
                    raise Image.DecompressionBombError
                probe.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()
                image = ImageOps.exif_transpose(image)  # keep the orientation the EXIF said
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise forms.ValidationError(
            _("The image has too many pixels. Use a photo of at most 40 megapixels.")
        ) from None
    except Exception:  # Pillow raises many types for broken or non-image files
        raise forms.ValidationError(
            _("This file is not an image we can read. Use a JPEG, PNG or WebP file.")
        ) from None
    if image_format not in ALLOWED_FORMATS:
        raise forms.ValidationError(_("Use a JPEG, PNG or WebP image."))

    image = pixels_only(image)
    output = io.BytesIO()
    if image_format == "JPEG":
        image.convert("RGB").save(output, "JPEG", quality=85, optimize=True)
    elif image_format == "PNG":
        image.save(output, "PNG", optimize=True)
    else:
        image.save(output, "WEBP", quality=85)
    extension = ALLOWED_FORMATS[image_format]
    return SimpleUploadedFile(
        f"{uuid.uuid4().hex}.{extension}",
        output.getvalue(),
        content_type=f"image/{image_format.lower()}",
    )


def pixels_only(image):
    """A new image with the pixels of `image` in sRGB and an empty `info`: no metadata left."""
    if image.mode not in ("L", "LA", "RGB", "RGBA"):
        # Palettes, CMYK, 16-bit: the modes whose extras (palette, transparency) live in info.
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    icc_profile = image.info.get("icc_profile")
    if icc_profile and image.mode in ("RGB", "RGBA"):
        # A broken profile: keep the pixels as they are.
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):
            image = ImageCms.profileToProfile(
                image, io.BytesIO(icc_profile), ImageCms.createProfile("sRGB")
            )
    return Image.frombytes(image.mode, image.size, image.tobytes())


class CleanImageField(forms.FileField):
    """A form field for images whose cleaned value has passed clean_image. (Not a subclass of
    forms.ImageField: that one opens the file first and answers bombs with a vaguer message.)"""

    widget = forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value and value is not initial and hasattr(value, "content_type"):
            return clean_image(value)
        return value
