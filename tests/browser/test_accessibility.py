"""WCAG 2.1 AA in a real browser: axe-core finds nothing on any public page, in Dutch and
English, and the browser asks nothing of any host but the portal's and keeps no cookie.

New public pages join by being added to `tests.test_public_pages.public_urls`."""

import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from genk_rainbow.loader import load_rainbow_plan
from tests.test_public_pages import public_urls

from .axe import describe, preload, violations

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def test_every_public_page_passes_axe_asks_only_the_portal_and_sets_no_cookie(browser, live_server):
    load_rainbow_plan()
    context = browser.new_context(base_url=live_server.url)
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    preload(context)
    page = context.new_page()
    problems = []
    started = time.monotonic()
    visited = 0
    for language in LANGUAGES:
        not_found = f"/{language}/no-such-page-404/"
        for url in [*public_urls(language), not_found]:
            response = page.goto(url)
            expected = 404 if url == not_found else 200
            if response.status != expected:
                problems.append(f"{url}: HTTP {response.status}, expected {expected}")
            found = violations(page)
            if found:
                problems.append(describe(url, found))
            visited += 1
    print(f"axe-core checked {visited} pages in {time.monotonic() - started:.1f}s")

    portal = urlsplit(live_server.url).netloc
    foreign = sorted({url for url in requested if urlsplit(url).netloc != portal})
    cookies = context.cookies()
    context.close()
    assert not problems, "\n\n".join(problems)
    assert visited > 30 * len(LANGUAGES)
    assert not foreign, f"requests to other hosts: {foreign}"
    assert cookies == [], f"an anonymous visitor got cookies: {cookies}"


def test_axe_reports_what_it_finds_in_words(browser):
    """The checks above can fail: axe-core, run as they run it, names the faults of a page."""
    page = browser.new_page()
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"><input></main>')
    report = describe("broken page", violations(page))
    page.close()
    assert "image-alt" in report and "label" in report
    assert "<img src=" in report
