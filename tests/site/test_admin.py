"""City staff edit everything in the Django admin; progress goes through record_progress."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from actionplan.models import Action, ProgressUpdate, Status
from partners.models import Membership, Role
from tests.factories import PartnerFactory, UserFactory

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


def membership_user_search(client, term):
    return client.get(
        reverse("admin:autocomplete"),
        {"app_label": "partners", "model_name": "membership", "field_name": "user", "term": term},
    )


def test_city_staff_find_a_user_to_add_as_member_but_cannot_open_users(staff_client):
    person = UserFactory(username="anna@cavaria.be", email="anna@cavaria.be")
    UserFactory(username="bert@example.org", email="bert@example.org")

    response = membership_user_search(staff_client, "anna")

    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(person.pk), "text": "anna@cavaria.be"}]
    # The opening is the membership form's user search only: no user list, no user form.
    assert staff_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    change = reverse("admin:auth_user_change", args=[person.pk])
    assert staff_client.get(change).status_code == 403
    other_search = {"app_label": "partners", "model_name": "invitation", "field_name": "user"}
    assert staff_client.get(reverse("admin:autocomplete"), other_search).status_code == 403


def test_city_staff_add_a_membership_in_the_admin(staff_client):
    person, partner = UserFactory(), PartnerFactory()
    response = staff_client.post(
        reverse("admin:partners_membership_add"),
        {"user": person.pk, "partner": partner.pk, "role": Role.MEMBER},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=person, partner=partner).exists()


def test_a_partner_admin_cannot_search_users(client):
    partner_admin = UserFactory()
    Membership.objects.create(user=partner_admin, partner=PartnerFactory(), role=Role.ADMIN)
    client.force_login(partner_admin)
    response = membership_user_search(client, "user")
    assert response.status_code == 302  # not admin staff: to the sign-in page
    assert "/login/" in response["Location"]
