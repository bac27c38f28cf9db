"""The portal as it runs in production, over real HTTP: gunicorn, WhiteNoise, DEBUG off,
PostgreSQL and Redis; and two instances side by side that share sessions, limits and data."""

import re
import time
import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from genk_rainbow.models import Page
from partners.models import Membership, Partner, Role
from tests.factories import PASSWORD_FOR_TESTS, StaffUserFactory, UserFactory, totp_code

from .conftest import Client


def url(name, **kwargs):
    with translation.override("nl"):
        return reverse(name, kwargs=kwargs)


def assert_security_headers(response):
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000; includeSubDomains"
    csp = response.getheader("Content-Security-Policy")
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp and "unsafe" not in csp
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "same-origin"
    assert response.getheader("Cross-Origin-Opener-Policy") == "same-origin"
    assert response.getheader("Cross-Origin-Resource-Policy") == "same-origin"
    assert "camera=()" in response.getheader("Permissions-Policy")


def test_public_pages_answer_200_with_security_headers_and_no_cookies(base_urls):
    for base in base_urls:
        client = Client(base)
        home = client.get("/nl/")
        assert home.status == 200
        paths = set(re.findall(r'href="(/(?:nl|en)/[^"#?]*)"', home.text)) | {"/en/"}
        assert len(paths) >= 8, paths
        for path in sorted(paths):
            response = client.get(path)
            assert response.status == 200, f"{base}{path}"
            assert_security_headers(response)
            if "/accounts/" not in path:  # the sign-in form needs its CSRF cookie
                assert response.getheader("Set-Cookie") is None, path
                assert "no-store" not in (response.getheader("Cache-Control") or "")


def test_plain_http_is_sent_to_https(client):
    response = client.get("/nl/", https=False)
    assert response.status == 301
    assert response.getheader("Location") == f"https://{client.host}/nl/"


def test_static_files_are_hashed_compressed_and_cached_for_a_year(client):
    home = client.get("/nl/")
    stylesheets = re.findall(r'href="(/static/[^"]+\.css)"', home.text)
    assert stylesheets
    for path in stylesheets:
        assert re.search(r"\.[0-9a-f]{12}\.css$", path), path  # manifest (hashed) name
        response = client.get(path, headers={"Accept-Encoding": "gzip"})
        assert response.status == 200
        assert response.getheader("Content-Encoding") == "gzip"
        cache_control = response.getheader("Cache-Control")
        assert "immutable" in cache_control
        assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) >= 365 * 24 * 3600


def test_unknown_pages_get_the_sites_404_page(client):
    response = client.get("/nl/bestaat-niet/")
    assert response.status == 404
    assert 'class="skip-link"' in response.text and response.text.count("<h1>") == 1
    assert "Traceback" not in response.text


def test_login_page_sets_a_host_only_secure_csrf_cookie(client):
    response = client.get(url("account_login"))
    assert response.status == 200
    cookie = response.getheader("Set-Cookie")
    assert cookie.startswith("__Host-csrftoken=")
    for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"]:
        assert attribute in cookie
    assert "Domain" not in cookie


def partner_member():
    email = f"member-{uuid.uuid4().hex[:8]}@example.org"
    user = UserFactory(email=email, username=email)
    partner = Partner.objects.order_by("pk").first()
    Membership.objects.create(user=user, partner=partner, role=Role.MEMBER)
    return user, partner


def sign_in(client, email, password=PASSWORD_FOR_TESTS):
    client.get(url("account_login"))
    return client.post(url("account_login"), {"login": email, "password": password})


@pytest.fixture
def instances(base_urls):
    assert len(base_urls) >= 2, "the scale-out test needs two instances"
    return base_urls[0], base_urls[1]


def test_a_login_on_one_instance_is_valid_on_the_other(instances):
    first, second = instances
    user, partner = partner_member()
    browser = Client(first)
    response = sign_in(browser, user.email)
    assert response.status == 302 and response.getheader("Location") == url("workspace")

    response = browser.on(second).get(url("workspace"))
    assert response.status == 200
    assert partner.name in response.text
    assert "no-store" in response.getheader("Cache-Control")

    # Signing out on the second instance ends the session on the first.
    browser.on(second).post(url("account_logout"), {})
    assert browser.get(url("workspace")).status == 302


