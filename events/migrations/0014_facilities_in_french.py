"""The accessibility facilities' names in French (the vocabulary is fixed, like its Dutch and
English names in 0002)."""

from django.db import migrations

FRENCH = {
    "wheelchair-accessible": "Accessible en fauteuil roulant",
    "accessible-toilet": "Toilettes adaptées",
    "hearing-loop": "Boucle magnétique",
    "sign-language": "Interprète en langue des signes flamande",
    "subtitles": "Sous-titrage",
    "low-stimulus": "Faibles stimulations",
    "assistance-dogs": "Chiens d'assistance bienvenus",
    "quiet-room": "Espace calme",
}


def name_in_french(apps, schema_editor):
    Facility = apps.get_model("events", "Facility")
    for code, name in FRENCH.items():
        Facility.objects.filter(code=code).update(name_fr=name)


class Migration(migrations.Migration):
    dependencies = [("events", "0013_locality_from_identity")]
    operations = [migrations.RunPython(name_in_french, migrations.RunPython.noop)]
