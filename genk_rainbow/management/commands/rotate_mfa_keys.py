from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction

from genk_rainbow import mfa


class Command(BaseCommand):
    help = (
        "Re-encrypt every two-factor secret with the first of MFA_ENCRYPTION_KEYS, so older "
        "keys can be removed (docs/deployment.md)."
    )

    def handle(self, *args, **options):
        count = 0
        with transaction.atomic():
            for authenticator in Authenticator.objects.select_for_update().filter(
                type__in=mfa.SECRET_KEYS
            ):
                authenticator.data = mfa.convert_data(
                    authenticator.type, authenticator.data, mfa.rotate
                )
                authenticator.save(update_fields=["data"])
                count += 1
        self.stdout.write(f"{count} authenticators encrypted with the first key.")
