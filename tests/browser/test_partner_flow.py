"""Done when: staff invite a partner member, who accepts, logs an activity and submits it;
staff accept it and it shows on the action and partner pages, all through the browser."""

import re

import pytest
from django.core import mail

from actionplan.loader import load_rainbow_plan
from actionplan.models import Action
from partners.models import Partner
from tests.browser.steps import sign_in, sign_out
from tests.factories import StaffUserFactory, totp_code

pytestmark = pytest.mark.django_db(transaction=True)

STAFF_PASSWORD = "stadhuis-regenboog-2026"


def test_invitation_to_published_activity(page):
    load_rainbow_plan()
    staff = StaffUserFactory(email="staff@genk.example", username="staff@genk.example")
    staff.set_password(STAFF_PASSWORD)
    staff.save()
    ogwa = Partner.objects.get(slug_nl="ogwa")
    idahot = Action.objects.get(identifier="2023-1")

    # City staff invite a member of OGWA.
    first_code = totp_code()
    sign_in(page, "staff@genk.example", STAFF_PASSWORD, first_code)
    page.get_by_text("Invite people to a partner").click()
    page.get_by_role("link", name="OGWA").click()
    page.get_by_label("Email address").fill("sam@ogwa.example")
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_text("The invitation was sent to sam@ogwa.example").wait_for()
    sign_out(page)

    # The invitee opens the link from the email and creates an account.
    link = re.search(r"https?://\S+/invitation/\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_label("New password*", exact=True).fill("een-veilige-zin-2026")
    page.get_by_label("New password confirmation*", exact=True).fill("een-veilige-zin-2026")
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url("**/en/workspace/")

    # They log an activity and submit it.
    page.get_by_role("link", name="Log an activity").click()
    # The texts come in one tab per language, Dutch first; English waits behind its tab
    # (the tabs appear once the page's deferred script has run).
    page.get_by_role("tab", name="English").wait_for()
    english_title = page.get_by_label("Title (English)")
    assert not english_title.is_visible()
    page.get_by_label("Title (Dutch)").fill("IDAHOT-wandeling door Genk")
    page.get_by_label("Description (Dutch)*", exact=True).fill(
        "Een wandeling met **regenboogvlaggen** vanaf het stadhuis."
    )
    page.get_by_role("tab", name="English").click()
    assert not page.get_by_label("Title (Dutch)").is_visible()
    english_title.fill("IDAHOT walk through Genk")
    page.get_by_label("Description (English)", exact=True).fill(
        "A walk with **rainbow flags** from the city hall."
    )
    page.get_by_label("Date").fill("2026-05-17")
    page.get_by_label("Action of the plan").select_option(label=f"1. {idahot.title_en}")
    page.get_by_label("LGBTI+ people").check()
    page.get_by_label("Number of participants").fill("48")
    page.get_by_label("Show on the public website").check()
    page.get_by_role("button", name="Save as draft").click()
    page.get_by_role("button", name="Submit to the city").click()
    page.get_by_text("Submitted. The city will review the activity.").wait_for()
    sign_out(page)

    # Staff accept it from the review queue (a code is accepted once: the next one).
    sign_in(page, "staff@genk.example", STAFF_PASSWORD, totp_code(not_before=first_code))
    page.get_by_role("link", name=re.compile("1 item to review")).click()
    page.get_by_role("link", name="IDAHOT walk through Genk").click()
    page.get_by_label("Accept").check()
    page.get_by_role("button", name="Save decision").click()
    page.get_by_text("The activity was accepted.").wait_for()
    sign_out(page)

    # Anyone now sees it on the action's page and on the partner's page.
    for url in [f"/en/actions/{idahot.slug_en}/", f"/en/partners/{ogwa.slug_en}/"]:
        page.goto(url)
        assert page.get_by_role("heading", name="IDAHOT walk through Genk").is_visible(), url
        assert page.locator("strong", has_text="rainbow flags").is_visible(), url
