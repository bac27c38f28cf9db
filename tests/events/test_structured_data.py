"""What search engines and link previews read: Event JSON-LD property by property as Google's
Event documentation lists it (developers.google.com/search/docs/appearance/structured-data/
event), Open Graph and Twitter tags, canonical and absolute hreflang links with x-default, the
sitemap with its language alternates, robots.txt, and a meta description on every page."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from lxml import etree, html

from events.models import Attendance, EventStatus, Frequency, OccurrenceOverride
from tests.factories import EventFactory, PartnerFactory, PlaceFactory
from tests.site.test_public_pages import public_urls

# Genk's names and languages (Dutch and English), as its content file gives them.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("genk_identity")]
BRUSSELS = ZoneInfo("Europe/Brussels")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def jsonld(client, event, **query):
    page = html.fromstring(client.get(event.get_absolute_url(), query).content)
    (script,) = page.xpath("//script[@type='application/ld+json']")
    return json.loads(script.text)


def test_event_json_ld_has_every_property_google_lists(client):
    stadhuis = PlaceFactory(
        name_nl="Stadhuis Genk", slug_nl="stadhuis", street_address="Stadsplein 1", postal_code="3600",
        latitude="50.965100", longitude="5.500800",
    )  # fmt: skip
    event = EventFactory(
        title_nl="Regenboogzebrapad", place=stadhuis, is_free=False, price_nl="€ 5,50, € 3 met korting",
        start=datetime.datetime(2027, 5, 17, 10, tzinfo=BRUSSELS),
        end=datetime.datetime(2027, 5, 17, 12, tzinfo=BRUSSELS),
        organiser=PartnerFactory(name_nl="OGWA"),
    )  # fmt: skip
    data = jsonld(client, event)

    # required
    assert data["@type"] == "Event" and data["name"] == "Regenboogzebrapad"
    assert data["startDate"] == "2027-05-17T10:00:00+02:00"
    assert data["location"] == {
        "@type": "Place",
        "name": "Stadhuis Genk",
        "address": {"@type": "PostalAddress", "streetAddress": "Stadsplein 1", "postalCode": "3600",
                    "addressLocality": "Genk", "addressCountry": "BE"},
        "geo": {"@type": "GeoCoordinates", "latitude": 50.9651, "longitude": 5.5008},
        "url": "http://testserver/nl/plaatsen/stadhuis/",
    }  # fmt: skip
    # recommended
    assert data["description"] == "Een activiteit in Genk."
    assert data["endDate"] == "2027-05-17T12:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["image"] == ["http://testserver/static/img/og-default.png"]
    assert data["offers"] == {
        "@type": "Offer", "price": "5.50", "priceCurrency": "EUR",
        "description": "€ 5,50, € 3 met korting", "url": "http://testserver" + event.get_absolute_url(),
    }  # fmt: skip
    assert data["organizer"]["@type"] == "Organization" and data["organizer"]["name"] == "OGWA"
    assert data["organizer"]["url"].startswith("http://testserver/nl/partners/")
    assert "previousStartDate" not in data


def test_json_ld_without_venue_free_city_event_and_a_moved_date(client):
    start = datetime.datetime(2027, 3, 4, 19, 0, tzinfo=BRUSSELS)
    series = EventFactory(
        start=start, end=start + datetime.timedelta(hours=2), recurrence=Frequency.WEEKLY
    )
    moved = datetime.datetime(2027, 3, 19, 20, 0, tzinfo=BRUSSELS)
    OccurrenceOverride.objects.create(
        event=series, original_date=datetime.date(2027, 3, 18),
        status=EventStatus.RESCHEDULED, new_start=moved,
    )  # fmt: skip
    data = jsonld(client, series, date="2027-03-18")
    assert data["startDate"] == "2027-03-19T20:00:00+01:00"
    assert data["previousStartDate"] == "2027-03-18T19:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["location"] == {
        "@type": "Place", "name": "Genk",
        "address": {"@type": "PostalAddress", "addressLocality": "Genk", "addressCountry": "BE"},
    }  # fmt: skip
    assert data["offers"]["price"] == "0" and data["offers"]["priceCurrency"] == "EUR"
    assert data["organizer"] == {
        "@type": "GovernmentOrganization", "name": "Stad Genk", "url": "http://testserver/nl/",
    }  # fmt: skip


def test_online_event_has_a_virtual_location(client):
    event = EventFactory(attendance=Attendance.ONLINE, online_url="https://meet.example.org/x")
    assert jsonld(client, event)["location"] == {
        "@type": "VirtualLocation", "url": "https://meet.example.org/x",
    }  # fmt: skip


def head_of(client, url):
    return html.fromstring(client.get(url).content).find("head")


def test_event_page_has_open_graph_twitter_canonical_and_absolute_hreflang(client):
    event = EventFactory(title_nl="Roze zaterdag", title_en="Pink Saturday", summary_nl="Feest.")
    head = head_of(client, event.get_absolute_url())

    def meta(key):
        (value,) = head.xpath(f"meta[@property='{key}' or @name='{key}']/@content")
        return value

    assert meta("og:title") == "Roze zaterdag" and meta("og:description") == "Feest."
    assert meta("description") == "Feest."
    assert meta("og:url") == "http://testserver" + event.get_absolute_url()
    assert meta("og:image") == "http://testserver/static/img/og-default.png"
    assert meta("og:locale") == "nl_BE" and meta("og:locale:alternate") == "en_GB"
    assert meta("twitter:card") == "summary_large_image"
    assert head.xpath("link[@rel='canonical']/@href") == [
        "http://testserver" + event.get_absolute_url()
    ]
    alternates = dict(
        zip(
            head.xpath("link[@hreflang]/@hreflang"),
            head.xpath("link[@hreflang]/@href"),
            strict=True,
        )
    )
    with translation.override("en"):
        english = "http://testserver" + event.get_absolute_url()
    assert alternates == {
        "nl": "http://testserver" + event.get_absolute_url(), "en": english,
        "x-default": "http://testserver" + event.get_absolute_url(),
    }  # fmt: skip


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_public_page_has_a_description_a_canonical_and_x_default(
    client, rainbow_plan, language
):
    for url in public_urls(language):
        head = head_of(client, url)
        assert head.xpath("meta[@name='description']/@content")[0].strip(), url
        (canonical,) = head.xpath("link[@rel='canonical']/@href")
        assert canonical.startswith("http://testserver/"), url
        assert len(head.xpath("link[@hreflang='x-default']")) == 1, url
        assert all(h.startswith("http://") for h in head.xpath("link[@hreflang]/@href")), url


def test_sitemap_lists_every_public_page_in_both_languages_with_alternates(client, rainbow_plan):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    locations = {u.findtext(f"{SITEMAP}loc"): u for u in root.findall(f"{SITEMAP}url")}
    for language in ("nl", "en"):
        for url in public_urls(language):
            if (
                "/agenda/20" in url
                or re.search(r"/(archief|archive)/$", url)
                or "/rapport/" in url
                or "/report/" in url
                or re.search(r"/(regenboogsteden|rainbow-cities)/", url)
                or re.search(r"/(zoeken|search)/", url)
            ):
                continue  # month views, the archive, reports, search results: through links
            assert "http://testserver" + url in locations, url
    home = locations["http://testserver/nl/"]
    links = {link.get("hreflang"): link.get("href") for link in home.findall(f"{XHTML}link")}
    assert links == {
        "nl": "http://testserver/nl/",
        "en": "http://testserver/en/",
        "x-default": "http://testserver/nl/",
    }


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_workspace(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /nl/werkruimte/" in lines and "Disallow: /en/workspace/" in lines
    assert "Disallow: /admin/" in lines


def test_partner_pages_describe_the_organisation(client):
    from partners.models import PartnerKind

    ogwa = PartnerFactory(
        name_nl="OGWA", website="https://ogwa.example", public_contact="info@ogwa.example"
    )
    city = PartnerFactory(name_nl="Dienst Welzijn", kind=PartnerKind.CITY_SERVICE)

    def data(partner):
        page = html.fromstring(client.get(partner.get_absolute_url()).content)
        (script,) = page.xpath("//script[@type='application/ld+json']")
        return json.loads(script.text)

    assert data(ogwa) == {
        "@context": "https://schema.org", "@type": "Organization", "name": "OGWA",
        "url": "http://testserver" + ogwa.get_absolute_url(), "description": "Een partner van de stad.",
        "sameAs": ["https://ogwa.example"], "email": "info@ogwa.example",
    }  # fmt: skip
    assert data(city)["@type"] == "GovernmentOrganization"


def test_a_draft_plan_is_not_in_the_sitemap(client, rainbow_plan):
    from tests.factories import ActionFactory, PlanFactory

    draft = PlanFactory(state="draft", slug_nl="volgend-plan-in-voorbereiding")
    ActionFactory(objective__plan=draft, is_public=True, slug_nl="geheime-actie")
    content = client.get("/sitemap.xml").content.decode()
    assert "volgend-plan-in-voorbereiding" not in content and "geheime-actie" not in content
