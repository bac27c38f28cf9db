"""gunicorn's access log without the secrets some URLs carry (genk_rainbow.log_redaction).
Used with `gunicorn --logger-class genk_rainbow.gunicorn_logging.RedactingLogger`
(docs/deployment.md)."""

from gunicorn.glogging import Logger

from .log_redaction import redact

# The request line, path and Referer, as the standard and custom log formats name them.
URL_ATOMS = ["r", "U", "f", "{referer}i", "{raw_uri}e", "{path_info}e", "{http_referer}e"]


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in URL_ATOMS:
            if name in atoms:
                atoms[name] = redact(atoms[name])
        return atoms
