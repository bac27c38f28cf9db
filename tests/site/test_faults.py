"""Faults injected into servers the test starts itself: a Redis that stops mid-run, a database
that does not answer. The portal keeps serving pages and sign-ins, and says so once in the log."""

import logging
import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
import redis
from django.conf import settings
from django.core.cache import caches
from django.urls import reverse

from actionplan.models import Action
from genk_rainbow import cache as resilient
from tests.factories import PASSWORD_FOR_TESTS, UserFactory

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """A redis-server of this test's own, on a free port, started and stopped at will."""

    def __init__(self, tmp_path):
        self.port, self.dir, self.process = free_port(), tmp_path, None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis.from_url(self.url)
        for _ in range(50):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def own_redis(tmp_path, settings, monkeypatch):
    server = RedisServer(tmp_path)
    server.start()
    monkeypatch.setattr(resilient, "RETRY_SECONDS", 0.5)
    monkeypatch.setattr(resilient, "_outages", {})
    settings.CACHES = {  # the stores production keeps in Redis; fragments stay in memory
        **settings.CACHES,
        **{
            alias: {**settings.CACHES[alias], "BACKEND": settings.REDIS_CACHE_BACKEND}
            | {"LOCATION": server.url}
            for alias in ("default", "pages")
        },
    }
    settings.CACHES["default"] |= {"KEY_PREFIX": "regenboog", "FALLBACK": "memory"}
    settings.CACHES["pages"] |= {"KEY_PREFIX": "regenboog-pages", "FALLBACK": "none"}
    settings.PAGE_CACHE_SECONDS = 300
    yield server
    if server.process.poll() is None:
        server.stop()


def test_with_redis_stopped_pages_and_sign_in_still_work(client, rainbow_plan, own_redis, caplog):
    action = Action.objects.filter(is_public=True).first()
    pages = [reverse("home"), reverse("events:agenda"), action.get_absolute_url()]
    for url in pages:
        assert client.get(url).status_code == 200
    assert redis.Redis.from_url(own_redis.url).keys("regenboog-pages:*"), "pages were cached"

    own_redis.stop()
    with caplog.at_level(logging.ERROR, logger="genk_rainbow.cache"):
        for _round in range(3):
            for url in pages:
                assert client.get(url).status_code == 200, url
        user = UserFactory()
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": PASSWORD_FOR_TESTS}
        )
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(user.pk)
    outages = [r for r in caplog.records if "does not answer" in r.getMessage()]
    assert len(outages) == 1, "one line while it is down, not one per request"


def test_with_redis_stopped_failed_sign_ins_are_still_limited(client, db, own_redis):
    own_redis.stop()
    user = UserFactory()
    for _attempt in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD_FOR_TESTS}
    )
    assert "_auth_user_id" not in client.session, "the limit counted in memory meanwhile"
    assert response.context["form"].has_error("__all__", "too_many_login_attempts")


def test_when_redis_is_back_pages_are_cached_there_again(client, db, own_redis):
    own_redis.stop()
    assert client.get(reverse("home")).status_code == 200
    own_redis.start()
    time.sleep(0.6)  # past RETRY_SECONDS
    assert client.get(reverse("home")).status_code == 200
    assert redis.Redis.from_url(own_redis.url).keys("regenboog-pages:*")
    assert caches["pages"]._outage.retry_at == 0


def test_with_the_database_down_a_plain_503_page_in_the_visitors_language():
    """A real driver error: PostgreSQL's client connecting to a port where nothing listens."""
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client(raise_request_exception=False).get('/en/', HTTP_ACCEPT_LANGUAGE='en');"
        "print(r.status_code); print(r.content.decode())"
    )
    env = {**os.environ, "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/none",
           "DJANGO_SETTINGS_MODULE": "config.settings"}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env,
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    status, _, page = result.stdout.partition("\n")
    assert status == "503", result.stdout + result.stderr
    assert "Temporarily unavailable" in page and "Traceback" not in page
    assert '<html lang="en">' in page
