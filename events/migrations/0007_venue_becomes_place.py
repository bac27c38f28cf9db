"""Venue becomes Place (one model for the plan's rainbow elements, help points and venues):
the table and its history are renamed, every row and version kept, and Event.venue is
Event.place. Django renames the content type; the permissions (view_venue, ...) are renamed
here, so city staff keep the rights they had."""

from django.db import migrations

RENAMED = {"venue": "place", "historicalvenue": "historicalplace"}


def rename_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for old, new in RENAMED.items():
        content_type = ContentType.objects.filter(app_label="events", model=new).first()
        if content_type is None:  # no permissions yet: they are made after the migrations
            continue
        for permission in Permission.objects.filter(
            content_type__app_label="events", codename__endswith=f"_{old}"
        ):
            codename = permission.codename.removesuffix(old) + new
            target = Permission.objects.filter(content_type=content_type, codename=codename)
            if target := target.first():  # made already by another migration: move the holders
                for group in permission.group_set.all():
                    group.permissions.add(target)
                for user in permission.user_set.all():
                    user.user_permissions.add(target)
                permission.delete()
            else:
                permission.content_type = content_type
                permission.codename = codename
                permission.name = permission.name.replace("venue", "place")
                permission.save()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0006_review_workflow"),
        # City staff are given the venue permissions there; they are renamed here.
        ("genk_rainbow", "0004_city_staff_event_permissions"),
    ]

    operations = [
        migrations.RenameModel("Venue", "Place"),
        migrations.RenameModel("HistoricalVenue", "HistoricalPlace"),
        migrations.RenameField("event", "venue", "place"),
        migrations.RenameField("historicalevent", "venue", "place"),
        migrations.RunPython(rename_permissions, migrations.RunPython.noop),
    ]
