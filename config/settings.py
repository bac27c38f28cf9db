"""Settings for Regenboog Genk. Every value that differs between machines comes from the
environment (or a .env file beside manage.py); see .env.example for the full list."""

import base64
import hashlib
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if DEBUG:
    # A throw-away key for local development only; production must set its own.
    SECRET_KEY = SECRET_KEY or "insecure-development-key-do-not-use-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
elif not SECRET_KEY or not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "With DEBUG off, SECRET_KEY and ALLOWED_HOSTS must be set in the environment "
        "(see .env.example)."
    )

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "genk_rainbow",
    "partners",
    "actionplan",
    "indicators",  # measured values and yearly targets of the plan
    "events",
    "reports",
    "search",  # site-wide search: reads the public content of the apps above
    "api",  # the open-data API: reads the apps above, as the workspace does
    "workspace",  # reads every app above: nothing imports it
    "bench",  # demo data for the benchmark and for trying the portal out
]

MIDDLEWARE = [
    # First: a stored page costs one cache round trip and nothing else. It is stored with the
    # headers of the whole stack below (the CSP header matching its nonces, the security
    # headers, the ETag) and answers 304 itself; its key holds the scheme, so an http request
    # still reaches SecurityMiddleware's redirect (genk_rainbow/page_cache.py).
    "genk_rainbow.page_cache.AnonymousPageCacheMiddleware",
    # Made afresh: the tables a GET reads, for the parts of its page kept until one of them
    # is written (genk_rainbow/generations.py, stored_parts.py).
    "genk_rainbow.generations.ReadsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "genk_rainbow.middleware.UnreadableInputMiddleware",
    # ETag on every GET answer that may be stored, and 304 for a client that has it already
    # (calendar subscriptions and feed readers ask every few hours).
    "django.middleware.http.ConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # /api/ only (CORS_URLS_REGEX)
    "api.middleware.ApiCacheControlMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "genk_rainbow.middleware.PublishedLanguagesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "genk_rainbow.middleware.StaffMFARequiredMiddleware",
    "genk_rainbow.middleware.PrivatePagesMiddleware",
    "genk_rainbow.middleware.PermissionDeniedLogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: a signed-in user on a public page gets the stored page with their own parts.
    "genk_rainbow.shared_pages.SharedPagesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "genk_rainbow.context_processors.identity",
                "genk_rainbow.context_processors.fragments",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Accounts (django-allauth): sign in by email; accounts only through an invitation.
ACCOUNT_ADAPTER = "genk_rainbow.accounts.InvitationOnlyAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# Rate limits on login, failed logins, password resets and codes: allauth's defaults, kept in
# the shared cache below so every process (and every server) counts the same attempts.
# Changing the email address or two-factor set-up asks for the password (or a code) again when
# the last sign-in is older than this many seconds; changing the password asks for the old one.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "workspace"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
# Two-factor authentication (allauth.mfa): required for city staff and admin users
# (genk_rainbow.middleware.StaffMFARequiredMiddleware), available to everyone.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# A code typed as the app turns to the next one still counts (RFC 6238 section 5.2 allows one
# step of delay): without it a person, or a browser test, near the 30-second boundary fails.
MFA_TOTP_TOLERANCE = 1

# One cache shared by every process and server: allauth's rate limits count there.
# Redis when REDIS_URL is set (production), otherwise a table in the database
# (`manage.py createcachetable`), never a per-process memory cache.
REDIS_URL = env.str("REDIS_URL", default="")
REDIS_CACHE_BACKEND = "genk_rainbow.cache.ResilientRedisCache"  # keeps serving if Redis stops
CACHES = {
    "default": {
        # Redis down: rate limits count in each process's memory (genk_rainbow/cache.py).
        "BACKEND": REDIS_CACHE_BACKEND,
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "regenboog",
        "FALLBACK": "memory",
    }
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
    },
    # Anonymous visitors' pages (genk_rainbow/page_cache.py): Redis when configured, else this
    # process's memory (fine for one process; production runs Redis).
    "pages": {
        # Redis down: pages are made afresh, nothing is stored.
        "BACKEND": REDIS_CACHE_BACKEND,
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "regenboog-pages",
        "FALLBACK": "none",
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    # Parts of pages kept under the version of what they show ({% cache %} with the object's
    # id and changed time in its key): the key changes with the content, so this process's
    # memory is as right as a shared store, and costs no round trip.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": 10000},
    },
}
# How long an anonymous visitor's page is kept (0: no page cache). Content changes invalidate
# at once; the time bounds what changes with the clock alone (the agenda's "upcoming").
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# Each process serves the pages it has served before from memory, trusting the generation it
# read for this long (0: ask the cache every time): a change saved in another process shows
# within this time (genk_rainbow/page_cache.py). The copies take at most this many bytes.
PAGE_CACHE_LOCAL_SECONDS = env.float("PAGE_CACHE_LOCAL_SECONDS", default=1.0)
PAGE_CACHE_LOCAL_BYTES = env.int("PAGE_CACHE_LOCAL_BYTES", default=32 * 1024 * 1024)
# Parts of pages kept under the version of what they show (a calendar's VEVENTs per event):
# a page made afresh after one change reuses the others' (0: none are kept).
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=24 * 3600)
# A part of a page that lists what is upcoming or going on ({% stored ... clock %}) is made
# afresh at least this often: it changes with the clock as well as with the content.
FRAGMENT_CLOCK_SECONDS = env.int("FRAGMENT_CLOCK_SECONDS", default=60)
# The parts of pages a process keeps take at most this many bytes (least recently served out).
FRAGMENT_CACHE_BYTES = env.int("FRAGMENT_CACHE_BYTES", default=32 * 1024 * 1024)
# What anonymous pages and feeds tell browsers (max-age) and shared caches such as nginx or a
# CDN (s-maxage; stale-while-revalidate: serve the old copy while fetching a new one), in
# seconds. A shared cache does not see content changes: s-maxage bounds how late they show.
# Browsers ask again every time (0; with the ETag, a 304): after signing in, a page seen
# anonymously must not come back from the browser's cache.
PUBLIC_CACHE_MAX_AGE = env.int("PUBLIC_CACHE_MAX_AGE", default=0)
PUBLIC_CACHE_S_MAXAGE = env.int("PUBLIC_CACHE_S_MAXAGE", default=60)
PUBLIC_CACHE_STALE_WHILE_REVALIDATE = env.int("PUBLIC_CACHE_STALE_WHILE_REVALIDATE", default=60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Dutch is the city's language and the fallback for every translated text.
LANGUAGE_CODE = "nl"
# Every language the interface has a catalogue for; a city publishes the ones its identity
# lists (SiteIdentity.languages), so a language is added here once, for every city.
LANGUAGES = [("nl", _("Dutch")), ("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Dates per language: English pages read `1 December 2026` (config/formats/en), Dutch ones
# `1 december 2026` (Django's Dutch formats); a language without a module gets Django's.
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True
# The city's time zone: repeating events are stored in it, so it is a setting of the server
# (a content file naming another is refused on loading).
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Brussels")

MODELTRANSLATION_DEFAULT_LANGUAGE = "nl"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("nl",)

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}

# Uploads on an S3-compatible object store instead of MEDIA_ROOT (optional dependency:
# `pip install ".[s3]"`, django-storages). nginx proxies /media/ to the bucket, so images keep
# coming from the portal's own host (the CSP and the no-other-hosts rule hold): set
# MEDIA_S3_CUSTOM_DOMAIN to "<host>/media". See docs/deployment.md.
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("MEDIA_S3_REGION", default="") or None,
            "access_key": env.str("MEDIA_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("MEDIA_S3_SECRET_ACCESS_KEY", default="") or None,
            "custom_domain": env.str("MEDIA_S3_CUSTOM_DOMAIN", default="") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }

# consolemail:// in development; smtp+tls://user:password@host:587 in production.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="regenboog@genk.be")
# The portal's public address, for links in emails sent outside a request (notifications).
SITE_URL = env.str("SITE_URL", default="http://localhost:8000")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Cross-Origin-Resource-Policy and Permissions-Policy have no Django setting:
# PrivatePagesMiddleware sends them. The portal uses no browser feature that needs a grant.
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer", "browsing-topics", "camera", "display-capture", "geolocation",
        "gyroscope", "magnetometer", "microphone", "payment", "usb",
    ]
)  # fmt: skip
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # __Host- cookies: only over HTTPS, for this exact host, path / (no subdomain can set them).
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # Joining the browsers' preload list is a decision for genk.be as a whole, not for
        # this portal: without it, check --deploy would warn (security.W021).
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content Security Policy (django-csp 4): only this site's own files; no inline script or
# style, no eval. Inline <script> elements would need nonce="{{ request.csp_nonce }}".
# data: images are allowed for the QR code of the authenticator-app set-up (an SVG data URI).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],  # the city's colour (SiteIdentity.colour_variables)
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# Map tiles, loaded only after a visitor presses "Show the map" on the map, place and event
# pages; the CSP allows this host's images on those pages alone (events/maps.py, events/views.py).
MAP_TILE_URL = env.str("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")

