"""The accessibility statement follows the EU model (Implementing Decision 2018/1523) and the
privacy statement says what a visitor has the right to know (GDPR article 13), in both languages,
without contact details nobody confirmed."""

import pytest
from django.utils import translation

from genk_rainbow.models import Page, PageKey

pytestmark = pytest.mark.django_db

ACCESSIBILITY = {
    "nl": [
        "Nalevingsstatus", "gedeeltelijk conform", "Niet-toegankelijke inhoud",
        "Onevenredige last", "Opstelling van deze verklaring", "Feedback en contactgegevens",
        "Handhavingsprocedure", "Vlaamse Ombudsdienst", "aan te vullen door de stad",
    ],
    "en": [
        "Compliance status", "partially compliant", "Non-accessible content",
        "Disproportionate burden", "Preparation of this statement",
        "Feedback and contact details", "Enforcement procedure", "Vlaamse Ombudsdienst",
        "to be completed by the city",
    ],
}  # fmt: skip
PRIVACY = {
    "nl": [
        "geen cookies", "geen analysetools", "Waarom en op welke grond", "Hoelang bewaren",
        "Je rechten", "functionaris voor gegevensbescherming", "Vlaamse Toezichtcommissie",
        "aan te vullen door de stad",
    ],
    "en": [
        "no cookies", "no analytics", "Why, and on what basis", "How long do we keep",
        "Your rights", "data protection officer", "Vlaamse Toezichtcommissie",
        "to be completed by the city",
    ],
}  # fmt: skip


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    "key, expected", [(PageKey.ACCESSIBILITY, ACCESSIBILITY), (PageKey.PRIVACY, PRIVACY)]
)
def test_statement_has_every_part(client, rainbow_plan, language, key, expected):
    with translation.override(language):
        html = client.get(Page.objects.get(key=key).get_absolute_url()).content.decode()
    missing = [text for text in expected[language] if text not in html]
    assert not missing
    assert "@" not in html.split("<main", 1)[1].split("</main>")[0]  # no invented email address
