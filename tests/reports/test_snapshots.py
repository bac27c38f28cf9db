"""Frozen yearly reports: a closed year's report, once frozen, is served as it was; staff may
freeze it again with a reason, and every freeze stays in its history."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation
from openpyxl import load_workbook

from actionplan.models import Action, Status
from partners.models import Activity, ActivityStatus
from reports.figures import year_report
from reports.models import YearSnapshot
from reports.snapshots import freeze, to_data, yearly_report
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def frozen_on(snapshot):
    """The day of a freeze as the English pages write it: the real moment of the freeze, in
    Brussels (the tests' "today" fixes only the date reports are made as at)."""
    with translation.override("en"):
        return formats.date_format(timezone.localtime(snapshot.frozen_at), "DATE_FORMAT")


def report_url(year, language="en"):
    with translation.override(language):
        return reverse("reports:year", kwargs={"plan": "p", "year": year})


def freeze_url(year):
    with translation.override("en"):
        return reverse("reports:freeze", kwargs={"plan": "p", "year": year})


def later_edits(crossing):
    """What may happen after a year was reported: a back-dated update, a renamed action, an
    activity of that year accepted late."""
    crossing.record_progress(
        status=Status.IN_PROGRESS, progress=80, date=datetime.date(2023, 12, 20)
    )
    Action.objects.filter(pk=crossing.pk).update(title_en="Renamed later")
    Activity.objects.create(
        partner=PartnerFactory(), title="Laat aanvaard", date=datetime.date(2023, 10, 1),
        description="x", participants_count=40, is_public=True, status=ActivityStatus.ACCEPTED,
    )  # fmt: skip


@pytest.mark.parametrize("internal", [False, True], ids=["public", "staff"])
def test_a_frozen_snapshot_stays_equal_after_later_edits(period, internal):
    plan, crossing, _later, _hidden = period
    snapshot = freeze(plan, 2023)
    for language in ["nl", "en"]:
        with translation.override(language):
            assert to_data(yearly_report(plan, 2023, internal=internal), internal) == to_data(
                year_report(plan, 2023, internal=internal), internal
            )
    with translation.override("en"):
        before = to_data(yearly_report(plan, 2023, internal=internal), internal)

    later_edits(crossing)

    with translation.override("en"):
        frozen = yearly_report(plan, 2023, internal=internal)
        computed = year_report(plan, 2023, internal=internal)
        assert to_data(frozen, internal) == before
        assert frozen.snapshot == snapshot
        assert computed.objectives[0].rollup.progress == 80  # the timeline did change
        assert frozen.objectives[0].rollup.progress == 64
        assert frozen.activity_total.participants == 0 < computed.activity_total.participants


def test_the_frozen_report_page_says_so_and_shows_the_frozen_figures(period, staff_client):
    plan, crossing, _later, _hidden = period
    frozen = frozen_on(freeze(plan, 2023))
    title = crossing.title_en
    later_edits(crossing)

    html = Client().get(report_url(2023)).content.decode()
    assert f"as at 31 December 2023, frozen on {frozen}" in html
    row = html[html.index(title) :]  # the frozen title, not "Renamed later"
    row = row[: row.index("</tr>")]
    assert "In progress" in row and "64%" in row and "80%" not in row
    assert "Renamed later" not in html and "Laat aanvaard" not in html
    staff = staff_client.get(report_url(2023)).content.decode()
    assert "intern-budget" in staff  # the staff version keeps its internal notes
    with translation.override("en"):
        sub_page = reverse(
            "reports:objective",
            kwargs={"plan": "p", "year": 2023, "objective": crossing.objective.slug},
        )
    assert f"was frozen on {frozen}" in Client().get(sub_page).content.decode()
    # The yearly report of a year not frozen is computed and says nothing of a freeze.
    assert "frozen on" not in Client().get(report_url(2024)).content.decode()


def test_refreezing_needs_a_reason_and_keeps_the_old_freeze_in_the_history(
    period, staff_client, staff_user
):
    plan, crossing, _later, _hidden = period
    first = freeze(plan, 2023, user=staff_user)
    later_edits(crossing)

    with pytest.raises(ValidationError) as error:
        freeze(plan, 2023, user=staff_user, reason="  ")
    assert "reason" in error.value.message_dict
    response = staff_client.post(freeze_url(2023), {"reason": ""})
    assert response.status_code == 400
    assert "This year was frozen before: say why it is frozen again." in response.content.decode()
    assert YearSnapshot.objects.count() == 1

    response = staff_client.post(freeze_url(2023), {"reason": "Update of 20 December was late"})
    assert response.status_code == 302
    assert YearSnapshot.objects.count() == 2
    second = YearSnapshot.objects.in_force(plan, 2023)
    assert second != first and second.reason == "Update of 20 December was late"
    with translation.override("en"):
        assert yearly_report(plan, 2023).objectives[0].rollup.progress == 80

    staff = staff_client.get(report_url(2023)).content.decode()
    history = staff[staff.index("Freezes of this year") :]
    history = history[: history.index("</table>")]
    assert "Update of 20 December was late" in history
    assert history.count(frozen_on(first)) == 2  # both freezes, with their dates
    assert YearSnapshot.objects.of(plan, 2023).last() == first  # the old one is kept
    assert "Freezes of this year" not in Client().get(report_url(2023)).content.decode()


def test_the_running_year_cannot_be_frozen(period, staff_client):
    plan = period[0]
    plan.end_year = 2030
    plan.save()
    with translation.override("en"), pytest.raises(ValidationError, match="2026 has not ended"):
        freeze(plan, 2026)
    html = staff_client.get(report_url(2026)).content.decode()
    assert "its report can be frozen from 1 January 2027" in html
    response = staff_client.post(freeze_url(2026), {"reason": "try"})
    assert response.status_code == 400
    assert "Only a year that is over can be frozen" in response.content.decode()
    assert not YearSnapshot.objects.exists()
    with pytest.raises(ValidationError):
        freeze(plan, 2019)  # before the plan


def test_a_year_export_writes_that_years_state(period, staff_client):
    plan, crossing, _later, _hidden = period

    def rows(year):
        with translation.override("en"):
            url = reverse("reports:export", kwargs={"dataset": "actions", "fmt": "xlsx"})
        content = staff_client.get(url, {"year": year} if year else {}).content
        return {
            r[0]: r for r in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
        }

    in_2023 = rows(2023)
    assert in_2023["1"][3:6] == ("In progress", 64, datetime.datetime(2023, 9, 1))  # XLSX: dates
    assert "2" not in in_2023  # added in 2024
    assert rows(None)["1"][3:5] == ("Done", 100)  # without a year: today's state
    freeze(plan, 2023)
    crossing.record_progress(
        status=Status.IN_PROGRESS, progress=80, date=datetime.date(2023, 12, 20)
    )
    assert rows(2023)["1"][3:5] == ("In progress", 64)  # the frozen year's export is frozen
    assert rows(2024)["1"][3:5] == ("In progress", 80)