# Reverse proxies in front of gunicorn (nginx: 1) whose X-Forwarded-For is trusted for the
# client address: allauth's rate limits (per address) and the security log read it from here.
# Left at 0 behind nginx, every visitor would be 127.0.0.1 and share one sign-in limit.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("NUM_PROXIES", default=0)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "timestamped": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "timestamped"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# Privacy (GDPR): retention periods, two-factor secrets encrypted at rest. Kept in one block
# so it merges apart from the rest. `manage.py purge_expired` (daily) deletes what is older.
# Used or expired invitations, once their period is over: they tie an address to a partner.
INVITATION_RETENTION_DAYS = env.int("INVITATION_RETENTION_DAYS", default=90)
# Sign-in sessions past their expiry date (Django keeps them until something deletes them).
EXPIRED_SESSION_RETENTION_DAYS = env.int("EXPIRED_SESSION_RETENTION_DAYS", default=0)
# The admin's change log (the security log's record of admin changes) and the server's
# security log lines (docs/deployment.md: journald keeps them as long).
SECURITY_LOG_RETENTION_DAYS = env.int("SECURITY_LOG_RETENTION_DAYS", default=365)
# Records of reminders mailed to staff (actionplan.Reminder): needed only to not repeat them.
SENT_NOTIFICATION_RETENTION_DAYS = env.int("SENT_NOTIFICATION_RETENTION_DAYS", default=90)
# TOTP secrets and recovery-code seeds are encrypted with Fernet (genk_rainbow.mfa); the first
# key encrypts, any key decrypts, so a new key goes first and an old one is removed after
# `manage.py rotate_mfa_keys` (docs/deployment.md). Each key: Fernet.generate_key().
MFA_ADAPTER = "genk_rainbow.mfa.EncryptingMFAAdapter"
MFA_ENCRYPTION_KEYS = env.list("MFA_ENCRYPTION_KEYS", default=[])
if not MFA_ENCRYPTION_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "With DEBUG off, MFA_ENCRYPTION_KEYS must be set in the environment "
            "(see docs/deployment.md)."
        )
    # Development only: a key derived from the development SECRET_KEY.
    MFA_ENCRYPTION_KEYS = [
        base64.urlsafe_b64encode(hashlib.sha256(b"mfa:" + SECRET_KEY.encode()).digest()).decode()
    ]
