"""Print the cookies of the load test's visitors, one per line, as `name=value`: a signed-in
partner member's session (the member is made if missing; every page of a signed-in user is
made afresh, never stored) and a CSRF cookie such as the sign-in page leaves."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand
from django.middleware.csrf import _get_new_csrf_string

from partners.models import Membership, Partner, Role


class Command(BaseCommand):
    help = "Print a partner member's session cookie and a CSRF cookie, for bin/bench."

    def handle(self, *args, **options):
        user, _created = get_user_model().objects.get_or_create(
            email="bench-partner@example.org", defaults={"username": "bench-partner"}
        )
        partner = Partner.objects.order_by("pk").first()
        Membership.objects.get_or_create(user=user, partner=partner, defaults={"role": Role.MEMBER})
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.create()
        self.stdout.write(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
        self.stdout.write(f"{settings.CSRF_COOKIE_NAME}={_get_new_csrf_string()}")
