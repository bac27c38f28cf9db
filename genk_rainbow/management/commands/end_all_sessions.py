from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Sign everyone out: delete every session, not only expired ones as clearsessions does "
        "(after restoring a backup, or when sessions may have leaked)."
    )

    def handle(self, *args, **options):
        count, _ = Session.objects.all().delete()
        self.stdout.write(f"{count} sessions ended: everyone signs in again.")
