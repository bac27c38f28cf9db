import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from partners.models import Invitation


class Command(BaseCommand):
    help = (
        "After restoring a backup: end every pending invitation sent before the given time (the "
        "backup's), since those accepted after the backup are unused again in the restored copy."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--before",
            required=True,
            help="date or date and time, e.g. 2026-11-27 or 2026-11-27T03:30 (local time)",
        )

    def handle(self, *args, before, **options):
        # A date alone means the end of that day: ending one invitation too many is harmless
        # (staff send a new one), keeping a reused link is not.
        try:
            day = parse_date(before)
            moment = datetime.datetime.combine(day, datetime.time.max) if day else None
            moment = moment or parse_datetime(before)
        except ValueError:  # well formed but impossible, e.g. month 13
            moment = None
        if not moment:
            raise CommandError(f"--before: not a date or time: {before!r}")
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        count = Invitation.objects.expire_pending(moment)
        self.stdout.write(f"{count} pending invitations sent before {moment:%Y-%m-%d %H:%M} ended.")
