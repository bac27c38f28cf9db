"""A second city runs from its content file alone: the fictional Voorbeeldstad
(examples/voorbeeldstad.yaml), loaded into an empty database, publishes its own plan in
Dutch, French and English, with its own names, partners and colour, and no interface text of
another language on any public page. Genk's portal is unchanged by it (Genk publishes Dutch and
English only). The same pages pass axe-core in tests/browser/test_accessibility.py."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from actionplan.loader import load_rainbow_plan
from actionplan.models import Objective, Plan
from genk_rainbow.identity import SiteIdentity
from partners.models import Partner

from .interface_text import untranslated, visible_text
from .test_public_pages import public_urls

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "voorbeeldstad.yaml"


@pytest.fixture
def example_city(db):
    return load_rainbow_plan(EXAMPLE)


def test_the_example_city_is_loaded_from_its_file_alone(example_city):
    identity = SiteIdentity.current()
    assert identity.language_codes == ["nl", "fr", "en"]
    plan = Plan.objects.get()
    assert plan.objectives.count() == 5  # Genk's plan has eight
    assert not Partner.objects.filter(name_nl__icontains="Genk").exists()
    with translation.override("fr"):
        assert str(Objective.objects.get(number=1).title) == "Visibilité dans la ville"


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_every_public_page_of_the_example_city_speaks_one_language(client, example_city, language):
    urls = public_urls(language)
    assert len(urls) > 20
    problems = []
    for url in urls:
        response = client.get(url)
        html = response.content.decode()
        if response.status_code != 200:
            problems.append(f"{url}: HTTP {response.status_code}")
            continue
        if len(re.findall(r"<h1[\s>]", html)) != 1:
            problems.append(f"{url}: not one h1")
        if f'<html lang="{language}">' not in html:
            problems.append(f"{url}: not lang={language}")
        if "Genk" in visible_text(html):
            problems.append(f"{url}: names Genk")
        if foreign := untranslated(html, language):
            problems.append(f"{url}: untranslated interface text {foreign[:5]}")
    assert not problems, "\n".join(problems)


def test_the_example_city_shows_its_own_names_and_colour(client, example_city):
    html = client.get("/fr/").content.decode()
    assert "<title>Accueil – Ville-Exemple</title>" in html
    assert "Ville-Exemple : une ville fictive" in html
    assert "--bs-primary:#5b2a86" in html  # its colour, in a style block the CSP allows
    nonce = re.search(r'<style nonce="([^"]+)">', html).group(1)
    policy = client.get("/fr/").headers["Content-Security-Policy"]
    assert "style-src 'self' 'nonce-" in policy and nonce
    assert 'hreflang="fr"' in html and "drawing of the rainbow crossing" not in html.lower()


def test_a_language_the_city_does_not_publish_is_not_served(client, rainbow_plan):
    """Genk publishes Dutch and English: the French interface exists, Genk's site has no
    French pages, links or alternates, and a French browser gets Dutch."""
    assert client.get("/fr/").status_code == 404
    assert client.get("/fr/agenda/").status_code == 404
    home = client.get("/nl/").content.decode()
    assert 'hreflang="fr"' not in home and 'hreflang="en"' in home
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr").headers["Location"] == "/nl/"
    sitemap = client.get("/sitemap.xml").content.decode()
    assert 'hreflang="en"' in sitemap and 'hreflang="fr"' not in sitemap


def test_the_catalogue_check_finds_an_untranslated_string():
    """The check above can fail: an English interface text on a French page is found."""
    page = "<html><body><p>No events found.</p></body></html>"
    assert untranslated(page, "fr") == ["No events found."]
    assert untranslated(page, "en") == []


def test_genk_and_the_example_city_each_load_again_without_changes(example_city, capsys):
    call_command("load_rainbow_plan", str(EXAMPLE))
    assert "nothing changed" in capsys.readouterr().out


def test_the_privacy_and_accessibility_pages_give_the_citys_contacts(client, example_city):
    with translation.override("fr"):
        privacy = client.get(reverse("pages:privacy")).content.decode()
        accessibility = client.get(reverse("pages:accessibility")).content.decode()
    assert 'href="mailto:privacy@voorbeeldstad.example"' in privacy
    assert 'href="mailto:toegankelijkheid@voorbeeldstad.example"' in accessibility


def test_the_open_data_document_names_the_citys_site_and_licence(client, example_city):
    info = client.get("/api/v1/openapi.json").json()["info"]
    assert info["license"] == {"name": "CC0 1.0"}  # Genk's default is CC BY 4.0
    assert info["title"].startswith("Regenboog Voorbeeldstad")


def test_load_plan_is_the_same_command(db, capsys):
    call_command("load_plan", str(EXAMPLE), "--dry-run")
    out = capsys.readouterr().out
    assert "would create 5 objectives" in out and not Plan.objects.exists()
