"""City staff review activities and manage memberships; invitations they can only read (they are
sent from the workspace, which mails the link)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADDED = {
    "partners": {
        "activity": ["view", "change"],
        "membership": ["view", "add", "change", "delete"],
        "invitation": ["view"],
    }
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
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


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{verb}_{model}" for models in ADDED.values() for model, verbs in models.items() for verb in verbs]
    Group.objects.get(name="City staff").permissions.remove(
        *Permission.objects.filter(content_type__app_label="partners", codename__in=codenames)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("genk_rainbow", "0002_city_staff_group"),
        ("partners", "0002_historicalactivity_activity_invitation_membership"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
