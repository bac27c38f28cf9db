"""Done when: a staff member updates the progress of 10 actions in under 2 minutes of clicking,
in the workspace. Measured by counting what the browser asks of the server: one page load, then
one form post (and its redirect) per action; the figure is in docs/performance.md."""

import time

import pytest

from actionplan.loader import load_rainbow_plan
from actionplan.models import Action, Objective, Status
from tests.browser.steps import sign_in
from tests.factories import ActionFactory, StaffUserFactory, totp_code

pytestmark = pytest.mark.django_db(transaction=True)


def test_ten_actions_updated_from_the_progress_board(page):
    load_rainbow_plan()
    objective = Objective.objects.get(number=6)
    for number in range(3):  # the seed has 7 actions; 10 are needed
        ActionFactory(
            objective=objective, identifier=f"6.{number + 1}", start_year=2024, end_year=2026
        )
    staff = StaffUserFactory(email="staff@genk.example", username="staff@genk.example")
    staff.set_password("stadhuis-regenboog-2026")
    staff.save()

    sign_in(page, "staff@genk.example", "stadhuis-regenboog-2026", totp_code())

    documents = []
    page.on(
        "request",
        lambda request: (
            documents.append(request.url) if request.resource_type == "document" else None
        ),
    )
    started = time.monotonic()
    page.get_by_role("link", name="Keep the plan current: record progress").click()
    actions = list(Action.objects.order_by("identifier")[:10])
    for index, action in enumerate(actions):
        card = page.locator(f"#action-{action.pk}")
        card.get_by_text("Record progress").click()
        card.get_by_label("Status").select_option(Status.IN_PROGRESS)
        card.get_by_label("Progress (%)").fill(str(10 + index * 5))
        card.get_by_label("Public text (English)").fill(f"Step {index + 1} done.")
        card.get_by_role("button", name=f"Save progress of {action.identifier}").click()
        page.get_by_text(f"Progress recorded for {action.title_en}").wait_for()
    elapsed = time.monotonic() - started

    assert sorted(
        Action.objects.filter(pk__in=[a.pk for a in actions]).values_list("progress", flat=True)
    ) == [10 + index * 5 for index in range(10)]
    # One board load, then per action a POST and the redirect back: 21 page requests in all.
    assert len(documents) == 21, documents
    print(f"\n10 actions updated in {elapsed:.1f} s with {len(documents)} page requests")
