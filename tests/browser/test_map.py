"""The map of places in a real browser: nothing from another host until the visitor presses
"Show the map (loads OpenStreetMap)"; then Leaflet, from the portal, asks tile.openstreetmap.org
for tiles, which the test answers itself (there is no internet here) and counts. Keyboard alone
works, axe-core finds nothing before and after, and without JavaScript the list and the
drawing remain."""

import io
from urllib.parse import urlsplit

import pytest
from django.utils import translation
from PIL import Image

from actionplan.loader import load_rainbow_plan
from genk_rainbow.identity import SiteIdentity
from tests.factories import EventFactory, PlaceFactory

from .axe import describe, preload, violations

pytestmark = pytest.mark.django_db(transaction=True)
TILE_HOST = "tile.openstreetmap.org"


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (221, 238, 221)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def places():
    load_rainbow_plan()
    hall = PlaceFactory(
        name_nl="Regenboogzaal", name_en="Rainbow hall", latitude="50.962000", longitude="5.495000"
    )
    PlaceFactory(name_nl="Ontmoetingshuis", latitude="50.968000", longitude="5.505000")
    event = EventFactory(place=hall)
    return hall, event


def open_context(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **options)
    requested, tiles = [], []
    context.on("request", lambda request: requested.append(request.url))
    body = png()

    def fulfil(route):
        tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=body)

    context.route(f"https://{TILE_HOST}/**", fulfil)
    return context, requested, tiles


def foreign(requested, live_server):
    portal = urlsplit(live_server.url).netloc
    return sorted({urlsplit(url).netloc for url in requested if urlsplit(url).netloc != portal})


def test_no_other_host_before_the_button_and_tiles_from_openstreetmap_after(
    browser, live_server, places
):
    context, requested, tiles = open_context(browser, live_server)
    preload(context)
    page = context.new_page()
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    page.goto("/en/places/")
    page.wait_for_load_state("networkidle")
    assert foreign(requested, live_server) == []
    assert not [url for url in requested if "leaflet" in url], "the library waits for the button"
    assert not (found := violations(page)), describe("/en/places/", found)

    # Keyboard alone: Tab to the button, press Enter.
    button = page.get_by_role("button", name="Show the map (loads OpenStreetMap)")
    for _ in range(60):
        page.keyboard.press("Tab")
        if button.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the map button")
    page.keyboard.press("Enter")
    page.wait_for_selector(".leaflet-tile-loaded")
    page.wait_for_load_state("networkidle")

    assert tiles, "Leaflet asked for tiles"
    assert all(urlsplit(url).netloc == TILE_HOST for url in tiles)
    assert all(url.endswith(".png") for url in tiles)
    assert foreign(requested, live_server) == [TILE_HOST]
    attribution = page.locator(".leaflet-control-attribution")
    assert "© OpenStreetMap contributors" in attribution.inner_text()
    assert attribution.locator("a", has_text="OpenStreetMap").get_attribute("href") == (
        "https://www.openstreetmap.org/copyright"
    )
    assert page.evaluate("document.activeElement.id") == "places-map", "focus moves to the map"
    assert page.get_by_role("status").inner_text().startswith("The map is shown.")
    # Markers are reached with Tab and name their place.
    names = []
    for _ in range(10):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.getAttribute('alt')"))
    assert {"Rainbow hall", "Ontmoetingshuis"} <= set(names)
    assert blocked == [], "nothing was blocked by the CSP"
    assert not (found := violations(page)), describe("/en/places/ with the map", found)
    context.close()


def test_event_and_place_pages_wait_for_the_button_too(browser, live_server, places):
    hall, event = places
    context, requested, tiles = open_context(browser, live_server)
    page = context.new_page()
    with translation.override("nl"):
        urls = [event.get_absolute_url(), hall.get_absolute_url()]
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert foreign(requested, live_server) == [], url
        assert tiles == []
    page.get_by_role("button", name="Toon de kaart (laadt OpenStreetMap)").click()
    page.wait_for_selector(".leaflet-tile-loaded")
    assert tiles
    assert "© OpenStreetMap-bijdragers" in page.locator(".leaflet-control-attribution").inner_text()
    context.close()


def test_without_javascript_the_list_and_the_drawing_remain(browser, live_server, places):
    context, requested, _tiles = open_context(browser, live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto("/en/places/")
    assert page.get_by_role("link", name="Rainbow hall").is_visible()
    assert page.get_by_role("img", name="Drawing of where the places lie").is_visible()
    assert page.get_by_role("button", name="Show the map (loads OpenStreetMap)").count() == 0
    assert foreign(requested, live_server) == []
    context.close()


def test_the_place_pages_pass_axe_in_every_language(browser, live_server, places):

    from events.models import Place

    context = browser.new_context(base_url=live_server.url)
    preload(context)
    page = context.new_page()
    problems = []
    for language in SiteIdentity.current().language_codes:  # the city's languages
        with translation.override(language):
            urls = ["/" + language + "/" + ("plaatsen/" if language == "nl" else "places/")]
            urls += [place.get_absolute_url() for place in Place.objects.public()]
        for url in urls:
            assert page.goto(url).status == 200, url
            if found := violations(page):
                problems.append(describe(url, found))
    context.close()
    assert not problems, "\n\n".join(problems)
