"""Screenshots of the main pages in Chromium, at a desktop and a phone width, in every language:
for docs/screenshots/ (what the site looks like) and for CI, where a page that does not answer
200, or logs a script error, fails the command.

    manage.py screenshots --base-url http://127.0.0.1:8000 --out docs/screenshots

Signed-in pages (the workspace, the progress board) are taken as the city staff member named
with --staff (an account with two-factor set up): the command opens a session for them in the
database the server reads, and ends it afterwards."""

from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation

from actionplan.models import Action, Plan
from events.models import Event
from genk_rainbow.identity import SiteIdentity
from partners.models import Partner

WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
CHROMIUM = "/usr/bin/chromium"


def public_pages():
    """[(name, path)] in the active language, for the data that exists."""
    plan = Plan.objects.current()
    objective = plan.objectives.order_by("number").first() if plan else None
    action = Action.objects.public().filter(objective__plan=plan).order_by("pk").first()
    event = Event.objects.published().order_by("start").first()
    partner = Partner.objects.order_by("pk").first()
    pages = [("home", reverse("home")), ("plan", plan and plan.get_absolute_url())]
    pages += [("objective", objective and objective.get_absolute_url())]
    pages += [("action", action and action.get_absolute_url())]
    pages += [("agenda", reverse("events:agenda")), ("event", event and event.get_absolute_url())]
    pages += [("partners", reverse("partners:list"))]
    pages += [("partner", partner and partner.get_absolute_url()), ("help", reverse("pages:help"))]
    if plan:
        year = min(plan.end_year, max(plan.start_year, 2023))
        pages += [("report", reverse("reports:year", kwargs={"plan": plan.slug, "year": year}))]
    return [(name, path) for name, path in pages if path]


def staff_pages():
    return [("workspace", reverse("workspace")), ("board", reverse("actionplan:progress_board"))]


class Command(BaseCommand):
    help = "Screenshots of the main pages at desktop and phone width in every language."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", required=True, help="Where the portal runs.")
        parser.add_argument("--out", default="docs/screenshots", help="Folder for the images.")
        parser.add_argument("--staff", help="Email of a city staff member for signed-in pages.")
        parser.add_argument(
            "--languages", nargs="*", help="Default: the languages the city publishes."
        )

    def handle(self, *args, base_url, out, staff, languages, **options):
        languages = languages or SiteIdentity.current().language_codes
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        session = self._session(staff) if staff else None
        jobs = []
        for language in languages:
            with translation.override(language):
                jobs += [(language, n, p, False) for n, p in public_pages()]
                jobs += [(language, n, p, True) for n, p in staff_pages()] if session else []
        cookie = self._cookie(session, base_url) if session else None
        try:
            # Its own thread: Playwright's sync API refuses a thread with an event loop (as in
            # a test run that drives a browser already).
            with ThreadPoolExecutor(max_workers=1) as pool:
                problems, taken = pool.submit(_photograph, base_url, out, jobs, cookie).result()
        finally:
            if session:
                session.delete()
        if problems:
            raise CommandError("Pages that failed:\n" + "\n".join(problems))
        self.stdout.write(f"{taken} screenshots in {out}")

    @staticmethod
    def _session(email):
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account {email}.")
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store

    @staticmethod
    def _cookie(session, base_url):
        # Domain and path, not a URL: Chromium refuses a __Host- cookie set with a URL.
        return {
            "name": settings.SESSION_COOKIE_NAME,
            "value": session.session_key,
            "domain": urlsplit(base_url).hostname,
            "path": "/",
            "secure": settings.SESSION_COOKIE_SECURE or urlsplit(base_url).scheme == "https",
        }


def _photograph(base_url, out, jobs, cookie):
    """Take every (language, name, path, signed in) at every width; ([problems], count)."""
    from playwright.sync_api import sync_playwright  # a development tool, not in production

    problems, taken = [], 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        for size, (width, height) in WIDTHS.items():
            for signed_in in (False, True) if cookie else (False,):
                context = browser.new_context(
                    base_url=base_url, viewport={"width": width, "height": height}
                )
                if signed_in:
                    context.add_cookies([cookie])
                page = context.new_page()
                errors = []
                page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
                for language, name, path, needs_staff in jobs:
                    if needs_staff != signed_in:
                        continue
                    response = page.goto(path)
                    page.wait_for_load_state()
                    if response is None or response.status != 200:
                        problems.append(f"{path}: HTTP {response.status if response else '-'}")
                        continue
                    if errors:
                        problems.append(f"{path}: script error {errors}")
                        errors.clear()
                    page.screenshot(path=str(out / f"{name}-{language}-{size}.jpg"), type="jpeg",
                                    quality=70)  # fmt: skip
                    taken += 1
                context.close()
        browser.close()
    return problems, taken
