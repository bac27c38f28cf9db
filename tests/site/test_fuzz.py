"""Fuzzing with hypothesis: every form of the project gets well-formed and hostile input and
answers with form errors, never an exception; every public page without arguments answers
any query string without a server error.

Forms are discovered (every Form subclass in the project's apps), so a form added later is
fuzzed too, or fails `test_every_form_can_be_built` until FORM_KWARGS says how to build it."""

import importlib
import time
import urllib.parse

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.extra.django import from_field, from_form

from partners.models import Activity, Invitation, Membership, Role
from tests.factories import (
    ActionFactory,
    EventFactory,
    IndicatorFactory,
    PartnerFactory,
    StaffUserFactory,
    TargetGroupFactory,
    UserFactory,
)
from tests.site.test_permissions import MATRIX

# A failing example prints the form; its repr is long, which is fine.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

PROJECT_APPS = [
    app.name for app in apps.get_app_configs() if (settings.BASE_DIR / app.name).is_dir()
]

FUZZ = hypothesis_settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI failures can be replayed
    database=None,  # so nothing is written to .hypothesis/
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# The edges of the calendar, in every shape a date input may take (the probe froze a worker
# with ?day=9999-06-01: a repeating event stepped past the year 9999).
CALENDAR_EDGES = st.sampled_from(
    [f"{y}-{m}-{d}" for y in ["0001", "0000", "1999", "2000", "2100", "2101", "9999", "10000"]
     for m, d in [("01", "01"), ("02", "29"), ("12", "31"), ("13", "01"), ("06", "00")]]
    + ["9999-11", "0001-01", "2026-13", "9999-12-31T23:59", "0001-01-01T00:00", "2024-02-29",
       "2026-02-29", "9999", "1"]
)  # fmt: skip
HOSTILE_TEXT = st.one_of(
    CALENDAR_EDGES,
    st.text(max_size=300),
    st.sampled_from(
        ["", " ", "0", "-1", "9" * 40, "2026-02-30", "1e309", "NaN", "\x00", "<script>x</script>",
         "' OR 1=1 --", "../../etc/passwd", "%00", "\u202e", "😀" * 50, "a" * 5000]
    ),
    st.integers().map(str),
)  # fmt: skip
HOSTILE_FILES = st.one_of(
    st.none(),
    st.binary(max_size=2048).map(lambda data: SimpleUploadedFile("photo.jpg", data, "image/jpeg")),
)


def project_forms():
    for app in PROJECT_APPS:
        try:
            importlib.import_module(f"{app}.forms")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.forms":
                raise

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    found = {
        form
        for form in subclasses(forms.BaseForm)
        if form.__module__.split(".")[0] in PROJECT_APPS and not form.__name__.endswith("Mixin")
    }
    return sorted(found, key=lambda form: f"{form.__module__}.{form.__name__}")


@pytest.fixture
def world(db):
    member = UserFactory()
    partner = PartnerFactory()
    Membership.objects.create(user=member, partner=partner, role=Role.ADMIN)
    action = ActionFactory(objective__plan__state="current", is_public=True)
    TargetGroupFactory()
    invitation, _token = Invitation.create(
        email="new@example.org", partner=partner, role=Role.MEMBER, invited_by=StaffUserFactory()
    )
    activity = Activity.objects.create(
        partner=partner,
        title="Vorming",
        date="2024-05-17",
        description="Verslag.",
        status="submitted",
    )
    return {
        "member": member,
        "partner": partner,
        "repeating": EventFactory(organiser=partner, recurrence="weekly"),
        "invitation": invitation,
        "action": action,
        "activity": activity,
        "indicator": IndicatorFactory(plan=action.objective.plan),
    }


