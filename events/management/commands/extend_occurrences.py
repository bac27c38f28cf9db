from django.core.management.base import BaseCommand

from events.models import Event, StoredOccurrence


class Command(BaseCommand):
    help = (
        "Move the stored dates of repeating events that have not ended forward (run daily; "
        "--all rewrites the dates of every event)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Rewrite every event's dates.")

    def handle(self, *args, all=False, **options):
        if all:
            StoredOccurrence.objects.refresh(Event.objects.all())
            self.stdout.write(f"Stored the dates of {Event.objects.count()} events.")
        else:
            count = StoredOccurrence.objects.extend()
            self.stdout.write(f"Extended the dates of {count} repeating events.")
