import datetime
import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from actionplan.models import Action, Objective, Plan, TargetGroup, YearFocus, YearFocusItem
from events.models import Event, Place, PlaceKind, Publication
from genk_rainbow.identity import SiteIdentity
from genk_rainbow.models import Page
from genk_rainbow.roles import CITY_STAFF_GROUP
from indicators.models import Indicator
from partners.models import Partner, PartnerKind

PASSWORD_FOR_TESTS = "a-long-test-password-42"


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup

    code = factory.Sequence(lambda n: f"group-{n}")
    name_nl = factory.Sequence(lambda n: f"Doelgroep {n}")
    name_en = factory.Sequence(lambda n: f"Target group {n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name_nl = factory.Sequence(lambda n: f"Partner {n}")
    name_en = factory.SelfAttribute("name_nl")
    slug_nl = factory.Sequence(lambda n: f"partner-{n}")
    slug_en = factory.Sequence(lambda n: f"partner-en-{n}")
    kind = PartnerKind.ADVOCACY
    summary_nl = "Een partner van de stad."
    summary_en = "A partner of the city."


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    title_nl = factory.Sequence(lambda n: f"Plan {n}")
    title_en = factory.Sequence(lambda n: f"Plan {n}")
    slug_nl = factory.Sequence(lambda n: f"plan-{n}")
    slug_en = factory.Sequence(lambda n: f"plan-{n}")
    start_year = 2020
    end_year = 2025
    state = "ended"


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title_nl = factory.Sequence(lambda n: f"Doelstelling {n}")
    title_en = factory.Sequence(lambda n: f"Objective {n}")
    slug_nl = factory.Sequence(lambda n: f"doelstelling-{n}")
    slug_en = factory.Sequence(lambda n: f"objective-{n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    objective = factory.SubFactory(ObjectiveFactory)
    identifier = factory.Sequence(lambda n: f"A-{n}")
    title_nl = factory.Sequence(lambda n: f"Actie {n}")
    title_en = factory.Sequence(lambda n: f"Action {n}")
    slug_nl = factory.Sequence(lambda n: f"actie-{n}")
    slug_en = factory.Sequence(lambda n: f"action-{n}")
    summary_nl = "Samenvatting."
    summary_en = "Summary."
    start_year = 2023
    end_year = 2025


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"indicator-{n}")
    name_nl = factory.Sequence(lambda n: f"Indicator {n} (nl)")
    name_en = factory.Sequence(lambda n: f"Indicator {n}")
    slug_nl = factory.Sequence(lambda n: f"indicator-nl-{n}")
    slug_en = factory.Sequence(lambda n: f"indicator-{n}")
    unit_nl = "mensen"
    unit_en = "people"

    @factory.post_generation
    def objectives(self, create, extracted, **kwargs):
        if create and extracted:
            self.objectives.set(extracted)

    @factory.post_generation
    def actions(self, create, extracted, **kwargs):
        if create and extracted:
            self.actions.set(extracted)


class YearFocusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearFocus

    plan = factory.SubFactory(PlanFactory)
    year = factory.Sequence(lambda n: 2000 + n)
    intro_nl = "De nadruk ligt op:"
    intro_en = "The emphasis is on:"


class YearFocusItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearFocusItem


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page
        django_get_or_create = ["key"]

    title_nl = factory.LazyAttribute(lambda page: f"Pagina {page.key}")
    title_en = factory.LazyAttribute(lambda page: f"Page {page.key}")
    body_nl = "Tekst."
    body_en = "Text."


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}@example.org")
    email = factory.SelfAttribute("username")
    password = factory.django.Password(PASSWORD_FOR_TESTS)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """Accounts here come from invitations, which verify the address (allauth's record)."""
        if create and self.email:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        """Staff accounts use two-factor authentication, as the portal requires: they get an
        authenticator app with TOTP_SECRET unless `totp=False` is passed."""
        if create and (self.is_staff if extracted is None else extracted):
            TOTP.activate(self, TOTP_SECRET)


# A fixed authenticator-app secret for test accounts (base32, as the apps use).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret=TOTP_SECRET, not_before=None):
    """The code an authenticator app shows now. A code is accepted once: pass the last code
    used to wait for the next 30-second period instead of reusing it."""
    while True:
        code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
        if code != not_before:
            return code
        time.sleep(1)


class StaffUserFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def city_staff(self, create, extracted, **kwargs):
        if create:
            # get_or_create: transactional (browser) tests flush what data migrations made.
            self.groups.add(Group.objects.get_or_create(name=CITY_STAFF_GROUP)[0])


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name_nl = factory.Sequence(lambda n: f"Zaal {n}")
    name_en = factory.LazyAttribute(lambda place: place.name_nl)
    slug_nl = factory.Sequence(lambda n: f"zaal-{n}")
    slug_en = factory.Sequence(lambda n: f"hall-{n}")
    slug = factory.LazyAttribute(lambda place: place.slug_nl)
    kind = PlaceKind.VENUE
    locality = "Genk"


class SiteIdentityFactory(factory.django.DjangoModelFactory):
    """Genk's names, as its content file gives them."""

    class Meta:
        model = SiteIdentity

    city_name_nl, city_name_en = "Stad Genk", "City of Genk"
    site_name_nl, site_name_en = "Regenboog Genk", "Rainbow Genk"
    languages = "nl en"
    locality = "Genk"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title_nl = factory.Sequence(lambda n: f"Activiteit {n}")
    title_en = factory.Sequence(lambda n: f"Event {n}")
    slug_nl = factory.Sequence(lambda n: f"activiteit-{n}")
    slug_en = factory.Sequence(lambda n: f"event-{n}")
    summary_nl = "Een activiteit in Genk."
    summary_en = "An event in Genk."
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))
    publication = Publication.PUBLISHED
