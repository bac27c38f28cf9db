"""Run inside a copy of the project whose settings add German: every public page and the staff
forms render in each language. Prints one line per problem; tests/site/test_third_language.py
reads them."""

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from actionplan.loader import load_rainbow_plan  # noqa: E402
from actionplan.models import Action, Objective, Plan, YearFocus  # noqa: E402
from events.models import Event  # noqa: E402
from genk_rainbow.identity import SiteIdentity  # noqa: E402
from partners.models import (  # noqa: E402
    Membership,
    Partner,
    Role,
)
from tests.factories import StaffUserFactory, UserFactory  # noqa: E402

load_rainbow_plan()
plan = Plan.objects.current()
objective = Objective.objects.filter(plan=plan).first()
action = Action.objects.filter(is_public=True).first()
event = Event.objects.published().first()
partner = Partner.objects.first()
Action.objects.filter(pk=action.pk).update(title_de="Regenbogen-Zebrastreifen")

PUBLIC = [
    ("home", {}), ("actionplan:current_plan", {}), ("actionplan:plan", {"slug": plan.slug}),
    ("actionplan:objective", {"plan": plan.slug, "slug": objective.slug}),
    ("actionplan:action", {"slug": action.slug}),
    ("actionplan:focus", {"year": YearFocus.objects.first().year}),
    ("partners:list", {}), ("partners:detail", {"slug": partner.slug}),
    ("events:agenda", {}), ("events:archive", {}), ("events:detail", {"slug": event.slug}),
    ("events:calendar", {}), ("events:rss", {}), ("events:atom", {}),
    ("reports:year", {"plan": plan.slug, "year": 2023}),
    ("pages:about", {}), ("pages:help", {}), ("pages:privacy", {}), ("pages:accessibility", {}),
]  # fmt: skip
STAFF = [("actionplan:progress_board", {}), ("events:create", {}), ("review_queue", {}),
         ("workspace", {})]  # fmt: skip
MEMBER = [("partners:activity_create", {}), ("events:create", {})]

anonymous, staff, member = Client(), Client(), Client()
staff.force_login(StaffUserFactory())
person = UserFactory()
Membership.objects.create(user=person, partner=partner, role=Role.MEMBER)
member.force_login(person)
codes = [code for code, _name in settings.LANGUAGES]
print("LANGUAGES", " ".join(codes))
SiteIdentity.objects.update(languages=" ".join(codes))  # the city publishes them all
# What each page shows of the third language, beyond answering 200.
SHOWS = {
    "actionplan:action": lambda code: "Regenbogen-Zebrastreifen" if code == "de" else "",
    "actionplan:progress_board": lambda code: f'name="action-{action.pk}-text_de"',
    "events:create": lambda code: 'name="title_de"',
    "partners:activity_create": lambda code: "<form",
}
for code in codes:
    for client, pages in [(anonymous, PUBLIC), (staff, STAFF), (member, MEMBER)]:
        for name, kwargs in pages:
            with translation.override(code):
                obj = {"actionplan:action": action, "events:detail": event,
                       "partners:detail": partner}.get(name)  # fmt: skip
                url = obj.get_absolute_url() if obj else reverse(name, kwargs=kwargs)
            response = client.get(url, follow=True)
            expected = SHOWS.get(name, lambda code: "")(code)
            if response.status_code != 200:
                print("PROBLEM", code, url, response.status_code)
            elif expected not in response.content.decode():
                print("PROBLEM", code, url, f"does not show {expected}")
print("DONE")