# How to build each form, as its view does.
FORM_KWARGS = {
    "partners.forms.ActivityForm": lambda w: {"user": w["member"]},
    "genk_rainbow.review.ReviewForm": lambda w: {"item": w["activity"]},
    "partners.forms.InvitationForm": lambda w: {"partner": w["partner"]},
    "partners.forms.AcceptInvitationForm": lambda w: {"invitation": w["invitation"]},
    "actionplan.forms.ProgressForm": lambda w: {"action": w["action"]},
    "actionplan.forms.BoardFilterForm": lambda w: {"objectives": [w["action"].objective]},
    "events.forms.EventForm": lambda w: {"user": w["member"]},
    "reports.forms.ImportForm": lambda w: {},
    "reports.forms.FreezeForm": lambda w: {"plan": w["action"].objective.plan, "year": 2024},
    "genk_rainbow.workspace.EraseAccountForm": lambda w: {},
    "genk_rainbow.workspace.MailSettingsForm": lambda w: {},
    "actionplan.forms.ActionPeopleForm": lambda w: {"instance": w["action"]},
    "events.forms.OccurrenceOverrideForm": lambda w: {"event": w["repeating"]},
    "indicators.forms.ValueForm": lambda w: {"indicator": w["indicator"]},
    "indicators.forms.TargetForm": lambda w: {"indicator": w["indicator"]},
    "reports.forms.IndicatorImportForm": lambda w: {},
}


def dotted(form):
    return f"{form.__module__}.{form.__name__}"


def test_forms_are_found():
    assert "partners.forms.ActivityForm" in [dotted(form) for form in project_forms()]


@pytest.mark.parametrize("form", project_forms(), ids=dotted)
def test_every_form_can_be_built(form, world):
    assert dotted(form) in FORM_KWARGS, f"say in FORM_KWARGS how {dotted(form)} is built"
    form(**FORM_KWARGS[dotted(form)](world))


def field_strategies(form, kwargs):
    """For every field: what hypothesis infers for its type, or hostile text (or bytes)."""
    strategies = {}
    for name, field in form(**kwargs).fields.items():
        if field.disabled or isinstance(field, forms.MultiValueField):
            continue
        if isinstance(field, forms.FileField):
            strategies[name] = HOSTILE_FILES
            continue
        try:
            inferred = from_field(field)
            inferred.validate()
        except Exception:  # hypothesis cannot infer every field type (model choices)
            inferred = st.nothing()
        choices = [str(value) for value, _label in getattr(field, "choices", [])][:50]
        strategies[name] = st.one_of(
            inferred, HOSTILE_TEXT, st.sampled_from(choices) if choices else st.nothing()
        )
    return strategies


@pytest.mark.parametrize(
    "form", [f for f in project_forms() if dotted(f) in FORM_KWARGS], ids=dotted
)
def test_forms_answer_any_input_with_errors_not_exceptions(form, world):
    kwargs = FORM_KWARGS[dotted(form)](world)

    @FUZZ
    @given(from_form(form, form_kwargs=kwargs, **field_strategies(form, kwargs)))
    def check(bound):
        if not bound.is_valid():
            for messages in bound.errors.values():
                assert all(isinstance(message, str) and message for message in messages)

    check()


PUBLIC_PAGES = sorted(
    name
    for name, (kwargs, method, _data, expected) in MATRIX.items()
    if kwargs == {} and method == "get" and expected["anonymous"] == 200
)
QUERY_STRINGS = st.one_of(
    st.dictionaries(HOSTILE_TEXT, HOSTILE_TEXT, max_size=4).map(urllib.parse.urlencode),
    st.lists(st.sampled_from(["day", "month", "date"]), min_size=1, max_size=2)
    .flatmap(lambda keys: st.tuples(*[st.tuples(st.just(k), CALENDAR_EDGES) for k in keys]))
    .map(urllib.parse.urlencode),
    st.lists(
        st.sampled_from(["page", "q", "status", "year", "kind", "lang", "next", "day", "month"]),
        max_size=3,
    )
    .flatmap(lambda keys: st.tuples(*[st.tuples(st.just(k), HOSTILE_TEXT) for k in keys]))
    .map(urllib.parse.urlencode),
    st.text(alphabet="%&=?#+;/\\abc01", max_size=40),
)


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_answer_any_query_string(client, rainbow_plan, name):
    assert PUBLIC_PAGES, "the matrix has public pages"
    url = reverse(name)

    @FUZZ
    @given(QUERY_STRINGS)
    def check(query):
        began = time.monotonic()
        response = client.get(f"{url}?{query}")
        assert response.status_code < 500, f"{url}?{query}"
        assert time.monotonic() - began < 2, f"{url}?{query} took over 2 s"

    check()
