"""The group 'City staff': exactly the model permissions city staff need to keep the plan current.

They may view, add and change the plan's content; deleting is limited to links between objects
(a partner on an action, an action in a year focus) so that no content or history is lost by a
click: an action that ends is marked 'stopped', not deleted.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_PERMISSIONS = {
    "actionplan": {
        "plan": ["view", "add", "change"],
        "objective": ["view", "add", "change"],
        "action": ["view", "add", "change"],
        "actionpartner": ["view", "add", "change", "delete"],
        "progressupdate": ["view", "add"],
        "yearfocus": ["view", "add", "change"],
        "yearfocusitem": ["view", "add", "change", "delete"],
        "targetgroup": ["view", "add", "change"],
        "policyaim": ["view", "add", "change"],
    },
    "partners": {
        "partner": ["view", "add", "change"],
        "partnerkindintro": ["view", "add", "change"],
    },
    "genk_rainbow": {
        "page": ["view", "change"],
    },
}


def create_city_staff(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now to attach them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="City staff")
    permissions = [
        Permission.objects.get(
            content_type__app_label=app_label, codename=f"{verb}_{model}"
        )
        for app_label, models in STAFF_PERMISSIONS.items()
        for model, verbs in models.items()
        for verb in verbs
    ]
    group.permissions.set(permissions)


def remove_city_staff(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="City staff").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("genk_rainbow", "0001_initial"),
        ("actionplan", "0001_initial"),
        ("partners", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_city_staff, remove_city_staff)]
