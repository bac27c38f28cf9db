import pytest
from django.core.cache import caches
from django.db import connection
from django.utils import translation

from actionplan.loader import load_rainbow_plan
from genk_rainbow.identity import forget_identity
from genk_rainbow.page_cache import local_pages
from genk_rainbow.stored_parts import part_store

from .factories import SiteIdentityFactory, StaffUserFactory, UserFactory

# The production smoke tests run against real servers: bin/production-smoke runs them.
collect_ignore = ["production"]


@pytest.fixture
def rainbow_plan(db):
    """The city's real plan, as `manage.py load_rainbow_plan` loads it."""
    return load_rainbow_plan()


@pytest.fixture
def fragments(settings):
    """The parts of pages kept per version (genk_rainbow/fragments.py), on and empty; the
    tests' settings keep none (FRAGMENT_CACHE_SECONDS=0)."""
    settings.FRAGMENT_CACHE_SECONDS = 3600
    caches["fragments"].clear()
    part_store.clear()
    yield
    caches["fragments"].clear()
    part_store.clear()


@pytest.fixture
def write_underneath(db):
    """A write the portal does not see: another process's, or a restore's (past Django's
    wrappers, so genk_rainbow/generations.py gives no table a new generation)."""

    def write(sql, *params):
        if connection.vendor == "sqlite":
            sql = sql.replace("%s", "?")
        connection.ensure_connection()
        connection.connection.cursor().execute(sql, params)

    return write


@pytest.fixture
def genk_identity(db):
    """Genk's names and languages, for a test that builds its data with factories."""
    return SiteIdentityFactory()


@pytest.fixture
def staff_user(db):
    return StaffUserFactory()


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create many accounts; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_identity():
    """The identity is read once per request; a test's database starts without the last's."""
    forget_identity()


@pytest.fixture(autouse=True)
def fresh_page_copies():
    """A process's copies of stored pages belong to the last test's database."""
    local_pages.forget()


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Each test starts in the site's default language (a request may have switched it)."""
    with translation.override("nl"):
        yield
