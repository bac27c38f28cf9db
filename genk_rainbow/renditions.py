"""Responsive copies of an uploaded image: WebP at a few widths beside the original (which
genk_rainbow/images.py has already cleaned), made the first time a page shows the image and
kept in the same storage. `{% responsive_image %}` (templatetags/rainbow.py) writes the
<picture> with their srcset, the original as fallback, width and height (no layout shift)
and lazy loading."""

import io
import posixpath

from django.core.files.base import ContentFile
from PIL import Image

WIDTHS = (400, 800, 1200)
QUALITY = 80


def rendition_name(name, width):
    root, _ext = posixpath.splitext(name)
    return f"{root}-{width}w.webp"


def renditions(field):
    """{"srcset": "url 400w, ...", "width": w, "height": h} for an image field's file, making
    the WebP copies that are missing; None when the file cannot be read."""
    storage, name = field.storage, field.name
    try:
        with storage.open(name) as handle, Image.open(handle) as image:
            width, height = image.size  # from the header: the pixels only when a copy is made
            made = []
            for target in WIDTHS:
                size = min(target, width)  # never wider than the original
                copy_name = rendition_name(name, size)
                if not storage.exists(copy_name):
                    image.load()
                    copy = image.copy()
                    copy.thumbnail((size, max(1, round(size * height / width))))
                    buffer = io.BytesIO()
                    copy.save(buffer, "WEBP", quality=QUALITY)
                    copy_name = storage.save(copy_name, ContentFile(buffer.getvalue()))
                made.append(f"{storage.url(copy_name)} {size}w")
                if target >= width:
                    break
    except (OSError, ValueError):
        return None
    return {"srcset": ", ".join(made), "width": width, "height": height}
