"""Loaded first by pytest (-p in pyproject.toml): production-like settings (DEBUG off) with a
throw-away key and plain HTTP, before Django reads its settings."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-used-anywhere-else")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault(
    "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# collectstatic does not run for tests; WhiteNoise still wants its directory to exist.
os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp(prefix="regenboog-static-"))
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")  # tests that need it turn it on
os.environ.setdefault("FRAGMENT_CACHE_SECONDS", "0")  # the same
# Two-factor secrets are encrypted (genk_rainbow/mfa.py); a fixed Fernet key for tests only.
os.environ.setdefault("MFA_ENCRYPTION_KEYS", "dGVzdHMtb25seS1tZmEta2V5LW5vdC1mb3ItdXNlLTA=")
