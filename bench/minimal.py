"""The ratio's denominator: a minimal Django project (one view, two middlewares), served by
gunicorn the same way as the portal. `gunicorn bench.minimal:application`."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.minimal")

from django.http import HttpResponse
from django.urls import path

SECRET_KEY = os.environ.get("SECRET_KEY", "bench-only")
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = __name__
INSTALLED_APPS = []
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
DATABASES = {}
USE_I18N = False


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", ok)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
