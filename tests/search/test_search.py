"""Site-wide search as a visitor uses it: the header's search box, results in the page's
language, accents and case ignored, drafts and unpublished items never found."""

import lxml.html
import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from tests.factories import ActionFactory, EventFactory, PageFactory, PartnerFactory, PlanFactory

pytestmark = pytest.mark.django_db


def found(client, text, language="nl"):
    """[(kind, title, snippet text, snippet html)] as the results page lists them."""
    with translation.override(language):
        url = reverse("search:results")
    response = client.get(url, {"q": text})
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.content)
    rows = []
    for item in tree.xpath("//ol[contains(@class, 'search-results')]/li"):
        snippet = item.xpath(".//p")
        rows.append(
            (
                item.xpath(".//span[contains(@class, 'badge')]")[0].text_content().strip(),
                item.xpath(".//h2/a")[0].text_content().strip(),
                snippet[0].text_content() if snippet else "",
                lxml.html.tostring(snippet[0], encoding="unicode") if snippet else "",
            )
        )
    return rows


def titles(rows):
    return [title for _kind, title, _text, _html in rows]


def test_cafe_finds_the_cafe_whatever_the_accents_and_case(client):
    EventFactory(title_nl="Regenboogcafé in C-Mine", summary_nl="Een avond in het café.")
    EventFactory(title_nl="Wandeling", summary_nl="Langs de Stiemer.")
    for text in ["cafe", "CAFÉ", "Café"]:
        rows = found(client, text)
        assert [(kind, title) for kind, title, *_ in rows] == [
            ("Evenement", "Regenboogcafé in C-Mine")
        ], text
        assert "<mark>café</mark>" in rows[0][3], rows[0][3]


def test_the_header_search_box_leads_to_the_results(client):
    PartnerFactory(name_nl="OGWA", summary_nl="Ouders van holebi's en transgenders.")
    home = lxml.html.fromstring(client.get("/nl/").content)
    form = home.xpath("//header//form[@role='search']")[0]
    assert home.xpath(f"//label[@for='{form.xpath('.//input')[0].get('id')}']")
    assert titles(found(client, "holebi's")) == ["OGWA"]
    assert form.get("action") == reverse("search:results")


def test_only_what_the_public_sees_is_found(client):
    draft = PlanFactory(state="draft")
    ActionFactory(objective__plan=draft, title_nl="Regenboogzebrapad in voorbereiding")
    ActionFactory(title_nl="Regenboogzebrapad verborgen", is_public=False)
    ActionFactory(title_nl="Regenboogzebrapad bij het stadhuis")
    EventFactory(title_nl="Regenboogzebrapad onthullen", publication="submitted")
    assert titles(found(client, "regenboogzebrapad")) == ["Regenboogzebrapad bij het stadhuis"]


def test_results_in_the_visitors_language_with_dutch_where_no_translation_exists(client):
    ActionFactory(title_nl="Vorming voor jeugdwerkers", title_en="Training for youth workers")
    ActionFactory(title_nl="Regenboogbank in het stadspark", title_en="")
    assert titles(found(client, "training", "en")) == ["Training for youth workers"]
    assert titles(found(client, "training", "nl")) == []
    assert titles(found(client, "regenboogbank", "en")) == ["Regenboogbank in het stadspark"]


def test_a_title_match_ranks_above_a_match_in_the_text(client):
    PageFactory(key="help", title_nl="Hulp", body_nl="Wie pesten meemaakt, kan hier terecht.")
    ActionFactory(title_nl="Pesten op school aanpakken", summary_nl="Met de scholen.")
    assert titles(found(client, "pesten")) == ["Pesten op school aanpakken", "Hulp"]


def test_text_in_snippets_is_escaped(client):
    EventFactory(title_nl="Filmavond", summary_nl="Film <script>alert(1)</script> en gesprek.")
    rows = found(client, "filmavond gesprek")
    assert titles(rows) == ["Filmavond"]
    html = rows[0][3]  # the text escaped (SQLite) or its tags left out (PostgreSQL's headline)
    assert "alert(1)" in html and not lxml.html.fromstring(html).xpath("//script"), html


@pytest.mark.parametrize("text", ["?!", " ", "x" * 201, "a\u0301" * 50, "OR AND -"])
def test_odd_queries_get_an_answer(client, text):
    ActionFactory(title_nl="Actie")
    response = client.get(reverse("search:results"), {"q": text})
    assert response.status_code == 200


def test_an_overlong_query_is_refused_in_the_visitors_language(client):
    page = client.get(reverse("search:results"), {"q": "x" * 201}).content.decode()
    assert "Zorg dat deze waarde niet meer dan 200 tekens bevat" in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
def test_postgresql_finds_other_forms_of_a_word(client):
    ActionFactory(title_en="Schools reached", title_nl="Bereikte scholen")
    assert titles(found(client, "school", "en")) == ["Schools reached"]
    assert titles(found(client, "school", "nl")) == ["Bereikte scholen"]
