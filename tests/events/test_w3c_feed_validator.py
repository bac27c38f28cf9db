"""The W3C feed validator (validator.w3.org/feed) on the feeds of the demo data. Its source,
the w3c/feedvalidator repository, is vendored unmodified in tests/clients/feedvalidator (it
is not on PyPI; CI has no internet to reach the online service). The "AA" level is the one the
online validator applies. Any error fails the test, and so does any warning but one: the dates
of a repeating event are one entry each, and they share the event's time of last change, so
the validator notes "two entries with the same value for atom:updated" (a warning, which is
true of them)."""

import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import translation

from partners.models import Partner

sys.path.insert(0, str(Path(__file__).parents[1] / "clients" / "feedvalidator"))
import feedvalidator
from feedvalidator import compatibility
from feedvalidator import logging as validator_log
from feedvalidator.formatter.text_plain import Formatter

ACCEPTED_WARNINGS = (validator_log.DuplicateUpdated,)

pytestmark = pytest.mark.django_db


def validator_says(content, url):
    """The validator's messages, as its text output words them, but the accepted warnings."""
    events = feedvalidator.validateString(content, firstOccurrenceOnly=1, base=url)
    events = compatibility.AA(events["loggedEvents"])
    return list(Formatter([e for e in events if not isinstance(e, ACCEPTED_WARNINGS)]))


@pytest.fixture
def demo_agenda(db):
    call_command("generate_demo_data", scale=1, seed=3, verbosity=0)


def feed_urls():
    partner = Partner.objects.annotate(n=Count("events")).order_by("-n").first()
    return [
        reverse("events:atom"),
        reverse("events:rss"),
        reverse("events:partner_atom", args=[partner.slug]),
        reverse("events:partner_rss", args=[partner.slug]),
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_w3c_validator_finds_no_error_in_the_feeds_of_the_demo_data(
    client, demo_agenda, language
):
    with translation.override(language):
        urls = feed_urls()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert content.count("<entry>") + content.count("<item>") >= 2, url
        assert validator_says(content, "http://testserver" + url) == [], url


def test_the_validator_catches_what_it_caught_before(client, demo_agenda):
    """Entry ids that are not IRIs, the error the online validator once reported."""
    content = client.get(reverse("events:atom")).content.decode()
    broken = content.replace("<id>tag:regenboog.genk.be,2020:", "<id>")
    assert broken != content
    assert any("id" in line.lower() for line in validator_says(broken, "http://testserver/"))
