"""Two-factor secrets encrypted at rest. allauth stores the TOTP secret and the recovery-code
seed in `mfa_authenticator.data`; in plain text they would be in every backup and database
dump, and anyone holding one could make a staff member's codes. allauth passes them through
its adapter's `encrypt`/`decrypt`, so that is where Fernet (AES + HMAC) goes in.

Keys: settings.MFA_ENCRYPTION_KEYS, the first encrypts, any decrypts (rotation: put a new key
first, run `manage.py rotate_mfa_keys`, then remove the old one; docs/deployment.md).
"""

from functools import cache

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .identity import SiteIdentity

# Marks an encrypted value, so a legacy plain-text secret (from before encryption; the data
# migration converts them) is told apart without trying to decrypt it.
PREFIX = "fernet:"


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "Each MFA_ENCRYPTION_KEYS entry must be a Fernet key: 32 url-safe base64-encoded "
            "bytes, e.g. from cryptography.fernet.Fernet.generate_key()."
        ) from error


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.MFA_ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    return PREFIX + fernet().encrypt(text.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored  # legacy plain text
    try:
        return fernet().decrypt(stored.removeprefix(PREFIX).encode()).decode()
    except InvalidToken as error:
        # Never fall back to treating it as plain text: that would accept wrong codes.
        raise ImproperlyConfigured(
            "A two-factor secret cannot be decrypted with any of MFA_ENCRYPTION_KEYS: "
            "was a key removed before `manage.py rotate_mfa_keys` ran?"
        ) from error


def rotate(stored: str) -> str:
    """The value encrypted with the first key (plain text is encrypted)."""
    if not stored.startswith(PREFIX):
        return encrypt(stored)
    return PREFIX + fernet().rotate(stored.removeprefix(PREFIX).encode()).decode()


# Where allauth keeps secrets in Authenticator.data, per type.
SECRET_KEYS = {"totp": ["secret"], "recovery_codes": ["seed"]}


def convert_data(authenticator_type: str, data: dict, convert) -> dict:
    """`data` with every secret (and recovery codes migrated from older allauth) converted."""
    data = dict(data)
    for key in SECRET_KEYS.get(authenticator_type, []):
        if key in data:
            data[key] = convert(data[key])
    if authenticator_type == "recovery_codes" and data.get("migrated_codes") is not None:
        data["migrated_codes"] = [convert(code) for code in data["migrated_codes"]]
    return data


class EncryptingMFAAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self):
        """The name authenticator apps show beside the code: the site's own."""
        return str(SiteIdentity.current().name)

    def encrypt(self, text: str) -> str:
        return encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt(encrypted_text)
