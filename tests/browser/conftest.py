"""Real-browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium), never a
downloaded browser, against pytest-django's live server."""

import importlib
import os
import shutil

import pytest
from django.db.models import Q

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium package")
        pytest.skip(
            f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _city_staff_group(request):
    """A live server needs a transactional database, which is emptied after each test, and with
    it the group 'City staff' that a data migration made: make it again as the migration does.
    (serialized_rollback did not bring it back when other database tests ran first.)"""
    if "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    from django.contrib.auth.models import Group, Permission

    migration = importlib.import_module("genk_rainbow.migrations.0002_city_staff_group")
    wanted = Q(pk__in=[])
    for app_label, models in migration.STAFF_PERMISSIONS.items():
        for model, verbs in models.items():
            codenames = [f"{verb}_{model}" for verb in verbs]
            wanted |= Q(content_type__app_label=app_label, codename__in=codenames)
    group, _ = Group.objects.get_or_create(name="City staff")
    group.permissions.set(Permission.objects.filter(wanted))


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth accepts an authenticator code once and remembers it in the cache; each browser
    test signs in anew, possibly within the same 30-second period as the test before."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
