"""light_fields: a form's fields as crispy's Bootstrap 5 pack renders them, built in Python
(genk_rainbow/light_forms.py). Same HTML as crispy, bound and unbound, with errors."""

import re

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from actionplan.models import Objective
from events.filters import EventFilter
from events.models import Event
from genk_rainbow.light_forms import light_fields

pytestmark = pytest.mark.django_db


def crispy(form):
    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


def normal(html):
    return re.sub(r"\s*([<>])\s*", r"\1", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"q": "picknick <b>", "target_group": "lgbti", "objective": "number 3", "free": "on"},
        {"month": "bad", "day": "2030-02-31", "facility": "nothing", "online": "on"},
    ],
)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_agenda_filters_render_as_crispy_renders_them(rainbow_plan, data, language):
    if data and "objective" in data:  # a valid choice: the third objective's id
        data = {**data, "objective": str(Objective.objects.get(number=3).pk)}
    with translation.override(language):
        form = EventFilter(data, queryset=Event.objects.all()).form
        if data:
            form.is_valid()
        assert normal(light_fields(form)) == normal(crispy(form))
    assert ("is-invalid" in light_fields(form)) == bool(data and "month" in data)


def test_a_form_with_what_it_does_not_build_is_rendered_by_crispy():
    class WithHelp(forms.Form):
        name = forms.CharField(help_text="Your name as the partner uses it")
        kinds = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.CheckboxSelectMultiple)

    form = WithHelp()
    assert light_fields(form) == crispy(form)
