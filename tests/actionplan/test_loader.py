import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from actionplan.loader import load_rainbow_plan
from actionplan.models import Action, Objective, Plan, PolicyAim, ProgressUpdate, YearFocus
from genk_rainbow.models import Page
from partners.models import Partner, PartnerKind

pytestmark = pytest.mark.django_db

# The city's own text (a copy of shared/seed/genk-lgbt-policy.txt), the source of the YAML.
SEED = Path(__file__).resolve().parents[2] / "actionplan" / "data" / "genk-lgbt-policy.txt"

OBJECTIVES_EN = [
    "Inform citizens and raise awareness about the LGBT theme",
    "Increase the visibility of LGBT in Genk",
    "Further expand the school activities around LGBT",
    "Gather knowledge and expertise",
    "Activating and supporting Genk LGBT people and local LGBT groups",
    "Increasing the safety and security feelings of LGBT people in Genk",
    "Pursue an inclusive city-personnel policy with attention to LGBT people",
    "The city of Genk is developing a policy based on intersectional / crossroads thinking",
]


def counts():
    models = [Plan, Objective, Action, ProgressUpdate, YearFocus, Partner, Page, PolicyAim]
    return {model.__name__: model.objects.count() for model in models}


def test_loading_twice_changes_nothing(rainbow_plan):
    before = counts()

    second = load_rainbow_plan()

    assert second.total == 0
    assert counts() == before


def test_loader_never_overwrites_what_staff_edited(rainbow_plan):
    action = Action.objects.get(identifier="2023-6")
    action.title_nl = "Nieuw regenboogzebrapad aan het stadhuis"
    action.save()

    call_command("load_rainbow_plan", stdout=io.StringIO())

    assert Action.objects.get(pk=action.pk).title_nl == "Nieuw regenboogzebrapad aan het stadhuis"


def test_the_eight_objectives_word_for_word_in_both_languages(rainbow_plan):
    objectives = Objective.objects.order_by("number")
    assert [o.title_en for o in objectives] == OBJECTIVES_EN
    assert all(o.title_nl and o.title_nl != o.title_en for o in objectives)


def test_the_2023_focus_has_its_seven_actions_in_order(rainbow_plan):
    focus = YearFocus.objects.get(year=2023)
    actions = [item.action for item in focus.items.order_by("order")]
    assert len(actions) == 7
    assert all(a.title_nl and a.title_en for a in actions)
    assert "Idahot" in actions[0].summary_en
    assert "pedestrian crossing" in actions[5].description_en
    assert all(a.updates.count() == 1 for a in actions)


def test_partners_named_in_the_seed_are_loaded(rainbow_plan):
    names = set(Partner.objects.values_list("name_en", flat=True))
    assert {"Cavaria", "Regenbooghuis Limburg", "OGWA"} <= names
    assert Partner.objects.filter(kind=PartnerKind.CITY_SERVICE).count() >= 6
    ogwa_action = Action.objects.get(identifier="2023-3")
    assert ogwa_action.partners.filter(name_en="OGWA").exists()


def _sentences(text):
    """The seed's factual sentences: lines split at sentence ends, list markers removed."""
    for line in text.splitlines():
        line = line.strip().lstrip("-").strip()
        for sentence in re.split(r"(?<=[.:?])\s+", line):
            if len(sentence.split()) >= 2:
                yield sentence


def _normalise(text):
    text = re.sub("[\u00b4\u2019']", "", text)  # NGO´s, Genk’s: apostrophes vary
    return re.sub(r"[^a-z0-9%]+", " ", text.lower()).strip()


def test_every_sentence_of_the_seed_shows_in_the_english_portal(client, rainbow_plan):
    """Read the English portal as a visitor (home, plan, every objective, action, focus,
    partner and content page) and find every sentence of the city's text in it."""
    with translation.override("en"):
        urls = ["/en/", "/en/action-plan/", "/en/partners/"]
        urls += [o.get_absolute_url() for o in Objective.objects.select_related("plan")]
        urls += [a.get_absolute_url() for a in Action.objects.all()]
        urls += [f.get_absolute_url() for f in YearFocus.objects.all()]
        urls += [p.get_absolute_url() for p in Partner.objects.all()]
        urls += [p.get_absolute_url() for p in Page.objects.all()]
    portal = " ".join(
        _normalise(re.sub(r"<[^>]+>", " ", client.get(url).content.decode())) for url in urls
    )

    missing = [s for s in _sentences(SEED.read_text()) if _normalise(s) not in portal]

    assert missing == []
