"""TOTP secrets and recovery-code seeds stored before encryption are encrypted
(genk_rainbow/mfa.py); going back decrypts them again."""

from django.db import migrations

from genk_rainbow import mfa


def convert(apps, function):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=mfa.SECRET_KEYS):
        authenticator.data = mfa.convert_data(authenticator.type, authenticator.data, function)
        authenticator.save(update_fields=["data"])


def encrypt(apps, schema_editor):
    convert(apps, mfa.rotate)  # plain text is encrypted, encrypted values stay valid


def decrypt(apps, schema_editor):
    convert(apps, mfa.decrypt)


class Migration(migrations.Migration):
    dependencies = [
        ("genk_rainbow", "0005_city_staff_reminder_permissions"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]
