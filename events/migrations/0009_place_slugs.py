"""Every venue that existed becomes a place with a public page: slugs per language from its
name (the Dutch name where a language has none), unique among places."""

from django.conf import settings
from django.db import migrations
from django.utils.text import slugify


def fill_slugs(apps, schema_editor):
    Place = apps.get_model("events", "Place")
    columns = {field.name for field in Place._meta.get_fields()}
    # The languages this migration knows (one added later gets its slugs from its own).
    codes = [code for code, _name in settings.LANGUAGES if f"slug_{code}" in columns]
    taken = {code: set() for code in codes}
    for place in Place.objects.order_by("pk"):
        default_name = getattr(place, f"name_{codes[0]}") or place.name
        for code in codes:
            text = getattr(place, f"name_{code}") or default_name
            base = slugify(text)[:180] or "place"
            candidate, number = base, 1
            while candidate in taken[code]:
                number += 1
                candidate = f"{base}-{number}"
            taken[code].add(candidate)
            setattr(place, f"slug_{code}", candidate)
        place.slug = getattr(place, f"slug_{codes[0]}")
        place.save(update_fields=["slug", *(f"slug_{code}" for code in codes)])


class Migration(migrations.Migration):
    dependencies = [("events", "0008_place_fields")]

    operations = [migrations.RunPython(fill_slugs, migrations.RunPython.noop)]
