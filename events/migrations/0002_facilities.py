"""The fixed vocabulary of accessibility facilities (after the Flemish UiT database)."""

from django.db import migrations

FACILITIES = [
    ("wheelchair-accessible", "Rolstoeltoegankelijk", "Wheelchair accessible"),
    ("accessible-toilet", "Aangepast toilet", "Accessible toilet"),
    ("hearing-loop", "Ringleiding", "Hearing loop"),
    ("sign-language", "Tolk Vlaamse Gebarentaal", "Flemish Sign Language interpreter"),
    ("subtitles", "Ondertiteling", "Subtitles"),
    ("low-stimulus", "Prikkelarm", "Low-stimulus"),
    ("assistance-dogs", "Assistentiehonden welkom", "Assistance dogs welcome"),
    ("quiet-room", "Rustruimte", "Quiet room"),
]


def create(apps, schema_editor):
    Facility = apps.get_model("events", "Facility")
    for order, (code, name_nl, name_en) in enumerate(FACILITIES):
        Facility.objects.update_or_create(
            code=code, defaults={"name": name_nl, "name_nl": name_nl, "name_en": name_en, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