# Invitation tokens and allauth's keys never reach a log line, whatever logger quotes a path.
LOGGING["filters"] = {"redact_secrets": {"()": "genk_rainbow.log_redaction.RedactSecrets"}}
LOGGING["loggers"] = {
    name: {"filters": ["redact_secrets"]}
    for name in ["django.request", "django.security.csrf", "regenboog.security"]
}

# The open-data API (api/, Django REST framework + drf-spectacular): read-only, anonymous, no
# cookies, any origin may read it, requests limited per client address (behind the same
# trusted proxies as the sign-in limits).
OPEN_DATA_LICENCE = env.str("OPEN_DATA_LICENCE", default="CC BY 4.0")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env.str("API_RATE_LIMIT", default="120/minute")},
    "NUM_PROXIES": ALLAUTH_TRUSTED_PROXY_COUNT,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Rainbow Action Plan open data",
    "DESCRIPTION": "A city's Rainbow Action Plan: plans, objectives, actions "
    "with their progress, events, partners, target groups and places. Read-only.",
    "VERSION": "1",
    "LICENSE": {"name": OPEN_DATA_LICENCE},
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # The city's site name and data licence from its identity (api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.city_identity",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ActionStatusEnum": "actionplan.models.Status",
        "EventStatusEnum": "events.occurrences.EventStatus",
    },
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
