"""Readable history for staff: who changed which field, old and new value."""

from django.urls import reverse

from actionplan.models import Action


def test_history_shows_who_changed_which_field(staff_client, staff_user, rainbow_plan):
    action = Action.objects.get(identifier="2023-6")
    action.title_nl = "Nieuw regenboogzebrapad"
    action._history_user = staff_user
    action.save()

    html = staff_client.get(
        reverse("history", kwargs={"kind": "action", "pk": action.pk})
    ).content.decode()

    assert "Vernieuwing van het regenboogzebrapad" in html and "Nieuw regenboogzebrapad" in html
    assert staff_user.email in html
    assert staff_client.get(reverse("history", kwargs={"kind": "user", "pk": 1})).status_code == 404
