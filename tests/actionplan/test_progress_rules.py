"""The progress rules live on ProgressUpdate.clean: the board, the admin and the import use it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from actionplan.models import Status
from reports.exports import progress_columns
from reports.imports import parse_progress_rows
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def errors_of(action, **values):
    values = {
        "status": Status.IN_PROGRESS,
        "progress": 10,
        "date": datetime.date(2024, 1, 1),
    } | values
    with pytest.raises(ValidationError) as error:
        action.record_progress(**values)
    assert not action.updates.exists()
    return error.value.message_dict


def test_done_means_100_percent():
    action = ActionFactory()
    with translation.override("en"):
        assert (
            "“Done” means 100 %"
            in errors_of(action, status=Status.DONE, progress=40)["progress"][0]
        )
    with translation.override("nl"):
        assert "100 %" in errors_of(action, status=Status.DONE, progress=40)["progress"][0]


def test_planned_means_0_percent_unless_a_reason_is_given():
    action = ActionFactory()
    assert "progress_reason" in errors_of(action, status=Status.PLANNED, progress=30)
    action.record_progress(
        status=Status.PLANNED, progress=30, date=datetime.date(2024, 1, 1),
        progress_reason="The design was paid in advance.",
    )  # fmt: skip
    assert action.progress == 30


def test_no_update_in_the_future_or_before_the_plan_began():
    action = ActionFactory(objective__plan__start_year=2020)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert "date" in errors_of(action, date=tomorrow)
    with translation.override("en"):
        message = errors_of(action, date=datetime.date(2019, 12, 31))["date"][0]
    assert "1 January 2020" in message


def test_the_messages_are_translated():
    action = ActionFactory()
    with translation.override("en"):
        english = errors_of(action, status=Status.DONE, progress=40)["progress"][0]
    with translation.override("nl"):
        dutch = errors_of(action, status=Status.DONE, progress=40)["progress"][0]
    assert english != dutch


def test_the_board_form_shows_the_rule_on_its_field(staff_client):
    action = ActionFactory()
    response = staff_client.post(
        f"/en/workspace/progress/{action.pk}/",
        {f"action-{action.pk}-{k}": v for k, v in
         {"status": "done", "progress": "40", "date": "2024-01-01"}.items()},
    )  # fmt: skip
    assert response.status_code == 400
    assert "means 100 %" in response.content.decode()
    assert not action.updates.exists()


def test_the_import_checks_the_same_rules():
    action = ActionFactory(identifier="R-1")
    header = [str(label) for _name, label in progress_columns()]
    rows, errors = parse_progress_rows(
        [header, ["R-1", "2024-01-01", "done", "40", "", "", ""]], action.objective.plan
    )
    assert rows == [] and len(errors) == 1 and "100" in errors[0][1]