def test_staff_two_factor_sign_in_spans_instances(instances):
    first, second = instances
    email = f"staff-{uuid.uuid4().hex[:8]}@example.org"
    StaffUserFactory(email=email, username=email)
    browser = Client(first)
    response = sign_in(browser, email)
    assert response.getheader("Location") == url("mfa_authenticate")
    response = browser.on(second).post(url("mfa_authenticate"), {"code": totp_code()})
    assert response.status == 302
    assert browser.get(url("review_queue")).status == 200


def test_a_change_made_through_one_instance_shows_on_the_other_at_once(instances):
    first, second = instances
    user, partner = partner_member()
    browser = Client(first)
    sign_in(browser, user.email)
    title = f"IDAHOT-wandeling {uuid.uuid4().hex[:6]}"
    response = browser.post(
        url("partners:activity_create"),
        {
            "partner": partner.pk,
            "title_nl": title,
            "date": "2026-05-17",
            "description_nl": "Wandeling",
        },
    )
    assert response.status == 302, response.text[:2000]
    detail = response.getheader("Location")
    response = browser.on(second).get(detail)
    assert response.status == 200 and title in response.text

    # A change saved (as the admin saves it): the signed-in partner sees it on the other
    # instance at once; anonymous visitors, whose pages each worker keeps a copy of, within
    # PAGE_CACHE_LOCAL_SECONDS (1 s).
    about = Page.objects.get(key="about")
    for base in instances:
        Client(base).get(url("pages:about"))  # stored, and copied by the worker
    about.title_nl = f"Over het beleid {uuid.uuid4().hex[:6]}"
    about.save()
    assert about.title_nl in browser.on(second).get(url("pages:about")).text
    started = time.monotonic()
    for base in instances:
        while about.title_nl not in Client(base).get(url("pages:about")).text:
            assert time.monotonic() - started < 1.5, f"{base} still shows the old page"
            time.sleep(0.1)


def test_a_write_from_any_process_shows_on_every_instance_at_once(instances):
    """Each worker keeps parts of pages (and copies of stored pages) in its own memory. A write
    made anywhere, here a QuerySet.update() from this process that sends no signal, gives its
    table a new generation in Redis (genk_rainbow/generations.py): the signed-in partner sees
    it at once on both instances, anonymous visitors within PAGE_CACHE_LOCAL_SECONDS."""
    user, partner = partner_member()
    browser = Client(instances[0])
    sign_in(browser, user.email)
    partners = url("partners:list")
    for base in instances:
        for _ in range(6):  # every worker has made the page's part, and stored the page
            assert partner.name in browser.on(base).get(partners).text
            assert partner.name in Client(base).get(partners).text
    name = f"Regenbooghuis {uuid.uuid4().hex[:6]}"
    Partner.objects.filter(pk=partner.pk).update(name_nl=name)
    for base in instances:
        for _ in range(6):
            assert name in browser.on(base).get(partners).text, base
    started = time.monotonic()
    for base in instances:
        while name not in Client(base).get(partners).text:
            assert time.monotonic() - started < 1.5, f"{base} still shows the old name"
            time.sleep(0.1)


def test_failed_logins_count_across_instances(instances):
    first, second = instances
    user, _partner = partner_member()
    for _attempt in range(5):
        response = sign_in(Client(first), user.email, password="wrong-password")
        assert response.status == 200
    response = sign_in(Client(second), user.email)
    assert response.status in {200, 429}, "the right password waits after 5 failures"
    assert response.getheader("Location") is None


PROBE = [
    ("/nl/agenda/?day=9999-06-01", 200), ("/nl/agenda/?day=9999-12-29", 200),
    ("/nl/agenda/?month=9999-11", 200), ("/nl/agenda/?day=0001-01-01", 200),
    ("/nl/agenda/?q=%00", 400), ("/nl/?utm=%00", 400),
]  # fmt: skip


def test_the_probes_bad_requests_answer_at_once_and_never_500(client):
    """The requests that froze a gunicorn worker for 30 s, against the real server."""
    for path, status in PROBE:
        began = time.monotonic()
        response = client.get(path)
        assert response.status == status, path
        assert time.monotonic() - began < 2, path
