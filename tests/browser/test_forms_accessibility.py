"""WCAG 2.1 AA in a real browser for the forms of city staff and partners: sign in, invitation,
workspace, logging an activity (also with its errors shown), review and members, in Dutch and
English. axe-core must find nothing; the browser asks nothing of any other host."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from actionplan.loader import load_rainbow_plan
from actionplan.models import Objective
from actionplan.workspace import BOARD_PAGE_SIZE
from partners.models import Activity, ActivityStatus, Invitation, Membership, Partner, Role
from tests.factories import ActionFactory, StaffUserFactory, UserFactory, totp_code
from workspace.workspace import REVIEW_PAGE_SIZE

from .axe import describe, preload, violations

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["nl", "en"]  # the languages Genk publishes (its content file)
PASSWORD = "regenboog-toetsenbord-2026"


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def sign_in(page, email, code=None):
    page.goto(url("account_login", "en"))
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    if code:  # city staff: the code of their authenticator app comes second
        page.wait_for_url("**/accounts/2fa/authenticate/")
        page.locator("input[name=code]").fill(code)
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/workspace/")


def account(factory, email):
    user = factory(email=email, username=email)
    user.set_password(PASSWORD)
    user.save()
    return user


class Checker:
    """Runs axe-core on each page state and keeps a readable list of what failed, plus every
    request the browser made."""

    def __init__(self, browser, live_server):
        self.browser, self.portal = browser, urlsplit(live_server.url).netloc
        self.base_url = live_server.url
        self.problems, self.requested, self.checked = [], [], 0
        self.contexts = []

    def new_page(self):
        context = self.browser.new_context(base_url=self.base_url)
        context.on("request", lambda request: self.requested.append(request.url))
        preload(context)
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    def check(self, page, label, expected_status=None, response=None):
        if response is not None and expected_status and response.status != expected_status:
            self.problems.append(f"{label}: HTTP {response.status}, expected {expected_status}")
        found = violations(page)
        if found:
            self.problems.append(describe(f"{label} ({page.url})", found))
        self.checked += 1

    def visit(self, page, path, expected_status=200):
        self.check(page, path, expected_status, page.goto(path))

    def close(self):
        for context in self.contexts:
            context.close()

    def foreign_requests(self):
        return sorted({u for u in self.requested if urlsplit(u).netloc != self.portal})


def test_staff_and_partner_forms_pass_axe_in_both_languages(browser, live_server):
    load_rainbow_plan()
    ogwa = Partner.objects.get(slug_nl="ogwa")
    staff = account(StaffUserFactory, "staff@genk.example")
    member = account(UserFactory, "sam@ogwa.example")
    Membership.objects.create(user=member, partner=ogwa, role=Role.ADMIN)
    submitted = Activity.objects.create(
        partner=ogwa,
        title="IDAHOT-wandeling",
        date=datetime.date(2026, 5, 17),
        description="Een wandeling met **regenboogvlaggen**.",
        created_by=member,
        status=ActivityStatus.SUBMITTED,
    )
    # enough for a second page on the progress board and in the review queue
    objective = Objective.objects.get(number=6)
    for number in range(BOARD_PAGE_SIZE):
        ActionFactory(objective=objective, identifier=f"6.{number + 1}", end_year=2030)
    for number in range(REVIEW_PAGE_SIZE):
        Activity.objects.create(
            partner=ogwa, title=f"Vorming {number}", date=datetime.date(2026, 3, 1),
            description="x", created_by=member, status=ActivityStatus.SUBMITTED,
        )  # fmt: skip
    _, token = Invitation.create(
        email="new@ogwa.example", partner=ogwa, role=Role.MEMBER, invited_by=staff
    )
    checker = Checker(browser, live_server)

    anonymous = checker.new_page()
    for language in LANGUAGES:
        login = url("account_login", language)
        checker.visit(anonymous, login)
        anonymous.locator("input[name=login]").fill("nobody@example.org")
        anonymous.locator("input[name=password]").fill("wrong-password")
        anonymous.locator("main form button[type=submit]").click()
        anonymous.locator(".alert-danger, .invalid-feedback").first.wait_for()
        checker.check(anonymous, f"{login} after a wrong password")
        checker.visit(anonymous, url("partners:invitation", language, token=token))

    partner_page = checker.new_page()
    sign_in(partner_page, member.email)
    for language in LANGUAGES:
        checker.visit(partner_page, url("workspace", language))
        checker.visit(partner_page, url("my_data", language))
        create = url("partners:activity_create", language)
        checker.visit(partner_page, create)
        partner_page.locator("main form button[type=submit]").click()
        partner_page.locator("#form-errors").wait_for()
        checker.check(partner_page, f"{create} after an empty submit")
        checker.visit(
            partner_page, url("partners:members", language, slug=getattr(ogwa, f"slug_{language}"))
        )

    staff_page = checker.new_page()
    sign_in(staff_page, staff.email, totp_code())
    for language in LANGUAGES:
        checker.visit(staff_page, url("workspace", language))
        checker.visit(staff_page, url("review_queue", language))
        board = url("actionplan:progress_board", language)
        checker.visit(staff_page, board)
        checker.visit(staff_page, f"{board}?objective=999&page=abc")  # notices, filter errors
        checker.visit(staff_page, f"{board}?page=2")
        card = staff_page.locator("main article").first
        card.locator("summary").click()
        card.locator("input[type=number]").fill("140")
        card.locator("button[type=submit]").click()
        staff_page.locator("#form-errors").wait_for()
        checker.check(staff_page, f"{board}?page=2 after an invalid progress")
        indicators = url("indicators:board", language)
        checker.visit(staff_page, indicators)
        card = staff_page.locator("main article").first
        card.locator("summary").first.click()
        card.locator("input[type=date]").fill("2099-01-01")
        card.locator("button[type=submit]").first.click()
        staff_page.locator("#form-errors").wait_for()
        checker.check(staff_page, f"{indicators} after a value dated in the future")
        checker.visit(staff_page, url("events:create", language))
        checker.visit(staff_page, url("reports:import_progress", language))
        checker.visit(staff_page, url("reports:import_indicator_values", language))
        review = url("partners:activity_detail", language, pk=submitted.pk)
        checker.visit(staff_page, review)
        staff_page.locator("input[name=decision][value=return]").check()
        staff_page.locator("#review-heading ~ form button[type=submit]").click()
        staff_page.locator("#form-errors").wait_for()
        checker.check(staff_page, f"{review} after returning without a comment")
        members = url("partners:members", language, slug=getattr(ogwa, f"slug_{language}"))
        checker.visit(staff_page, members)
        staff_page.locator("input[name=email]").fill("not an address")
        staff_page.locator("main form button[type=submit]").last.click()
        staff_page.locator("#form-errors").wait_for()
        checker.check(staff_page, f"{members} after an invalid address")

    checker.close()
    assert not checker.problems, "\n\n".join(checker.problems)
    assert checker.checked == len(LANGUAGES) * 23
    assert not checker.foreign_requests(), checker.foreign_requests()
    assert Activity.objects.get(pk=submitted.pk).status == ActivityStatus.SUBMITTED
