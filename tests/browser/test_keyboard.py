"""Keyboard alone: the skip link comes first and moves focus to the main content; Tab reaches
every control of the home page and of the activity form, and focus is always visible."""

import pytest

from actionplan.loader import load_rainbow_plan
from partners.models import Membership, Partner
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "regenboog-toetsenbord-2026"

# Numbers every control a keyboard user should reach (visible, enabled, in the tab order);
# radio buttons of one group count as one stop, as the browser treats them.
MARK_CONTROLS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]';
  const stops = [];
  document.querySelectorAll(selector).forEach((el) => {
    if (el.disabled || el.tabIndex < 0 || el.getClientRects().length === 0) return;
    if (getComputedStyle(el).visibility === 'hidden') return;
    const name = el.type === 'radio' ? 'radio:' + el.name : null;
    let stop = name && stops.find((s) => s.name === name);
    if (!stop) { stop = {name, label: el.outerHTML.slice(0, 120)}; stops.push(stop); }
    el.dataset.kbStop = stops.indexOf(stop);
  });
  return stops.map((s) => s.label);
}"""

# Where focus is now and whether a sighted keyboard user can see it.
FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== 'none';
  const onScreen = rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
    && rect.top < innerHeight && rect.left < innerWidth;
  return {
    stop: el.dataset.kbStop === undefined ? null : Number(el.dataset.kbStop),
    isBody: el === document.body,
    visible: (outline || shadow) && onScreen,
    label: el.outerHTML.slice(0, 120),
  };
}"""


def tab_through(page):
    """Press Tab from the top of the page until focus leaves the page or comes back round;
    return the controls never reached and the focus stops that were not visible."""
    page.emulate_media(reduced_motion="reduce")  # no smooth scrolling: focus is in view at once
    controls = page.evaluate(MARK_CONTROLS)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    reached, invisible, first = set(), [], None
    # Some controls take several presses (a date field has a stop per part).
    for _ in range(2 * len(controls) + 10):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["isBody"] or (reached and focused["stop"] == first):
            break
        first = focused["stop"] if first is None else first
        if not focused["visible"]:
            invisible.append(focused["label"])
        if focused["stop"] is not None:
            reached.add(focused["stop"])
    missed = [label for stop, label in enumerate(controls) if stop not in reached]
    return controls, missed, invisible


def test_skip_link_is_first_and_moves_focus_to_main(page, live_server):
    load_rainbow_plan()
    page.goto("/nl/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    assert page.evaluate(FOCUSED)["visible"]
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('main') !== null")


def test_tab_reaches_every_control_of_the_home_page_with_visible_focus(page, live_server):
    load_rainbow_plan()
    page.goto("/en/")
    controls, missed, invisible = tab_through(page)
    assert len(controls) > 20
    assert not missed, f"never reached with Tab: {missed}"
    assert not invisible, f"focus not visible on: {invisible}"


def test_tab_reaches_every_control_of_the_activity_form_with_visible_focus(page, live_server):
    load_rainbow_plan()
    member = UserFactory(email="sam@ogwa.example", username="sam@ogwa.example")
    member.set_password(PASSWORD)
    member.save()
    Membership.objects.create(user=member, partner=Partner.objects.get(slug_nl="ogwa"))
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/en/workspace/")

    page.get_by_role("link", name="Log an activity").click()
    page.wait_for_load_state()  # the language tabs are set up by a deferred script
    controls, missed, invisible = tab_through(page)
    assert any("photo" in label for label in controls)
    assert not missed, f"never reached with Tab: {missed}"
    assert not invisible, f"focus not visible on: {invisible}"

    # After an invalid submit focus starts on the error summary, whose links lead to the fields.
    page.get_by_role("button", name="Save as draft").click()
    page.wait_for_url("**/activities/new/")
    page.wait_for_function("() => document.activeElement.id === 'form-errors'")
    page.locator("#form-errors a", has_text="Title (Dutch)").click()
    assert page.evaluate("() => document.activeElement.id") == "id_title_nl"

    # An error behind the closed English tab: its link opens that tab and reaches the field.
    page.get_by_role("tab", name="English").click()
    page.evaluate("() => { document.getElementById('id_title_en').value = 'x'.repeat(201); }")
    with page.expect_navigation():
        page.get_by_role("button", name="Save as draft").click()
    page.wait_for_load_state()
    assert page.get_by_role("tab", name="English to correct").get_attribute("aria-selected") == (
        "false"  # the Dutch tab, with the first error, is the open one
    )
    page.locator("#form-errors a", has_text="Title (English)").click()
    assert page.evaluate("() => document.activeElement.id") == "id_title_en"
    assert page.get_by_label("Title (English)").is_visible()
