"""Events join the one review workflow (genk_rainbow.review.Reviewable): the rejection reason
becomes the review comment (renamed, so no text is lost), and reviewer, review time and
submission time are recorded. Existing rows: reviewed_by stays empty (nobody recorded it);
reviewed_at is the last change of a published or rejected event, submitted_at that of a
submitted one (the review queue's order until now) -- the nearest the data knows."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import F


def review_times(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Event.objects.filter(publication__in=["published", "rejected"]).update(reviewed_at=F("updated_at"))
    Event.objects.filter(publication="submitted").update(submitted_at=F("updated_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0005_bounded_dates'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField('event', 'rejection_reason', 'review_comment'),
        migrations.RenameField('historicalevent', 'rejection_reason', 'review_comment'),
        migrations.AlterField(
            model_name='event',
            name='review_comment',
            field=models.TextField(blank=True, verbose_name='comment of the city'),
        ),
        migrations.AddField(
            model_name='event',
            name='reviewed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='reviewed at'),
        ),
        migrations.AddField(
            model_name='event',
            name='reviewed_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='reviewed by'),
        ),
        migrations.AddField(
            model_name='event',
            name='submitted_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='submitted at'),
        ),
        migrations.AlterField(
            model_name='historicalevent',
            name='review_comment',
            field=models.TextField(blank=True, verbose_name='comment of the city'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='reviewed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='reviewed at'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='reviewed_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='reviewed by'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='submitted_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='submitted at'),
        ),
        migrations.RunPython(review_times, migrations.RunPython.noop),
    ]
