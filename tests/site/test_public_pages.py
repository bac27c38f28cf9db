"""Every public page, in both languages, as an anonymous citizen sees it."""

import datetime
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from actionplan.models import Action, Objective, Plan, Status, YearFocus
from events.models import Event, Place
from genk_rainbow.models import Page, PageKey
from indicators.models import Indicator
from partners.models import Partner, PartnerKind
from tests.factories import (
    ActionFactory,
    IndicatorFactory,
    ObjectiveFactory,
    PageFactory,
    PartnerFactory,
    PlanFactory,
    TargetGroupFactory,
    YearFocusFactory,
    YearFocusItemFactory,
)

pytestmark = pytest.mark.django_db


def public_urls(language):
    """Every public URL of the site in one language, for the data that exists (any city's: the
    example city's walk uses it too)."""
    with translation.override(language):
        plan = Plan.objects.current()
        year = max(plan.start_year, min(2023, plan.end_year))  # a year the plan ran
        urls = [reverse("home"), reverse("actionplan:current_plan")]
        urls += [plan.get_absolute_url()]
        urls += [o.get_absolute_url() for o in Objective.objects.select_related("plan")]
        urls += [a.get_absolute_url() for a in Action.objects.public()]
        urls += [f.get_absolute_url() for f in YearFocus.objects.all()]
        urls += [p.get_absolute_url() for p in Partner.objects.all()]
        urls += [p.get_absolute_url() for p in Page.objects.all()]
        urls += [reverse("partners:list"), reverse("events:agenda")]
        urls += [reverse("events:month", kwargs={"year": 2027, "month": 5})]
        urls += [reverse("events:archive")]
        urls += [e.get_absolute_url() for e in Event.objects.published()]
        urls += [reverse("indicators:list")]
        urls += [i.get_absolute_url() for i in Indicator.objects.public()]
        urls += [reverse("events:places")]
        urls += [p.get_absolute_url() for p in Place.objects.public()]
        urls += [reverse("reports:year", kwargs={"plan": plan.slug, "year": year})]
        urls += [reverse("reports:evaluation", kwargs={"plan": plan.slug})]
        urls += [reverse("reports:network", kwargs={"plan": plan.slug, "year": year})]
        urls += [
            reverse(
                "reports:objective", kwargs={"plan": plan.slug, "year": year, "objective": o.slug}
            )
            for o in plan.objectives.all()
        ]
        urls += [reverse("pages:contact")]
        search = reverse("search:results")
        urls += [search, f"{search}?q=regenboog", f"{search}?q=geen-enkel-resultaat"]
    if language == settings.LANGUAGE_CODE:  # /api/v1/ has no language prefix: once
        urls += [reverse("api:documentation")]
    return urls


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_public_page_answers_an_anonymous_visitor_well(client, rainbow_plan, language):
    urls = public_urls(language)
    assert len(urls) > 30

    for url in urls:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        assert f'<html lang="{language}">' in html, url
        assert 'href="#main"' in html and 'id="main"' in html, url
        assert not response.cookies, f"{url} set a cookie: {list(response.cookies)}"
        # Nothing is loaded from another host: no absolute src, no stylesheet/icon elsewhere.
        assert not re.findall(r'src="(?:https?:)?//', html), url
        # Absolute links only for canonical and hreflang alternates (never loaded), to this host.
        for link in re.findall(r'<link[^>]+href="(?:https?:)?//[^>]*>', html):
            assert re.search(r'rel="(canonical|alternate)"', link), (url, link)
            assert 'href="http://testserver/' in link, (url, link)


def test_dutch_is_the_default_language(client, rainbow_plan):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/"


def test_home_shows_the_plan_objectives_focus_and_partners(client, rainbow_plan):
    html = client.get("/en/").content.decode()
    assert "Rainbow Action Plan 2020-2025" in html
    assert "Gather knowledge and expertise" in html
    assert "Focus in 2023" in html
    assert "Regenbooghuis Limburg" in html
    html_nl = client.get("/nl/").content.decode()
    assert "Regenboogactieplan 2020-2025" in html_nl
    assert "Speerpunten in 2023" in html_nl


def test_home_lists_the_first_partners_by_name_and_links_to_all(client, rainbow_plan):
    for number in range(30):
        PartnerFactory(name_nl=f"Zz-partner {number:02}")
    html = client.get("/en/").content.decode()
    names = re.findall(r">(Zz-partner \d+)<", html)
    real = (
        Partner.objects.exclude(kind=PartnerKind.CITY_SERVICE)
        .exclude(name__startswith="Zz")
        .count()
    )
    assert names == [f"Zz-partner {n:02}" for n in range(15 - real)]
    assert "Regenbooghuis Limburg" in html
    assert html.count("and more: all partners") == 1


