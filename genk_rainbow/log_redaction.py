"""Secrets some URLs carry, kept out of every log: the first request of an invitation link
(partners.workspace.accept_invitation moves the token out of the URL, but that one request
can still be logged, e.g. a refused CSRF check) and allauth's password-reset and
email-confirmation keys. Django's own loggers quote the path of 4xx answers."""

import logging
import re

SECRET_IN_PATH = re.compile(
    r"(/(?:uitnodiging|invitation)/|/accounts/password/reset/key/|/accounts/confirm-email/)"
    r"(?!accept/)[^/?#\s]+"
)


def redact(text):
    return SECRET_IN_PATH.sub(r"\1*", text) if isinstance(text, str) else text


class RedactSecrets(logging.Filter):
    """On the loggers that write request paths (settings.LOGGING)."""

    def filter(self, record):
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
