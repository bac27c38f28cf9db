"""City staff edit everything in the Django admin; progress goes through record_progress."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from actionplan.models import Action, ProgressUpdate, Status

pytestmark = pytest.mark.django_db


def admin_models():
    return list(admin.site._registry)


@pytest.mark.parametrize("user_fixture", ["staff_user", "superuser"])
def test_every_admin_list_and_form_loads(client, rainbow_plan, request, user_fixture):
    user = request.getfixturevalue(user_fixture)
    client.force_login(user)
    for model in admin_models():
        app_label, model_name = model._meta.app_label, model._meta.model_name
        name = f"admin:{app_label}_{model_name}_changelist"
        if not user.has_perm(f"{app_label}.view_{model_name}"):
            assert client.get(reverse(name)).status_code == 403, name
            continue
        response = client.get(reverse(name), {"q": "genk"})
        assert response.status_code == 200, name
        request = RequestFactory().get("/admin/")
        request.user = user
        add_allowed = admin.site._registry[model].has_add_permission(request)
        add_url = name.replace("_changelist", "_add")
        assert client.get(reverse(add_url)).status_code == (200 if add_allowed else 403), add_url
        obj = model._default_manager.first()
        if obj is not None:
            change_url = reverse(name.replace("_changelist", "_change"), args=[obj.pk])
            assert client.get(change_url).status_code == 200, change_url
            history_url = reverse(name.replace("_changelist", "_history"), args=[obj.pk])
            assert client.get(history_url).status_code == 200, history_url


def test_city_staff_group_has_exactly_the_permissions_staff_need():
    codenames = set(
        Group.objects.get(name="City staff").permissions.values_list("codename", flat=True)
    )
    assert {"change_action", "add_progressupdate", "change_partner", "change_page"} <= codenames
    assert "delete_action" not in codenames
    assert "change_progressupdate" not in codenames  # a recorded update is history
    assert not {c for c in codenames if c.endswith(("_user", "_group", "_permission"))}


def action_form_data(action, **update):
    """The action's change form as the browser posts it, with one new progress update row."""
    data = {
        "objective": action.objective_id,
        "identifier": action.identifier,
        "title_nl": action.title_nl,
        "title_en": action.title_en,
        "slug_nl": action.slug_nl,
        "slug_en": action.slug_en,
        "summary_nl": action.summary_nl,
        "summary_en": action.summary_en,
        "description_nl": action.description_nl,
        "description_en": action.description_en,
        "start_year": action.start_year or "",
        "end_year": action.end_year or "",
        "is_public": "on",
        "target_groups": [g.pk for g in action.target_groups.all()],
        "partner_roles-TOTAL_FORMS": "0",
        "partner_roles-INITIAL_FORMS": "0",
        "updates-TOTAL_FORMS": str(action.updates.count() + 1),
        "updates-INITIAL_FORMS": str(action.updates.count()),
    }
    for index, existing in enumerate(action.updates.all()):
        data[f"updates-{index}-id"] = existing.pk
        data[f"updates-{index}-action"] = action.pk
    new = action.updates.count()
    data.update({f"updates-{new}-{key}": value for key, value in update.items()})
    data[f"updates-{new}-action"] = action.pk
    return data


def test_staff_record_progress_from_the_action_form(staff_client, staff_user, rainbow_plan):
    action = Action.objects.get(identifier="2023-6")
    url = reverse("admin:actionplan_action_change", args=[action.pk])

    response = staff_client.post(
        url,
        action_form_data(
            action,
            date="2026-05-17",
            status=Status.IN_PROGRESS,
            progress="30",
            text_nl="Ontwerp goedgekeurd.",
            text_en="Design approved.",
            internal_note="Budget 2026",
        ),
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    action.refresh_from_db()
    assert (action.status, action.progress) == (Status.IN_PROGRESS, 30)
    update = action.updates.first()
    assert (update.text_en, update.author) == ("Design approved.", staff_user)


@pytest.mark.parametrize(
    ("field", "value"), [("progress", "150"), ("progress", "veel"), ("status", "finished")]
)
def test_bad_progress_in_the_admin_is_a_form_error(staff_client, rainbow_plan, field, value):
    action = Action.objects.get(identifier="2023-6")
    before = ProgressUpdate.objects.count()
    update = {"date": "2026-05-17", "status": Status.DONE, "progress": "100", field: value}

    response = staff_client.post(
        reverse("admin:actionplan_action_change", args=[action.pk]),
        {**action_form_data(action, **update), "title_nl": "Mijn nieuwe titel"},
    )

    assert response.status_code == 200
    assert response.context["errors"]
    assert "Mijn nieuwe titel" in response.content.decode()  # what was typed is kept
    assert ProgressUpdate.objects.count() == before
    action.refresh_from_db()
    assert action.status == Status.PLANNED


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("admin:actionplan_action_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
