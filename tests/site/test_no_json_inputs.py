"""Nobody types JSON: no form of the workspace or the admin has a raw JSON field (the exception
dates of a repeating event wanted `["2029-06-20"]` in the admin)."""

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory

from tests.site.test_fuzz import FORM_KWARGS, dotted, project_forms, world  # noqa: F401


def json_fields(form):
    return [name for name, field in form.fields.items() if isinstance(field, forms.JSONField)]


@pytest.mark.parametrize("form", project_forms(), ids=dotted)
def test_no_workspace_form_asks_for_json(form, world):  # noqa: F811
    assert json_fields(form(**FORM_KWARGS[dotted(form)](world))) == []


@pytest.mark.django_db
def test_no_admin_form_asks_for_json(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    found = {}
    for model, model_admin in admin.site._registry.items():
        form = model_admin.get_form(request)()
        if names := json_fields(form):
            found[model._meta.label] = names
    assert found == {}