def test_action_page_shows_state_timeline_and_text_alternative_of_progress(client, rainbow_plan):
    action = Action.objects.get(identifier="2023-3")
    action.record_progress(
        status=Status.IN_PROGRESS,
        progress=35,
        date=datetime.date(2024, 3, 1),
        text={"nl": "Nieuwe vrijwilligers.", "en": "New volunteers joined."},
    )
    with translation.override("en"):
        html = client.get(action.get_absolute_url()).content.decode()

    assert "35% done" in html
    assert 'aria-label="Progress of' in html and 'value="35"' in html
    assert "New volunteers joined." in html
    assert html.index("New volunteers joined.") < html.index("Included as a focus for 2023")
    assert "OGWA" in html


def test_internal_actions_are_not_public(client):
    action = ActionFactory(is_public=False, objective__plan__state="current")
    with translation.override("nl"):
        assert client.get(action.get_absolute_url()).status_code == 404
        objective_html = client.get(action.objective.get_absolute_url()).content.decode()
    assert action.title_nl not in objective_html


def test_slug_of_the_other_language_redirects_to_the_canonical_page(client, rainbow_plan):
    response = client.get("/en/actions/idahot-in-de-kijker/")
    assert response.status_code == 301
    assert response["Location"] == "/en/actions/idahot-in-the-spotlight/"


def test_language_switcher_links_to_the_same_page_in_the_other_language(client, rainbow_plan):
    html = client.get("/nl/acties/idahot-in-de-kijker/").content.decode()
    assert 'href="/en/actions/idahot-in-the-spotlight/" hreflang="en"' in html
    html = client.get("/en/about/").content.decode()
    assert 'href="/nl/over/" hreflang="nl"' in html


