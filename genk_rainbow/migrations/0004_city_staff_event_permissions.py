"""City staff keep the agenda: events, venues and changes to single dates of recurring events;
the accessibility facilities are a fixed vocabulary they only read."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADDED = {
    "events": {
        "event": ["view", "add", "change"],
        "venue": ["view", "add", "change"],
        "occurrenceoverride": ["view", "add", "change", "delete"],
        "facility": ["view"],
    }
}


def grant(apps, schema_editor):
    # The models as they were here (apps=apps): Venue, renamed Place by events 0007 later.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.get(name="City staff")
    for app_label, models in ADDED.items():
        for model, verbs in models.items():
            for verb in verbs:
                group.permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=f"{verb}_{model}")
                )


class Migration(migrations.Migration):
    dependencies = [
        ("genk_rainbow", "0003_city_staff_partner_permissions"),
        ("events", "0002_facilities"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
