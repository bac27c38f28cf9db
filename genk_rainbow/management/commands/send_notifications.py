from django.core.management.base import BaseCommand

from genk_rainbow.notifications import send_unsent


class Command(BaseCommand):
    help = (
        "Email the notifications that could not be sent yet (the mail server was down). "
        "Meant for the daily timer; running it twice sends nothing twice."
    )

    def handle(self, *args, **options):
        sent, failed = send_unsent()
        self.stdout.write(f"Notifications sent: {sent}; still waiting: {failed}.")
        if failed:
            self.stderr.write("The mail server refused some notifications; they are kept.")
