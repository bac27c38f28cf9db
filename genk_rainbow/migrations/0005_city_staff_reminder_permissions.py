"""City staff may read the record of reminders sent."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="City staff").permissions.add(
        Permission.objects.get(content_type__app_label="actionplan", codename="view_reminder")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("genk_rainbow", "0004_city_staff_event_permissions"),
        ("actionplan", "0003_reminder"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
