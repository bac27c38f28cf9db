from django.core.management.base import BaseCommand

from workspace.retention import purge_expired


class Command(BaseCommand):
    help = (
        "Delete used and expired invitations, expired sessions, old admin log entries and "
        "records of reminders sent, each after its retention period (daily timer)."
    )

    def handle(self, *args, **options):
        for kind, count in purge_expired().items():
            self.stdout.write(f"{kind}: {count} deleted")
