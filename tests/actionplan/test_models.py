import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from actionplan.models import Action, Objective, ProgressUpdate, Rollup, Status
from tests.factories import ActionFactory, ObjectiveFactory, PlanFactory

pytestmark = pytest.mark.django_db


def test_record_progress_changes_state_and_adds_update(staff_user):
    action = ActionFactory()

    update = action.record_progress(
        status=Status.IN_PROGRESS,
        progress=40,
        date=datetime.date(2024, 5, 17),
        text={"nl": "Campagne gestart.", "en": "Campaign started."},
        internal_note="Budget approved",
        author=staff_user,
    )

    action.refresh_from_db()
    assert (action.status, action.progress) == (Status.IN_PROGRESS, 40)
    assert list(action.updates.all()) == [update]
    assert update.author == staff_user
    with translation.override("en"):
        assert ProgressUpdate.objects.get().text == "Campaign started."


def test_backdated_update_keeps_the_latest_state():
    action = ActionFactory()
    action.record_progress(status=Status.DONE, progress=100, date=datetime.date(2025, 1, 1))

    action.record_progress(status=Status.IN_PROGRESS, progress=50, date=datetime.date(2024, 1, 1))

    action.refresh_from_db()
    assert (action.status, action.progress) == (Status.DONE, 100)
    assert [u.progress for u in action.updates.all()] == [100, 50]


@pytest.mark.parametrize(
    ("status", "progress", "field"),
    [(Status.DONE, 101, "progress"), (Status.DONE, -1, "progress"), ("finished", 10, "status")],
)
def test_record_progress_rejects_bad_values_and_writes_nothing(status, progress, field):
    action = ActionFactory()

    with pytest.raises(ValidationError) as error:
        action.record_progress(status=status, progress=progress, date=datetime.date(2024, 1, 1))

    assert field in error.value.message_dict
    action.refresh_from_db()
    assert (action.status, action.progress) == (Status.PLANNED, None)
    assert not action.updates.exists()


@pytest.mark.parametrize(
    "change", [{"progress": 150}, {"status": "finished"}], ids=["progress", "status"]
)
def test_database_refuses_invalid_state(change):
    action = ActionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(**change)


def test_objective_progress_is_average_of_counted_public_actions():
    objective = ObjectiveFactory()
    for progress, status, public in [
        (20, Status.IN_PROGRESS, True),
        (60, Status.IN_PROGRESS, True),
        (100, Status.STOPPED, True),  # stopped: not counted
        (90, Status.IN_PROGRESS, False),  # internal: not counted
    ]:
        action = ActionFactory(objective=objective, is_public=public)
        action.record_progress(status=status, progress=progress, date=datetime.date(2024, 1, 1))

    annotated = Objective.objects.with_progress().get(pk=objective.pk)

    assert annotated.progress == 40
    assert annotated.action_count == 3
    assert objective.plan.rollup().progress == 40


def test_plan_progress_without_actions_is_unknown():
    assert PlanFactory().rollup().progress is None


def test_english_text_falls_back_to_dutch():
    action = ActionFactory(title_nl="Regenboogbank", title_en="")
    with translation.override("en"):
        assert Action.objects.get(pk=action.pk).title == "Regenboogbank"


def test_end_year_before_start_year_is_a_validation_error():
    action = ActionFactory.build(start_year=2025, end_year=2020)
    with pytest.raises(ValidationError) as error:
        action.clean()
    assert "end_year" in error.value.message_dict


def test_the_plan_rollup_from_its_objectives_equals_the_plan_query():
    plan = PlanFactory()
    for number, values in enumerate([[10, 20, None], [75], [None]], start=1):
        objective = ObjectiveFactory(plan=plan, number=number)
        for progress in values:
            action = ActionFactory(objective=objective)
            if progress is not None:
                action.record_progress(
                    status=Status.IN_PROGRESS, progress=progress, date=datetime.date(2024, 1, 1)
                )
    objectives = Objective.objects.filter(plan=plan).with_progress()
    assert Rollup.combine(objectives) == plan.rollup() == Rollup(35, 5, 3)
