"""City staff keep the indicators: define and change them, set targets, record and correct
values (not delete an indicator: its values are the plan's record)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "view_indicator", "add_indicator", "change_indicator",
    "view_indicatortarget", "add_indicatortarget", "change_indicatortarget",
    "delete_indicatortarget",
    "view_indicatorvalue", "add_indicatorvalue", "change_indicatorvalue",
]  # fmt: skip


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="City staff").permissions.add(
        *Permission.objects.filter(content_type__app_label="indicators", codename__in=CODENAMES)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0001_initial"),
        ("genk_rainbow", "0002_city_staff_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
