"""The partners page stays short with hundreds of partners: the first of each kind, then a
paginated page per kind."""

import re

import pytest
from django.urls import reverse

from partners.models import PartnerKind
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def names(response):
    assert response.status_code == 200
    return re.findall(r">(School \d+)<", response.content.decode())


def test_overview_shows_the_first_of_each_kind_and_links_to_the_rest(client):
    for number in range(30):
        PartnerFactory(name_nl=f"School {number:02}", kind=PartnerKind.SCHOOL)
    PartnerFactory(name_nl="Holebifederatie", kind=PartnerKind.ADVOCACY)

    response = client.get(reverse("partners:list"))

    assert names(response) == [f"School {n:02}" for n in range(12)]
    html = response.content.decode()
    assert "Holebifederatie" in html
    assert html.count("?kind=school") == 1 and "?kind=advocacy" not in html


def test_page_of_one_kind_is_paginated(client):
    for number in range(30):
        PartnerFactory(name_nl=f"School {number:02}", kind=PartnerKind.SCHOOL)
    PartnerFactory(name_nl="Holebifederatie", kind=PartnerKind.ADVOCACY)
    url = reverse("partners:list")

    first = client.get(url, {"kind": "school"})
    second = client.get(url, {"kind": "school", "page": 2})

    assert names(first) == [f"School {n:02}" for n in range(24)]
    assert names(second) == [f"School {n:02}" for n in range(24, 30)]
    assert "Holebifederatie" not in first.content.decode()
    assert "kind=school&amp;page=2" in first.content.decode()
    # Nonsense falls back to something sensible rather than an error.
    assert names(client.get(url, {"kind": "school", "page": "x"})) == names(first)
    assert names(client.get(url, {"kind": "nonsense"}))[:12] == names(first)[:12]
