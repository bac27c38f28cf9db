import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

EMAIL = "staff@regenboog.localhost"


class Command(BaseCommand):
    help = (
        "Development only (DEBUG on): create a local city-staff account with a random password, "
        "printed once. No fixed default password exists anywhere."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Give the existing account a new password."
        )

    def handle(self, *args, reset, **options):
        if not settings.DEBUG:
            raise CommandError("create_dev_staff only runs with DEBUG on (local development).")
        User = get_user_model()
        user = User.objects.filter(username=EMAIL).first()
        if user and not reset:
            self.stdout.write(
                f"Local staff account {EMAIL} already exists. For a new password run:\n"
                "  .venv/bin/python manage.py create_dev_staff --reset"
            )
            return
        user = user or User(username=EMAIL, email=EMAIL, first_name="Staff")
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_staff = True
        user.save()
        user.groups.add(Group.objects.get(name="City staff"))
        EmailAddress.objects.update_or_create(
            user=user, email=EMAIL, defaults={"verified": True, "primary": True}
        )
        self.stdout.write(
            self.style.SUCCESS("Local city-staff account (shown once, keep it):")
            + f"\n  login:    {EMAIL}\n  password: {password}\n  admin:    http://127.0.0.1:8000/admin/"
        )
