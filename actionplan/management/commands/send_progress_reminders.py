from django.core.management.base import BaseCommand

from actionplan.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Email each responsible staff member the actions without a progress update in 90 days "
        "(at most once a week per action). Meant for a daily timer."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(
            f"Reminders sent to {len(sent)} people about {sum(sent.values())} actions."
        )