def test_unknown_page_is_a_styled_404(client, rainbow_plan):
    response = client.get("/nl/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
    assert client.get("/en/actions/no-such-action/").status_code == 404
    assert client.get("/en/focus/1999/").status_code == 404


def test_markdown_from_staff_is_sanitised(client, rainbow_plan):
    page = Page.objects.get(key=PageKey.ABOUT)
    page.body_nl = "**Vet** <script>alert(1)</script> [link](javascript:alert(1))"
    page.save()
    html = client.get("/nl/over/").content.decode()
    assert "<strong>Vet</strong>" in html
    assert "<script>alert" not in html
    assert "javascript:" not in html


def test_a_text_is_converted_once_and_an_edit_shows_at_once(client, rainbow_plan):
    """Markdown is converted once per text in a process (the same texts are on every
    request); an edited text is another text."""
    from genk_rainbow.markdown import render_markdown

    page = Page.objects.get(key=PageKey.ABOUT)
    page.body_nl = "Eerst **dit**."
    page.save()
    client.get("/nl/over/")
    misses = render_markdown.cache_info().misses
    assert "Eerst <strong>dit</strong>." in client.get("/nl/over/").content.decode()
    assert render_markdown.cache_info().misses == misses
    page.body_nl = "Nu **dat**."
    page.save()
    html = client.get("/nl/over/").content.decode()
    assert "Nu <strong>dat</strong>." in html and "Eerst" not in html


def build_site():
    plan = PlanFactory(state="current")
    focus = YearFocusFactory(plan=plan, year=2023)
    for page_key in PageKey.values:
        PageFactory(key=page_key)
    return plan, focus


def add_data(plan, focus, times):
    """Add `times` units of data spread over every page: objectives, actions with progress
    updates, partners with roles, target groups, focus items."""
    groups = TargetGroupFactory.create_batch(3 * times)
    PartnerFactory.create_batch(4 * times)
    first = plan.objectives.count()
    for number in range(first + 1, first + 1 + 2 * times):
        ObjectiveFactory(plan=plan, number=number)
    objectives = list(plan.objectives.order_by("number"))
    partners = list(Partner.objects.order_by("pk"))
    for index in range(8 * times):
        action = ActionFactory(
            objective=objectives[index % len(objectives)], lead_partner=partners[0]
        )
        action.target_groups.set(groups)
        action.other_objectives.set(objectives[:2])
        action.partners.add(partners[index % len(partners)], through_defaults={"role_nl": "rol"})
        YearFocusItemFactory(focus=focus, action=action, order=index)
        for month in range(1, 4):
            action.record_progress(
                status=Status.IN_PROGRESS, progress=10 * month, date=datetime.date(2024, month, 1)
            )
        indicator = IndicatorFactory(plan=plan, objectives=objectives[:2], actions=[action])
        for year in range(2021, 2026):
            indicator.set_target(year=year, value=10 * year)
        for year in range(2021, 2024):
            indicator.record_value(date=datetime.date(year, 5, 17), value=year)


def query_counts(client, plan):
    objective = plan.objectives.order_by("number").first()
    with translation.override("nl"):
        urls = {
            "home": "/nl/",
            "plan": plan.get_absolute_url(),
            "objective": objective.get_absolute_url(),
            "objective page 2": objective.get_absolute_url() + "?page=2",
            "action": objective.actions.order_by("pk").first().get_absolute_url(),
            "focus": "/nl/speerpunten/2023/",
            "partners": "/nl/partners/",
            "partners of a kind": "/nl/partners/?kind=advocacy",
            "partner": Partner.objects.order_by("pk").first().get_absolute_url(),
            "page": "/nl/over/",
            "indicators": reverse("indicators:list"),
            "indicator": plan.indicators.order_by("pk").first().get_absolute_url(),
        }
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[name] = len(queries)
    return counts


def test_query_count_per_page_does_not_grow_with_the_data(client):
    plan, focus = build_site()
    add_data(plan, focus, times=1)
    small = query_counts(client, plan)

    add_data(plan, focus, times=9)  # ten times the data in all
    big = query_counts(client, plan)

    assert big == small
    # Made afresh, no part stored: at most 11 (with the contact block), 3 more on the pages
    # that show indicators, and on the action page 1 more (its lead partner is read by the
    # page's part, so a page served from its parts does not join it: genk_rainbow/stored_parts.py).
    assert max(big.values()) <= 15 and big["home"] <= 12, big


def test_plan_page_shows_a_few_actions_per_objective_and_links_to_the_rest(client):
    plan, _focus = build_site()
    objective = ObjectiveFactory(plan=plan, number=1)
    actions = [ActionFactory(objective=objective, identifier=f"A-{i:02}") for i in range(30)]
    with translation.override("en"):
        html = client.get(plan.get_absolute_url()).content.decode()
        assert "All 30 actions of objective 1" in html
        assert actions[7].title_en in html and actions[8].title_en not in html
        page_two = client.get(objective.get_absolute_url() + "?page=2").content.decode()
        assert actions[25].title_en in page_two and actions[0].title_en not in page_two
        assert 'aria-current="page"' in page_two and "Page 2 of 2" in page_two
        assert client.get(objective.get_absolute_url() + "?page=x").status_code == 200
        assert client.get(objective.get_absolute_url() + "?page=99").status_code == 200


def test_action_and_partner_pages_show_their_history_a_page_at_a_time(client):
    from partners.models import Activity, ActivityStatus

    action, partner = ActionFactory(), PartnerFactory()
    for month in range(1, 13):
        action.record_progress(
            status=Status.IN_PROGRESS, progress=month, date=datetime.date(2024, month, 1),
            text={"nl": f"Stand van maand {month:02}."},
        )  # fmt: skip
        Activity.objects.create(
            partner=partner, related_action=action, title=f"Activiteit {month:02}",
            date=datetime.date(2024, month, 15), description="x",
            status=ActivityStatus.ACCEPTED, is_public=True,
        )  # fmt: skip

    def found(url, pattern, **query):
        response = client.get(url, query)
        assert response.status_code == 200
        return re.findall(pattern, response.content.decode())

    url = action.get_absolute_url()
    assert found(url, r"maand (\d+)") == [f"{m:02}" for m in range(12, 2, -1)]
    assert found(url, r"maand (\d+)", updates=2) == ["02", "01"]
    assert found(url, r"Activiteit (\d+)", activities=2) == ["02", "01"]
    assert found(url, r"maand (\d+)", updates="9" * 30) == []  # beyond the end: empty, no error
    # One list's page links keep the other list's page.
    assert "?activities=2&amp;updates=2" in client.get(url, {"activities": 2}).content.decode()
    partner_url = partner.get_absolute_url()
    assert found(partner_url, r"Activiteit (\d+)") == [f"{m:02}" for m in range(12, 2, -1)]
    assert found(partner_url, r"Activiteit (\d+)", activities="x") == found(
        partner_url, r"Activiteit (\d+)"
    )
