import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from actionplan.loader import DATA_FILE, load_rainbow_plan
from actionplan.models import Action, Objective, Plan, PolicyAim, ProgressUpdate, YearFocus
from genk_rainbow.identity import SiteIdentity
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


def test_loading_again_updates_what_the_file_changed_and_keeps_what_it_does_not_own(
    rainbow_plan, tmp_path, staff_user
):
    """The file owns the texts it gives; progress, reviews, history, a plan's state and what
    staff filled in where the file is empty stay as they are."""
    action = Action.objects.get(identifier="2023-6")
    action.record_progress(status="in_progress", progress=40, date=datetime.date(2024, 5, 1))
    updates = ProgressUpdate.objects.count()
    history = action.history.count()
    identity = SiteIdentity.current()
    identity.phone = "089 00 00 00"  # the file leaves it empty: staff filled it in
    identity.save()
    Plan.objects.update(state="ended")  # staff ended the plan
    changed = DATA_FILE.read_text(encoding="utf-8").replace(
        'title: {nl: "Vernieuwing van het regenboogzebrapad"',
        'title: {nl: "Nieuw regenboogzebrapad aan het stadhuis"',
    )
    assert "Nieuw regenboogzebrapad" in changed
    path = tmp_path / "plan.yaml"
    path.write_text(changed, encoding="utf-8")

    out = io.StringIO()
    call_command("load_rainbow_plan", str(path), "--dry-run", stdout=out)
    assert "would update 1 actions:" in out.getvalue() and "title_nl" in out.getvalue()
    assert Action.objects.get(pk=action.pk).title_nl == "Vernieuwing van het regenboogzebrapad"
    call_command("load_rainbow_plan", str(path), stdout=io.StringIO())

    action.refresh_from_db()
    assert action.title_nl == "Nieuw regenboogzebrapad aan het stadhuis"
    assert action.progress == 40 and ProgressUpdate.objects.count() == updates
    assert action.history.count() == history + 1  # the change is in the history, not over it
    assert SiteIdentity.current().phone == "089 00 00 00"
    assert Plan.objects.get().state == "ended"


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
