"""The feeds as validators see them. The W3C feed validator is not on PyPI and CI has no
internet, so the Atom feed is checked against the normative RELAX NG schema of RFC 4287
(Appendix B, tests/events/atom.rnc, converted with rnc2rng and run by lxml) plus the RFC's two
Schematron rules, and the RSS feed against RSS 2.0's rules; feedparser reads both without a
complaint. Both are linked, and autodiscoverable, wherever events are listed."""

import datetime
import email.utils
import functools
import re
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import lxml.html
import pytest
from django.urls import reverse
from lxml import etree
from rnc2rng import parser, serializer

from tests.factories import ActionFactory, EventFactory, PartnerFactory

# Genk's names and languages (Dutch and English), as its content file gives them.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("genk_identity")]
ATOM = "{http://www.w3.org/2005/Atom}"
NS = {"atom": "http://www.w3.org/2005/Atom"}


@functools.cache
def atom_schema():
    rnc = (Path(__file__).parent / "atom.rnc").read_text()
    rng = serializer.XMLSerializer().toxml(parser.parse(rnc))
    # rnc2rng declares the empty "local" namespace as a prefix, which XML forbids.
    rng = rng.replace('xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode()))


def is_iri(value):
    """An absolute IRI (RFC 3987): a scheme, no spaces; tag: URIs as RFC 4151 has them."""
    if value.startswith("tag:"):
        return re.fullmatch(r"tag:[a-z0-9.-]+,\d{4}(-\d\d){0,2}:[^\s]+", value) is not None
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc) and " " not in value


@pytest.fixture
def agenda():
    EventFactory(title_nl="Regenboogwandeling & <picknick>", summary_nl="Samen wandelen; café")
    EventFactory(title_nl="Geschrapt", status="cancelled")


def test_atom_feed_is_valid_against_rfc_4287(client, agenda):
    content = client.get(reverse("events:atom")).content
    document = etree.fromstring(content)
    schema = atom_schema()
    assert schema.validate(document), schema.error_log
    # RFC 4287's Schematron rules
    entries = document.findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert document.find(f"{ATOM}author/{ATOM}name").text == "Stad Genk"
    for entry in entries:
        assert entry.xpath("atom:link[@rel='alternate'] or atom:link[not(@rel)]", namespaces=NS)
    ids = [document.findtext(f"{ATOM}id")] + [e.findtext(f"{ATOM}id") for e in entries]
    assert all(is_iri(i) for i in ids), ids
    assert len(set(ids)) == len(ids)
    assert entries[0].findtext(f"{ATOM}id").startswith("tag:regenboog.genk.be,2020:event-")
    assert document.find(f"{ATOM}link[@rel='self']").get("href").startswith("http://testserver/")
    feed = feedparser.parse(content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.author == "Stad Genk"


def test_the_schema_catches_what_the_validator_caught(client, agenda):
    """Without the fix the entries had no author (checked above) and ids without a scheme."""
    content = client.get(reverse("events:atom")).content.decode()
    broken = re.sub(r"<id>tag:regenboog\.genk\.be,2020:", "<id>", content)
    assert broken != content
    document = etree.fromstring(broken.encode())
    assert not all(is_iri(e.findtext(f"{ATOM}id")) for e in document.findall(f"{ATOM}entry"))
    no_title = etree.fromstring(re.sub(r"<title>[^<]*</title>", "", content, count=1).encode())
    assert not atom_schema().validate(no_title)


def test_rss_feed_keeps_the_rules_of_rss_2(client, agenda):
    content = client.get(reverse("events:rss")).content
    channel = etree.fromstring(content).find("channel")
    assert etree.fromstring(content).get("version") == "2.0"
    for required in ("title", "link", "description"):
        assert channel.findtext(required), required
    assert is_iri(channel.findtext("link"))
    items = channel.findall("item")
    assert len(items) == 2
    for item in items:
        assert item.findtext("title") and is_iri(item.findtext("link"))
        guid = item.find("guid")
        assert guid.get("isPermaLink") == "false" and is_iri(guid.text)
        assert email.utils.parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None
    feed = feedparser.parse(content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"


def discovered(html):
    """{type: (title, href)} of the feeds a reader finds in the page's head."""
    head = lxml.html.fromstring(html.split("</head>")[0] + "</head></html>")
    return {
        link.get("type"): (link.get("title"), link.get("href"))
        for link in head.xpath("//link[@rel='alternate'][@type]")
    }


def test_feeds_are_linked_and_autodiscoverable_where_events_are_listed(client):
    partner = PartnerFactory(name_nl="OGWA")
    action = ActionFactory(title_nl="IDAHOT vieren")
    soon = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=5)
    EventFactory(title_nl="Wandeling", organiser=partner, related_action=action, start=soon)
    EventFactory(title_nl="Filmavond", start=soon)  # neither the partner's nor the action's
    pages = {
        reverse("events:agenda"): ("agenda", ["Filmavond", "Wandeling"]),
        partner.get_absolute_url(): ("evenementen van OGWA", ["Wandeling"]),
        action.get_absolute_url(): ("evenementen van IDAHOT vieren", ["Wandeling"]),
    }
    for url, (name, titles) in pages.items():
        html = client.get(url).content.decode()
        feeds = discovered(html)
        for kind, label in [("atom", "Atom"), ("rss", "RSS")]:
            title, href = feeds[f"application/{kind}+xml"]
            assert title == f"Regenboog Genk – {name} ({label})", url
            # The page's visible links lead to the same feeds.
            assert f'href="{href}"' in html.split("</head>")[1], url
            feed = feedparser.parse(client.get(href).content)
            assert not feed.bozo, (href, feed.bozo_exception)
            assert feed.feed.title == f"Regenboog Genk – {name}", href
            assert sorted(e.title.split(" – ")[0] for e in feed.entries) == titles, href


def test_the_feed_of_a_partner_is_valid_atom_and_an_unknown_one_is_not_found(client):
    partner = PartnerFactory()
    EventFactory(organiser=partner)
    document = etree.fromstring(
        client.get(reverse("events:partner_atom", args=[partner.slug])).content
    )
    assert atom_schema().validate(document), atom_schema().error_log
    assert len(document.findall(f"{ATOM}entry")) == 1
    for name in ["events:partner_atom", "events:partner_rss", "events:action_rss"]:
        assert client.get(reverse(name, args=["no-such-slug"])).status_code == 404
